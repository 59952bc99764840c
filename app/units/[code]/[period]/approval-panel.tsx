"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { canTransition, type PeriodStatus, type Role } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";

/**
 * The quarter's approval on the entry page: its status and the analyst's comment when it was sent back;
 * submit (the commune's officer), approve, send back with a comment, unlock (analyst, administrator).
 * Each is POST /api/approvals, where the role, the scope and the transition are checked.
 */
export function ApprovalPanel({
  unit,
  period,
  status,
  comment,
  changedAt,
  role,
  mayAct,
}: {
  unit: string;
  period: string;
  status: PeriodStatus;
  comment: string | null;
  changedAt: string | null;
  role: Role;
  /** The commune is in the user's write scope. */
  mayAct: boolean;
}) {
  const t = useTranslations("entryForm");
  const ta = useTranslations("approvals");
  const locale = useLocale();
  const router = useRouter();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function move(to: PeriodStatus) {
    if (to === "draft" && status === "submitted" && !note.trim()) {
      setError(t("commentRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/approvals", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ unit, period, status: to, note: note.trim() || undefined }),
      });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        setError(
          body?.error
            ? locale === "vi"
              ? body.error.message
              : body.error.messageEn
            : t("failed", { status: res.status }),
        );
        return;
      }
      setNote("");
      router.refresh();
    } catch {
      setError(t("failed", { status: 0 }));
    } finally {
      setBusy(false);
    }
  }

  const actions: { to: PeriodStatus; label: string }[] = [];
  if (mayAct) {
    if (status === "draft" && canTransition(role, status, "submitted"))
      actions.push({ to: "submitted", label: t("submit") });
    if (status !== "approved" && canTransition(role, status, "approved"))
      actions.push({ to: "approved", label: t("approve") });
    if (status === "submitted" && canTransition(role, status, "draft"))
      actions.push({ to: "draft", label: t("sendBack") });
    if (status === "approved" && canTransition(role, status, "draft"))
      actions.push({ to: "draft", label: t("unlock") });
  }
  const sendsBack = actions.some((a) => a.label === t("sendBack"));
  return (
    <section className="card" aria-labelledby="entry-approval" data-testid="entry-approval" data-status={status}>
      <h2 id="entry-approval">
        {t("statusHeading", { status: ta(`status.${status}`) })}
        {changedAt ? <span className="muted small"> · {formatDateTime(new Date(changedAt))}</span> : null}
      </h2>
      {comment !== null && status === "draft" && (
        <p className="error-box" data-testid="sent-back-comment">
          {t("sentBack", { comment })}
        </p>
      )}
      {sendsBack && (
        <div className="field">
          <label htmlFor="approval-note">{t("comment")}</label>
          <textarea
            id="approval-note"
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
      )}
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {actions.length > 0 && (
        <div className="entry-actions">
          {actions.map((a) => (
            <button
              key={a.label}
              type="button"
              className={a.to === "draft" ? "secondary" : "primary"}
              disabled={busy}
              onClick={() => void move(a.to)}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
