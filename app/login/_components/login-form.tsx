"use client";

import { useActionState, useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { errorText } from "@/lib/action-result";
import { signIn, type SignInState } from "../actions";

/** Email and password; a plain form, so it works before JavaScript loads too. */
export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("auth.login");
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, null);
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();
  const locale = useLocale();
  const error = state && "error" in state ? state.error : null;
  const email = error?.details?.email ?? "";
  const invalid = error ? true : undefined;
  return (
    <form action={action} className="auth-form" noValidate>
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor={emailId}>{t("email")}</label>
        <input
          id={emailId}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={email}
          key={email}
          aria-invalid={invalid}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={passwordId}>{t("password")}</label>
        <input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={invalid}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
      <p id={errorId} className="error-text" role="alert">
        {error ? errorText(error, locale) : null}
      </p>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}
