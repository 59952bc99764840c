"use client";

import { useActionState, useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { errorText } from "@/lib/action-result";
import { saveDeadlineDay, saveTarget, type FormResult } from "../actions";

function Message({ state, id }: { state: FormResult; id: string }) {
  const locale = useLocale();
  return (
    <p
      id={id}
      className={state && "error" in state ? "error-text" : "ok-text"}
      role={state && "error" in state ? "alert" : "status"}
    >
      {state ? ("error" in state ? errorText(state.error, locale) : state.data.message) : null}
    </p>
  );
}

/**
 * One indicator's target: a plain form (it posts without JavaScript too), "Lưu" to store the number,
 * "Về mặc định" to drop it and use the catalogue default again.
 */
export function TargetForm({
  indicator,
  label,
  current,
  unit,
  canReset,
}: {
  indicator: string;
  label: string;
  /** The target in force, as the input shows it ("80" / "85,5"). */
  current: string;
  unit: string;
  canReset: boolean;
}) {
  const t = useTranslations("dashboard.admin");
  const [state, action, pending] = useActionState(saveTarget, null);
  const inputId = useId();
  const messageId = useId();
  return (
    <form action={action} className="target-form" data-indicator={indicator}>
      <input type="hidden" name="indicator" value={indicator} />
      <label htmlFor={inputId} className="sr-only">
        {t("targetInputLabel", { indicator: label })}
      </label>
      <span className="input-unit">
        <span aria-hidden="true">≥</span>
        <input
          id={inputId}
          name="target"
          inputMode="decimal"
          defaultValue={current}
          key={current}
          size={7}
          aria-describedby={messageId}
          aria-invalid={state !== null && "error" in state ? true : undefined}
        />
        <span>{unit}</span>
      </span>
      <button type="submit" name="intent" value="save" className="primary" disabled={pending}>
        {t("save")}
      </button>
      <button type="submit" name="intent" value="reset" className="secondary" disabled={pending || !canReset}>
        {t("reset")}
      </button>
      <Message state={state} id={messageId} />
    </form>
  );
}

/** The reporting deadline day: a number from 1 to 30. */
export function DeadlineForm({ current }: { current: number }) {
  const t = useTranslations("dashboard.admin");
  const [state, action, pending] = useActionState(saveDeadlineDay, null);
  const inputId = useId();
  const messageId = useId();
  return (
    <form action={action} className="target-form">
      <label htmlFor={inputId}>{t("deadlineLabel")}</label>
      <input
        id={inputId}
        name="day"
        inputMode="numeric"
        defaultValue={String(current)}
        key={current}
        size={3}
        aria-describedby={messageId}
      />
      <button type="submit" className="primary" disabled={pending}>
        {t("save")}
      </button>
      <Message state={state} id={messageId} />
    </form>
  );
}
