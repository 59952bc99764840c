"use server";

import { redirect } from "next/navigation";
import { fail, type ActionState } from "@/lib/action-result";
import { callAuthFromAction } from "../_auth/auth";
import { bilingual } from "../_i18n/bilingual";
import { safeNextPath } from "@/lib/auth/next-path";

/** What the sign-in form gets back: only a refusal (success redirects), with the email to keep in the field. */
export type SignInState = ActionState<never, { email: string }>;

/**
 * Sign in through better-auth's own endpoint (rate limit, audit, cookies), then go where the person
 * was heading. Only a refusal comes back; success redirects.
 */
export async function signIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const m = await bilingual("auth.login");
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const next = safeNextPath(formData.get("next"));
  const details = { email };
  if (!email || !password) return fail("validation_failed", m("missing"), details);
  const res = await callAuthFromAction("/sign-in/email", { email, password, rememberMe: true });
  if (res.ok) redirect(next);
  const body = (await res.json().catch(() => null)) as { code?: string } | null;
  if (res.status === 401) return fail("unauthenticated", m("invalid"), details);
  if (res.status === 403 && body?.code === "ACCOUNT_DEACTIVATED")
    return fail("account_deactivated", m("deactivated"), details);
  if (res.status === 429) {
    if (body?.code === "ACCOUNT_LOCKED") return fail("rate_limited", m("locked"), details);
    return fail("rate_limited", m("rateLimited", { seconds: Number(res.headers.get("x-retry-after")) || 60 }), details);
  }
  return fail(res.status === 503 ? "db_unavailable" : "internal_error", m("failed", { status: res.status }), details);
}
