"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import {
  checkForm,
  FORM_GROUPS,
  formIndicators,
  prefillCarriedOver,
  type FieldIssue,
  type FormBase,
  type FormContext,
  type FormInputs,
} from "@/lib/entry-form/form";
import { getElement, getIndicator } from "@/lib/indicators/catalogue";
import { formatDateTime, formatNumber, formatPercent, formatQuarter, type Locale } from "@/lib/format";
import type { EntryFormData } from "@/db/queries/entry-form";

/** Each field's place in the keyboard order (catalogue order, group by group). */
const FIELD_INDEX = new Map(FORM_GROUPS.flatMap((g) => g.elements).map((c, i) => [c, i]));

type Message = { kind: "ok" | "error" | "conflict"; text: string; detail?: string };

/** The figures typed or saved, as the form shows them: plain digits ("1234"); blank = not reported. */
function initialInputs(data: EntryFormData, editable: boolean): { inputs: FormInputs; prefilled: boolean } {
  if (data.draft) return { inputs: { ...data.draft.inputs }, prefilled: false };
  const inputs: FormInputs = {};
  for (const [k, v] of Object.entries(data.current)) if (v !== null) inputs[k] = String(v);
  const prefill = prefillCarriedOver(data.previousPetitions);
  if (editable && inputs.petitions_carried_over === undefined && prefill !== null) {
    inputs.petitions_carried_over = String(prefill);
    return { inputs, prefilled: true };
  }
  return { inputs, prefilled: false };
}

/**
 * The 23 figures of a commune's quarter, grouped as in the catalogue, checked as the officer types by
 * the import's own rules (lib/entry-form/form.ts), with the quarter's indicators; saved through the
 * import store by POST /api/entry-form.
 */
export function EntryForm({
  data,
  context,
  editable,
  onBehalf,
}: {
  data: EntryFormData;
  context: FormContext;
  editable: boolean;
  onBehalf: string | null;
}) {
  const t = useTranslations("entryForm");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const initial = useMemo(() => initialInputs(data, editable), [data, editable]);
  const [inputs, setInputs] = useState<FormInputs>(initial.inputs);
  const [base, setBase] = useState<FormBase>(data.current);
  const [baseDraftAt, setBaseDraftAt] = useState<string | null>(data.draft?.updatedAt ?? null);
  // A prefilled stock is a change not yet saved.
  const [dirty, setDirty] = useState(initial.prefilled);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const fieldRefs = useRef<(HTMLInputElement | null)[]>([]);

  const check = useMemo(() => checkForm(inputs, context), [inputs, context]);
  const indicatorValues = useMemo(() => formIndicators(check.values, data.targets), [check.values, data.targets]);
  const byField = useMemo(() => {
    const m = new Map<string, { errors: FieldIssue[]; warnings: FieldIssue[]; shown: FieldIssue[] }>();
    const at = (f: string) => {
      if (!m.has(f)) m.set(f, { errors: [], warnings: [], shown: [] });
      return m.get(f)!;
    };
    for (const e of check.errors) {
      for (const f of e.fields) at(f).errors.push(e);
      // The message is shown once, beside the field the rule is about (its first field).
      if (e.fields[0]) at(e.fields[0]).shown.push(e);
    }
    for (const w of check.warnings) {
      for (const f of w.fields) at(f).warnings.push(w);
      if (w.fields[0]) at(w.fields[0]).shown.push(w);
    }
    return m;
  }, [check]);

  // An unsaved change warns before the page is left: closing or reloading the tab, or following a link.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!a || (a as HTMLAnchorElement).target === "_blank") return;
      if (!window.confirm(t("unsaved"))) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, t]);

  const onKeyDown = useCallback(
    (index: number) => (e: React.KeyboardEvent<HTMLInputElement>) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      const next = fieldRefs.current[index + (e.shiftKey ? -1 : 1)];
      if (next) next.focus();
      else document.getElementById("entry-save")?.focus();
    },
    [],
  );

  async function send(mode: "draft" | "save" | "discard") {
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch("/api/entry-form", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ unit: data.unit.code, period: data.period, mode, inputs, base, baseDraftAt }),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const err = body?.error;
        if (err?.code === "entry_conflict")
          setMessage({
            kind: "conflict",
            text: t("conflictHeading"),
            detail: locale === "vi" ? err.message : err.messageEn,
          });
        else
          setMessage({
            kind: "error",
            text: err ? (locale === "vi" ? err.message : err.messageEn) : t("failed", { status: res.status }),
          });
        return;
      }
      if (body.status === "discarded") {
        setBaseDraftAt(null);
        setInputs(initialInputs({ ...data, current: base, draft: null }, editable).inputs);
        setDirty(false);
        setMessage({ kind: "ok", text: t("discarded") });
      } else if (body.status === "draft") {
        setBaseDraftAt(body.draft.updatedAt);
        setDirty(false);
        setMessage({
          kind: body.errors.length ? "error" : "ok",
          text: t("draftSaved", { errors: body.errors.length }),
        });
      } else if (body.status === "committed" || body.status === "unchanged") {
        setBase((b) => ({ ...b, ...check.values }));
        setBaseDraftAt(null);
        setDirty(false);
        setMessage({
          kind: "ok",
          text:
            body.status === "committed"
              ? t("saved", { id: body.importId, new: body.counts.new, changed: body.counts.changed })
              : t("unchanged", { id: body.importId }),
        });
      } else {
        setMessage({ kind: "error", text: body.errors.map((e: FieldIssue) => e.messageVi).join(" ") });
      }
      router.refresh();
    } catch {
      setMessage({ kind: "error", text: t("failed", { status: 0 }) });
    } finally {
      setBusy(false);
    }
  }

  const prevLabel = formatQuarter(data.previous.period, locale);
  const yearLabel = formatQuarter(data.yearAgo.period, locale);
  const num = (x: number | null | undefined) => (x === null || x === undefined ? "–" : formatNumber(x, locale, 0));
  const prefill = prefillCarriedOver(data.previousPetitions);

  return (
    <form
      className="entry-form"
      data-testid="entry-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (editable) void send("save");
      }}
      noValidate
    >
      {onBehalf && editable && <p className="notice">{t("onBehalf", { email: onBehalf })}</p>}
      {data.draft && baseDraftAt && (
        <p className="notice" data-testid="draft-notice">
          {t("draftNotice", {
            errors: data.draft.errorCount,
            by: data.draft.updatedBy,
            at: formatDateTime(new Date(data.draft.updatedAt)),
          })}
        </p>
      )}
      {data.lastSave && (
        <p className="muted small">
          {t("lastSave", {
            by: data.lastSave.by,
            at: formatDateTime(new Date(data.lastSave.at)),
            id: data.lastSave.importId,
            source: data.lastSave.source,
          })}
        </p>
      )}
      <p className="muted small">{t("intro")}</p>
      {[data.previous, data.yearAgo]
        .filter((q) => q.from === "not_comparable")
        .map((q) => (
          <p key={q.period} className="muted small" data-testid="not-comparable">
            {t("notComparable", { quarter: formatQuarter(q.period, locale) })}
          </p>
        ))}
      {FORM_GROUPS.map((g) => (
        <fieldset key={g.group} className="entry-group card">
          <legend>{t(`groups.${g.group}`)}</legend>
          <div className="entry-head" aria-hidden="true">
            <span>{t("colElement")}</span>
            <span>{t("colValue")}</span>
            <span>{t("colPrevious", { quarter: prevLabel })}</span>
            <span>{t("colYearAgo", { quarter: yearLabel })}</span>
          </div>
          {g.elements.map((code) => {
            const i = FIELD_INDEX.get(code)!;
            const el = getElement(code)!;
            const issues = byField.get(code);
            const hasError = (issues?.errors.length ?? 0) > 0;
            const hasWarning = (issues?.warnings.length ?? 0) > 0;
            const id = `f-${code}`;
            const describedBy = [issues?.shown.length ? `${id}-msg` : null, `${id}-ctx`].filter(Boolean).join(" ");
            return (
              <div
                key={code}
                className={`entry-row${hasError ? " has-error" : hasWarning ? " has-warning" : ""}`}
                data-element={code}
              >
                <label htmlFor={id}>{locale === "vi" ? el.labelVi : el.labelEn}</label>
                <input
                  id={id}
                  name={code}
                  ref={(node) => {
                    fieldRefs.current[i] = node;
                  }}
                  inputMode="numeric"
                  autoComplete="off"
                  value={inputs[code] ?? ""}
                  readOnly={!editable}
                  aria-invalid={hasError || undefined}
                  aria-describedby={describedBy}
                  onKeyDown={onKeyDown(i)}
                  onChange={(e) => {
                    const v = e.target.value;
                    setInputs((s) => ({ ...s, [code]: v }));
                    setDirty(true);
                  }}
                />
                <span className="entry-ctx" id={`${id}-ctx`}>
                  <span className="entry-prev">
                    <span className="entry-ctx-label">{t("colPrevious", { quarter: prevLabel })}: </span>
                    {num(data.previous.values[code])}
                  </span>
                  <span className="entry-year">
                    <span className="entry-ctx-label">{t("colYearAgo", { quarter: yearLabel })}: </span>
                    {num(data.yearAgo.values[code])}
                  </span>
                </span>
                {code === "petitions_carried_over" && prefill !== null && data.previousPetitions && (
                  <p className="small muted entry-note">
                    {t("prefilled", {
                      carried: num(data.previousPetitions.carried),
                      received: num(data.previousPetitions.received),
                      resolved: num(data.previousPetitions.resolved),
                      value: num(prefill),
                    })}
                    {data.previous.from === "predecessors" ? ` (${t("predecessors")})` : ""}
                  </p>
                )}
                {issues?.shown.length ? (
                  <div id={`${id}-msg`} className="entry-messages" data-testid={`msg-${code}`}>
                    {issues.shown.map((m, k) => (
                      <p
                        key={k}
                        className={check.errors.includes(m) ? "field-error" : "field-warning"}
                        role={check.errors.includes(m) ? "alert" : undefined}
                        data-code={m.code}
                      >
                        {locale === "vi" ? m.messageVi : m.messageEn}
                      </p>
                    ))}
                  </div>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ))}
      <section className="card" aria-labelledby="entry-indicators">
        <h2 id="entry-indicators">{t("indicatorsHeading")}</h2>
        <ul className="entry-indicators" data-testid="entry-indicators">
          {indicatorValues.map((v) => {
            const def = getIndicator(v.code)!;
            const shown =
              v.value === null ? t("noData") : v.kind === "rate" ? formatPercent(v.value, locale) : num(v.value);
            return (
              <li key={v.code} data-indicator={v.code} data-status={v.status ?? "none"}>
                <span>{locale === "vi" ? def.labelVi : def.labelEn}</span>
                <strong>{shown}</strong>
                {v.target !== null && (
                  <span className="muted small">
                    {t("target", {
                      target: v.kind === "rate" ? formatPercent(v.target, locale) : num(v.target),
                    })}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {(check.errors.length > 0 || check.warnings.length > 0) && (
        <section className="card entry-summary">
          {check.errors.length > 0 && (
            <p className="field-error">{t("errorsHeading", { count: check.errors.length })}</p>
          )}
          {check.warnings.length > 0 && (
            <p className="field-warning">{t("warningsHeading", { count: check.warnings.length })}</p>
          )}
        </section>
      )}
      <div aria-live="polite" className="entry-status" data-testid="entry-status">
        {message && (
          <div className={message.kind === "ok" ? "ok-box" : "error-box"} data-kind={message.kind} role="status">
            <p>{message.text}</p>
            {message.detail && <p data-testid="conflict-detail">{message.detail}</p>}
            {message.kind === "conflict" && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setDirty(false);
                  window.location.reload();
                }}
              >
                {t("reload")}
              </button>
            )}
          </div>
        )}
        {dirty && editable && <p className="muted small">{t("unsaved")}</p>}
      </div>
      {editable && (
        <div className="entry-actions">
          <button id="entry-save" type="submit" className="primary" disabled={busy}>
            {busy ? t("saving") : t("save")}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => void send("draft")}>
            {t("saveDraft")}
          </button>
          {baseDraftAt && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void send("discard")}>
              {t("discardDraft")}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
