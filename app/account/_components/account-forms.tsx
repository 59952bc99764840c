"use client";

import { useActionState, useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { errorText } from "@/lib/action-result";
import { changePassword, createToken, revokeToken, type PasswordState, type TokenState } from "../actions";

function Message({ state, id }: { state: PasswordState | TokenState; id: string }) {
  const locale = useLocale();
  const isError = state !== null && "error" in state;
  return (
    <p id={id} className={isError ? "error-text" : "ok-text"} role={isError ? "alert" : "status"}>
      {state ? ("error" in state ? errorText(state.error, locale) : state.data.message) : null}
    </p>
  );
}

export function ChangePasswordForm({ minPassword }: { minPassword: number }) {
  const t = useTranslations("auth.account.password");
  const [state, action, pending] = useActionState<PasswordState, FormData>(changePassword, null);
  const ids = { current: useId(), next: useId(), next2: useId(), msg: useId() };
  return (
    <form action={action} className="auth-form">
      <div className="field">
        <label htmlFor={ids.current}>{t("current")}</label>
        <input id={ids.current} name="current" type="password" autoComplete="current-password" required />
      </div>
      <div className="field">
        <label htmlFor={ids.next}>{t("next", { min: minPassword })}</label>
        <input id={ids.next} name="next" type="password" autoComplete="new-password" required minLength={minPassword} />
      </div>
      <div className="field">
        <label htmlFor={ids.next2}>{t("next2")}</label>
        <input
          id={ids.next2}
          name="next2"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPassword}
        />
      </div>
      <Message state={state} id={ids.msg} />
      <button type="submit" className="primary" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}

/** Create a token; the plaintext is shown once, in this form's result, and never stored. */
export function CreateTokenForm() {
  const t = useTranslations("auth.account.tokens");
  const [state, action, pending] = useActionState<TokenState, FormData>(createToken, null);
  const ids = { name: useId(), msg: useId(), token: useId() };
  const token = state && "data" in state ? state.data.token : undefined;
  return (
    <form action={action} className="auth-form">
      <div className="field">
        <label htmlFor={ids.name}>{t("name")}</label>
        <input id={ids.name} name="name" maxLength={100} required />
      </div>
      <Message state={state} id={ids.msg} />
      {token && (
        <div className="token-once" role="group" aria-labelledby={ids.token}>
          <span id={ids.token}>{t("tokenLabel")}</span>
          <code data-testid="new-token">{token}</code>
        </div>
      )}
      <button type="submit" className="primary" disabled={pending}>
        {t("create")}
      </button>
    </form>
  );
}

export function RevokeTokenButton({ id, name }: { id: number; name: string }) {
  const t = useTranslations("auth.account.tokens");
  const [state, action, pending] = useActionState<TokenState, FormData>(revokeToken, null);
  const msg = useId();
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="secondary" disabled={pending} aria-label={t("revokeLabel", { name })}>
        {t("revoke")}
      </button>
      <Message state={state} id={msg} />
    </form>
  );
}
