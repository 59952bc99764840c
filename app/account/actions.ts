"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { createApiToken, revokeApiToken } from "@/db/queries/tokens";
import { AppError } from "@/lib/errors";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/permissions";
import { getLocale } from "../_i18n/locale";
import { callAuthFromAction } from "../_auth/auth";
import { currentAuditActor, requireUser } from "../_auth/session";

export type PasswordState = { data: { message: string } } | { error: { message: string } } | null;
/** A new token is returned once, here, and never again. */
export type TokenState = { data: { message: string; token?: string } } | { error: { message: string } } | null;

/** Change one's own password through better-auth (checks the current one); other sessions are signed out. */
export async function changePassword(_prev: PasswordState, formData: FormData): Promise<PasswordState> {
  await requireUser();
  const t = await getTranslations("auth.account.password");
  const current = String(formData.get("current") ?? "");
  const next = String(formData.get("next") ?? "");
  if (next !== String(formData.get("next2") ?? "")) return { error: { message: t("mismatch") } };
  if (next.length < MIN_PASSWORD_LENGTH) return { error: { message: t("tooShort", { min: MIN_PASSWORD_LENGTH }) } };
  const res = await callAuthFromAction("/change-password", { currentPassword: current, newPassword: next, revokeOtherSessions: true }, { withCookie: true });
  if (res.ok) return { data: { message: t("done") } };
  if (res.status === 400 || res.status === 401) return { error: { message: t("wrongCurrent") } };
  if (res.status === 429) return { error: { message: t("rateLimited", { seconds: Number(res.headers.get("x-retry-after")) || 60 }) } };
  return { error: { message: t("failed", { status: res.status }) } };
}

async function message(err: unknown): Promise<string> {
  if (err instanceof AppError) return (await getLocale()) === "vi" ? err.messageVi : err.messageEn;
  throw err;
}

export async function createToken(_prev: TokenState, formData: FormData): Promise<TokenState> {
  const user = await requireUser();
  const t = await getTranslations("auth.account.tokens");
  if (user.via !== "session") return { error: { message: t("sessionOnly") } };
  const name = String(formData.get("name") ?? "").trim();
  if (!name) return { error: { message: t("nameMissing") } };
  try {
    const { token, info } = await createApiToken(await getDb(), { userId: user.id, name, actor: await currentAuditActor(user) });
    revalidatePath("/account");
    return { data: { message: t("created", { name: info.name }), token } };
  } catch (err) {
    return { error: { message: await message(err) } };
  }
}

/** Revoke one of one's own tokens; it stops working on the next request. */
export async function revokeToken(_prev: TokenState, formData: FormData): Promise<TokenState> {
  const user = await requireUser();
  const t = await getTranslations("auth.account.tokens");
  const id = Number(formData.get("id"));
  if (!Number.isInteger(id) || id <= 0) return { error: { message: t("nameMissing") } };
  try {
    const info = await revokeApiToken(await getDb(), { id, ownerId: user.id, actor: await currentAuditActor(user) });
    revalidatePath("/account");
    return { data: { message: t("revokedDone", { name: info.name }) } };
  } catch (err) {
    return { error: { message: await message(err) } };
  }
}
