"use client";

import { useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ReportTable } from "./report-table";

interface Issue {
  code: string;
  message: string;
}
interface Outcome {
  status: "preview" | "stored" | "unchanged" | "rejected";
  reportId: number | null;
  version: number | null;
  unit: { code: string; name: string } | null;
  period: string | null;
  title: string;
  sections: { part: string; number: number; title: string; topic: string }[];
  references: { kind: string; number: string; date: string | null }[];
  figures: { text: string; value: number; element: string | null; submitted: number | null; check: string | null }[];
  repetition: {
    part: string;
    number: number;
    share: number;
    kind: string;
    source: { unit: { name: string }; period: string; part: string; number: number };
  }[];
  coverage: { missingTopics: string[] };
  errors: Issue[];
  warnings: Issue[];
}

type State =
  | { kind: "idle" }
  | { kind: "working" }
  | { kind: "outcome"; data: Outcome }
  | { kind: "failed"; status: number; message?: string };

/** Upload a report: preview first (nothing stored), then store; the same API as machine clients. */
export function ReportUploader({
  periods,
  fixed,
}: {
  periods: { code: string; label: string }[];
  /** The commune and quarter the report is for (the entry page): the two fields are then not asked. */
  fixed?: { unit: string; period: string };
}) {
  const t = useTranslations("reports");
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [unit, setUnit] = useState(fixed?.unit ?? "");
  const [period, setPeriod] = useState(fixed?.period ?? "");
  const [state, setState] = useState<State>({ kind: "idle" });

  async function send(mode: "preview" | "commit") {
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setState({ kind: "failed", status: 0, message: t("upload.chooseFile") });
      return;
    }
    setState({ kind: "working" });
    const form = new FormData();
    form.set("file", file);
    if (unit.trim()) form.set("unit", unit.trim());
    if (period) form.set("period", period);
    try {
      const res = await fetch(`/api/reports?source=web${mode === "preview" ? "&dryRun=1" : ""}`, {
        method: "POST",
        body: form,
      });
      const body = await res.json().catch(() => null);
      if ((res.status === 200 || res.status === 422) && body && "status" in body) {
        setState({ kind: "outcome", data: body as Outcome });
        if (mode === "commit" && body.status === "stored") router.refresh();
      } else setState({ kind: "failed", status: res.status, message: body?.error?.message });
    } catch {
      setState({ kind: "failed", status: 0 });
    }
  }

  const o = state.kind === "outcome" ? state.data : null;
  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">{t("upload.heading")}</h2>
      <p className="small muted">{t("upload.hint")}</p>
      <div className="report-form">
        <div className="field">
          <label htmlFor="report-file">{t("upload.file")}</label>
          <input
            id="report-file"
            ref={fileRef}
            type="file"
            name="file"
            accept=".docx,.doc,.pdf,.txt,.md"
            onChange={() => setState({ kind: "idle" })}
          />
        </div>
        {!fixed && (
          <>
            <div className="field">
              <label htmlFor="report-unit">{t("upload.unit")}</label>
              <input id="report-unit" inputMode="numeric" value={unit} onChange={(e) => setUnit(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="report-period">{t("upload.period")}</label>
              <select id="report-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
                <option value="">{t("upload.periodAuto")}</option>
                {periods.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
      </div>
      <div className="report-actions">
        <button type="button" className="secondary" onClick={() => send("preview")} disabled={state.kind === "working"}>
          {t("upload.preview")}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => send("commit")}
          disabled={state.kind === "working" || !(o && o.status === "preview")}
        >
          {t("upload.store")}
        </button>
      </div>
      <div aria-live="polite" className="upload-status">
        {state.kind === "working" && <p>{t("upload.working")}</p>}
        {state.kind === "failed" && <p role="alert">{state.message ?? t("upload.failed", { status: state.status })}</p>}
      </div>
      {o && <OutcomeView o={o} />}
    </section>
  );
}

function OutcomeView({ o }: { o: Outcome }) {
  const t = useTranslations("reports");
  return (
    <div className="report-outcome" data-status={o.status}>
      <p role="status">
        {o.status === "preview" && t("upload.previewOk")}
        {o.status === "stored" && t("upload.stored", { id: o.reportId ?? 0, version: o.version ?? 1 })}
        {o.status === "unchanged" && t("upload.unchanged")}
        {o.status === "rejected" && t("upload.rejected")}
        {o.reportId && o.status !== "preview" ? (
          <>
            {" "}
            <Link href={`/reports/${o.reportId}`}>{t("upload.open")}</Link>
          </>
        ) : null}
      </p>
      {o.errors.length > 0 && (
        <ul className="issues errors">
          {o.errors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      )}
      {o.warnings.length > 0 && (
        <ul className="issues warnings">
          {o.warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
      {o.unit && (
        <dl className="preview-facts">
          <dt>{t("report.unit")}</dt>
          <dd>
            {o.unit.name} ({o.unit.code})
          </dd>
          <dt>{t("report.period")}</dt>
          <dd>{o.period}</dd>
        </dl>
      )}
      {o.title && (
        <p>
          <strong>{o.title}</strong>
        </p>
      )}
      {o.sections.length > 0 && (
        <ReportTable
          caption={t("report.parts")}
          rows={o.sections}
          rowKey={(s) => `${s.part}.${s.number}`}
          columns={[
            {
              key: "item",
              header: t("report.item", { number: "" }),
              rowHeader: true,
              cell: (s) => `${s.part}.${s.number}`,
            },
            { key: "topic", header: t("report.topic"), cell: (s) => t(`topicNames.${s.topic}` as "topicNames.other") },
            {
              key: "title",
              header: t("report.itemTitle"),
              cell: (s) => (
                <>
                  {s.title}
                  {o.repetition
                    .filter((r) => r.part === s.part && r.number === s.number)
                    .map((r, i) => (
                      <div key={i} className="small muted">
                        {t("report.recycled", {
                          share: `${Math.round(r.share * 100)}%`,
                          source: `${r.source.unit.name} ` + `${r.source.period} ${r.source.part}.${r.source.number}`,
                        })}
                      </div>
                    ))}
                </>
              ),
            },
          ]}
        />
      )}
      {o.references.length > 0 && (
        <p className="small">
          {t("report.references")}: {o.references.map((r) => `${r.kind} ${r.number}`).join("; ")}
        </p>
      )}
      {o.figures.length > 0 && (
        <p className="small">
          {t("report.figures")}: {o.figures.map((f) => `“${f.text}”`).join("; ")}
        </p>
      )}
    </div>
  );
}
