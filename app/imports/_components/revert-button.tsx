"use client";

import { createContext, useContext, useId, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { isLocale, type Locale } from "@/lib/format";
import { apiErrorMessage, count } from "./labels";

interface Feedback {
  tone: "info" | "success" | "danger";
  text: string;
}

const FeedbackContext = createContext<((f: Feedback) => void) | null>(null);

/**
 * Holds the outcome of a revert above the table: the reverted row loses its button when the page
 * refreshes, so the message must live outside it.
 */
export function RevertFeedback({ children }: { children: ReactNode }) {
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  return (
    <FeedbackContext.Provider value={setFeedback}>
      <div role="status" aria-live="polite" data-testid="revert-status">
        {feedback && feedback.tone !== "danger" && <p className={`notice notice-${feedback.tone}`}>{feedback.text}</p>}
      </div>
      <div role="alert" data-testid="revert-error">
        {feedback?.tone === "danger" && <p className="notice notice-danger">{feedback.text}</p>}
      </div>
      {children}
    </FeedbackContext.Provider>
  );
}

/** "Revert" with a confirmation that says in words what will happen, then the server's answer. */
export function RevertButton({ importId, changed, added }: { importId: number; changed: number; added: number }) {
  const t = useTranslations("imports");
  const l = useLocale();
  const locale: Locale = isLocale(l) ? l : "vi";
  const router = useRouter();
  const report = useContext(FeedbackContext);
  const dialog = useRef<HTMLDialogElement>(null);
  const uid = useId();
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<Feedback | null>(null);
  const tell = report ?? setLocal;
  const id = String(importId);

  async function revert() {
    dialog.current?.close();
    setBusy(true);
    tell({ tone: "info", text: t("revert.working", { id }) });
    try {
      const res = await fetch(`/api/imports/${importId}/revert?source=web`, { method: "POST" });
      const body: unknown = await res.json().catch(() => null);
      if (res.ok && body && typeof body === "object" && "revertImportId" in body) {
        const b = body as { revertImportId: number; restored: number; removed: number };
        tell({
          tone: "success",
          text: t("revert.done", {
            id,
            restored: count(b.restored, locale),
            removed: count(b.removed, locale),
            revertId: String(b.revertImportId),
          }),
        });
        router.refresh();
      } else {
        const message = apiErrorMessage(body, locale) ?? t("upload.unknownError", { status: String(res.status) });
        tell({ tone: "danger", text: t("revert.failed", { id, message }) });
      }
    } catch {
      tell({ tone: "danger", text: t("revert.failed", { id, message: t("revert.networkError") }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="secondary small-button"
        aria-label={t("revert.buttonLabel", { id })}
        disabled={busy}
        onClick={() => dialog.current?.showModal()}
      >
        {t("revert.button")}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${uid}-title`} aria-describedby={`${uid}-body`}>
        <h2 id={`${uid}-title`}>{t("revert.confirmTitle", { id })}</h2>
        <div id={`${uid}-body`}>
          <ul>
            {changed > 0 && <li>{t("revert.confirmChanged", { changed: count(changed, locale) })}</li>}
            {added > 0 && <li>{t("revert.confirmNew", { new: count(added, locale) })}</li>}
          </ul>
          <p>{t("revert.confirmRecord")}</p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="danger" onClick={() => void revert()}>
            {t("revert.confirm")}
          </button>
          <button type="button" className="secondary" autoFocus onClick={() => dialog.current?.close()}>
            {t("revert.cancel")}
          </button>
        </div>
      </dialog>
      {!report && local && (
        <p role={local.tone === "danger" ? "alert" : "status"} className={`notice notice-${local.tone}`}>
          {local.text}
        </p>
      )}
    </>
  );
}
