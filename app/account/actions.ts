"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { createApiToken, revokeApiToken } from "@/db/queries/tokens";
import { failFrom, fail, type ActionState } from "@/lib/action-result";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/permissions";
import { bilingual } from "../_i18n/bilingual";
import { callAuthFromAction } from "../_auth/auth";
import { currentAuditActor, requireUser } from "../_auth/session";

export type PasswordState = ActionState<{ message: string }>;
/** A new token is returned once, here, and never again. */
export type TokenState = ActionState<{ message: string; token?: string }>;

/** Change one's own password through better-auth (checks the current one); other sessions are signed out. */
export async function changePassword(_prev: PasswordState, formData: FormData): Promise<PasswordState> {
  await requireUser();
  const t = await getTranslations("auth.account.password");
  const m = await bilingual("auth.account.password");
  const current = String(formData.get("current") ?? "");
  const next = String(formData.get("next") ?? "");
  if (next !== String(formData.get("next2") ?? "")) return fail("validation_failed", m("mismatch"));
  if (next.length < MIN_PASSWORD_LENGTH) return fail("validation_failed", m("tooShort", { min: MIN_PASSWORD_LENGTH }));
  const res = await callAuthFromAction(
    "/change-password",
    { currentPassword: current, newPassword: next, revokeOtherSessions: true },
    { withCookie: true },
  );
  if (res.ok) return { data: { message: t("done") } };
  if (res.status === 400 || res.status === 401) return fail("validation_failed", m("wrongCurrent"));
  if (res.status === 429)
    return fail("rate_limited", m("rateLimited", { seconds: Number(res.headers.get("x-retry-after")) || 60 }));
  return fail(res.status === 503 ? "db_unavailable" : "internal_error", m("failed", { status: res.status }));
}

export async function createToken(_prev: TokenState, formData: FormData): Promise<TokenState> {
  const user = await requireUser();
  const t = await getTranslations("auth.account.tokens");
  const m = await bilingual("auth.account.tokens");
  if (user.via !== "session") return fail("forbidden", m("sessionOnly"));
  const name = String(formData.get("name") ?? "").trim();
  if (!name) return fail("token_name_missing", m("nameMissing"));
  try {
    const { token, info } = await createApiToken(await getDb(), {
      userId: user.id,
      name,
      actor: await currentAuditActor(user),
    });
    revalidatePath("/account");
    return { data: { message: t("created", { name: info.name }), token } };
  } catch (err) {
    return failFrom(err);
  }
}

/** Revoke one of one's own tokens; it stops working on the next request. */
export async function revokeToken(_prev: TokenState, formData: FormData): Promise<TokenState> {
  const user = await requireUser();
  const t = await getTranslations("auth.account.tokens");
  const id = Number(formData.get("id"));
  if (!Number.isInteger(id) || id <= 0)
    return fail("bad_request", (await bilingual("auth.account.tokens"))("nameMissing"));
  try {
    const info = await revokeApiToken(await getDb(), { id, ownerId: user.id, actor: await currentAuditActor(user) });
    revalidatePath("/account");
    return { data: { message: t("revokedDone", { name: info.name }) } };
  } catch (err) {
    return failFrom(err);
  }
}
