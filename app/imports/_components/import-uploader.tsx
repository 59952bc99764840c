"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type DragEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { ImportResponse } from "@/lib/import-report";
import { isLocale, type Locale } from "@/lib/format";
import { apiErrorMessage, count } from "./labels";
import { sendImport, type SendHandle, type SendResult } from "./send-file";
import { ImportPreview } from "./import-preview";
import { OverwriteDialog } from "./overwrite-dialog";

const ACCEPT = ".csv,.tsv,.txt,.json,.xlsx";

interface Progress {
  mode: "preview" | "commit";
  name: string;
  /** 0..100 */
  percent: number;
}

/**
 * Upload → preview (dry run) → commit. The same File is sent twice: once with `dryRun=1` to see
 * what would change, then for real; the server checks it again, so nothing stale is written.
 */
export function ImportUploader({ aside }: { aside?: ReactNode }) {
  const t = useTranslations("imports");
  const l = useLocale();
  const locale: Locale = isLocale(l) ? l : "vi";
  const router = useRouter();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const active = useRef<SendHandle | null>(null);
  const overwrite = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ data: ImportResponse; committed: boolean } | null>(null);

  useEffect(() => () => active.current?.abort(), []);
  // A file picked while the page was still loading (before React took over the input) is not lost.
  useEffect(() => {
    const early = inputRef.current?.files?.[0];
    if (early) {
      choose(early);
      inputRef.current!.value = "";
    }
    // Once, on mount: later picks go through onChange.
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- runs once, for a file chosen before the page was ready
  }, []);
  useEffect(() => {
    if (result) headingRef.current?.focus();
  }, [result]);

  /** Turn a failed answer into one sentence in the person's language. */
  function failure(r: Exclude<SendResult, { kind: "outcome" } | { kind: "aborted" }>): string {
    if (r.kind === "network-error") return t("upload.networkError");
    const message = apiErrorMessage(r.body, locale);
    if (r.status === 413) return t("upload.tooLarge", { message: message ?? `HTTP 413` });
    return message ? t("upload.serverError", { message }) : t("upload.unknownError", { status: String(r.status) });
  }

  async function send(f: File, mode: "preview" | "commit") {
    active.current?.abort();
    setError(null);
    setProgress({ mode, name: f.name, percent: 0 });
    const handle = sendImport(f, mode, (share) =>
      setProgress({ mode, name: f.name, percent: Math.round(share * 100) }),
    );
    active.current = handle;
    const r = await handle.done;
    if (active.current !== handle || r.kind === "aborted") return;
    active.current = null;
    setProgress(null);
    if (r.kind !== "outcome") {
      setError(failure(r));
      return;
    }
    setResult({ data: r.data, committed: mode === "commit" && r.data.status !== "rejected" });
    if (mode === "commit") router.refresh();
  }

  function choose(f: File | undefined) {
    if (!f) return;
    setFile(f);
    setResult(null);
    void send(f, "preview");
  }

  function reset() {
    active.current?.abort();
    active.current = null;
    setFile(null);
    setResult(null);
    setProgress(null);
    setError(null);
    inputRef.current?.focus();
  }

  /** Replacing stored figures is asked first, naming the communes and quarters; adding only new ones is not. */
  function commit() {
    if (!file || !data) return;
    if (data.counts.changed > 0) overwrite.current?.showModal();
    else void send(file, "commit");
  }

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };

  const busy = progress !== null;
  const data = result?.data;
  const canCommit = !!data && !result.committed && data.status === "preview" && data.errorCount === 0 && !busy;

  let notice: ReactNode = null;
  let outcomeText = "";
  if (data && result) {
    if (result.committed) {
      outcomeText =
        data.status === "committed"
          ? t("commit.committed", {
              id: String(data.importId),
              new: count(data.counts.new, locale),
              changed: count(data.counts.changed, locale),
            })
          : t("commit.unchanged", { id: String(data.importId) });
    } else if (data.status === "rejected") {
      outcomeText = t(data.importId ? "commit.rejected" : "preview.rejected", {
        count: count(data.errorCount, locale),
      });
    } else {
      outcomeText = data.counts.new + data.counts.changed > 0 ? t("preview.ready") : t("preview.readyNoChange");
    }
    const tone = result.committed ? "success" : data.status === "rejected" ? "danger" : "info";
    notice = (
      <div className={`notice notice-${tone}`} data-testid={result.committed ? "commit-result" : "preview-status"}>
        <p>{outcomeText}</p>
        {!result.committed && data.status === "preview" && <p className="small">{t("preview.nothingWritten")}</p>}
      </div>
    );
  }

  const actions = result && data && (
    <div className="preview-actions">
      {result.committed ? (
        <>
          <Link href="/" className="button">
            {t("commit.toOverview")}
          </Link>
          <button type="button" className="secondary" onClick={reset}>
            {t("commit.another")}
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="primary"
            disabled={!canCommit}
            aria-describedby={data.errorCount > 0 ? `${id}-blocked` : undefined}
            onClick={commit}
          >
            {progress?.mode === "commit" ? t("commit.working") : t("commit.button")}
          </button>
          {data.errorCount > 0 && (
            <span id={`${id}-blocked`} className="muted small">
              {t("commit.blocked")}
            </span>
          )}
          <button type="button" className="secondary" onClick={reset}>
            {t("upload.retry")}
          </button>
          {data.counts.changed > 0 && (
            <OverwriteDialog ref={overwrite} result={data} onConfirm={() => file && void send(file, "commit")} />
          )}
        </>
      )}
    </div>
  );

  return (
    <>
      <div className="imports-top">
        <section className="card upload-card" aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`}>{t("upload.heading")}</h2>
          <div
            className={`drop-zone${dragging ? " dragging" : ""}`}
            data-testid="drop-zone"
            onDragEnter={onDragOver}
            onDragOver={onDragOver}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <p className="drop-hint" aria-hidden="true">
              {t("upload.dropHint")}
            </p>
            <div className="file-field">
              <label htmlFor={`${id}-file`} className="file-label">
                {t("upload.chooseLabel")}
              </label>
              <input
                ref={inputRef}
                id={`${id}-file`}
                className="file-input"
                type="file"
                accept={ACCEPT}
                aria-describedby={`${id}-formats`}
                disabled={progress?.mode === "commit"}
                onChange={(e) => {
                  choose(e.target.files?.[0]);
                  // Cleared so choosing the same (corrected) file again is noticed.
                  e.target.value = "";
                }}
              />
            </div>
            {file && <p className="file-chosen">{t("upload.chosen", { name: file.name })}</p>}
            <p id={`${id}-formats`} className="muted small">
              {t("upload.formats")}
            </p>
          </div>
          <div className="upload-status" role="status" aria-live="polite" data-testid="upload-status">
            {progress ? (
              <>
                <progress max={100} value={progress.percent} aria-label={t("upload.progressLabel")} />
                <span>
                  {progress.percent < 100
                    ? t("upload.uploading", { name: progress.name, percent: String(progress.percent) })
                    : progress.mode === "commit"
                      ? t("commit.working")
                      : t("upload.checking", { name: progress.name })}
                </span>
              </>
            ) : (
              outcomeText && <span className="sr-only">{outcomeText}</span>
            )}
          </div>
          <div role="alert" className="upload-error" data-testid="upload-error">
            {error && <p>{error}</p>}
          </div>
        </section>
        {aside}
      </div>
      {data && (
        <section className="card preview-card" aria-labelledby="preview-title" data-testid="preview">
          <ImportPreview
            result={data}
            committed={!!result?.committed}
            notice={notice}
            actions={actions}
            headingRef={headingRef}
          />
        </section>
      )}
    </>
  );
}
