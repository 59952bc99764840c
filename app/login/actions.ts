"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { callAuthFromAction } from "../_auth/auth";
import { safeNextPath } from "@/lib/auth/next-path";

/** What the sign-in form gets back: an error to show, and the email to keep in the field. */
export type SignInState = { error: string; email: string } | null;

/**
 * Sign in through better-auth's own endpoint (rate limit, audit, cookies), then go where the person
 * was heading. Only a refusal comes back; success redirects.
 */
export async function signIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getTranslations("auth.login");
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const next = safeNextPath(formData.get("next"));
  if (!email || !password) return { error: t("missing"), email };
  const res = await callAuthFromAction("/sign-in/email", { email, password, rememberMe: true });
  if (res.ok) redirect(next);
  const body = (await res.json().catch(() => null)) as { code?: string } | null;
  if (res.status === 401) return { error: t("invalid"), email };
  if (res.status === 403 && body?.code === "ACCOUNT_DEACTIVATED") return { error: t("deactivated"), email };
  if (res.status === 429) {
    if (body?.code === "ACCOUNT_LOCKED") return { error: t("locked"), email };
    return { error: t("rateLimited", { seconds: Number(res.headers.get("x-retry-after")) || 60 }), email };
  }
  return { error: t("failed", { status: res.status }), email };
}
