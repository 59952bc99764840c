"use client";

import { useActionState, useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { errorText } from "@/lib/action-result";
import { createAdministrator, type SetupState } from "../actions";

export interface UnitOption {
  id: number;
  label: string;
}

/** The first administrator: name, email, password twice, unit (the overseeing unit by default). */
export function SetupForm({
  units,
  defaultUnitId,
  minPassword,
}: {
  units: UnitOption[];
  defaultUnitId: number;
  minPassword: number;
}) {
  const t = useTranslations("auth.setup");
  const [state, action, pending] = useActionState<SetupState, FormData>(createAdministrator, null);
  const ids = {
    name: useId(),
    email: useId(),
    password: useId(),
    password2: useId(),
    unit: useId(),
    unitHint: useId(),
    error: useId(),
  };
  const locale = useLocale();
  const error = state && "error" in state ? state.error : null;
  const v = error?.details?.values;
  const formKey = v ? `${v.name}|${v.email}|${v.unitId}` : "initial";
  return (
    <form action={action} className="auth-form" key={formKey}>
      <div className="field">
        <label htmlFor={ids.name}>{t("name")}</label>
        <input id={ids.name} name="name" autoComplete="name" required defaultValue={v?.name ?? ""} />
      </div>
      <div className="field">
        <label htmlFor={ids.email}>{t("email")}</label>
        <input
          id={ids.email}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={v?.email ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t("password", { min: minPassword })}</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPassword}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.password2}>{t("password2")}</label>
        <input
          id={ids.password2}
          name="password2"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPassword}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.unit}>{t("unit")}</label>
        <select
          id={ids.unit}
          name="unitId"
          defaultValue={v?.unitId ?? String(defaultUnitId)}
          aria-describedby={ids.unitHint}
        >
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
        <p id={ids.unitHint} className="hint">
          {t("unitHint")}
        </p>
      </div>
      <p id={ids.error} className="error-text" role="alert">
        {error ? errorText(error, locale) : null}
      </p>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}
