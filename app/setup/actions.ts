"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { insertFirstAdmin } from "@/db/queries/users";
import { AppError, ValidationError } from "@/lib/errors";
import { fail, failFrom, type ActionState } from "@/lib/action-result";
import { bilingual } from "../_i18n/bilingual";
import { callAuthFromAction } from "../_auth/auth";
import { currentAuditActor } from "../_auth/session";

/** Only a refusal comes back (success redirects), with the values to put back in the form. */
export type SetupState = ActionState<never, { values: { name: string; email: string; unitId: string } }>;

const setupForm = z.object({
  name: z.string().trim().max(200).default(""),
  email: z.string().trim().max(320).default(""),
  password: z.string().max(1000).default(""),
  password2: z.string().max(1000).default(""),
  unitId: z.coerce.number().int().positive(),
});

/** Create the first administrator (only while no account exists), sign them in, open the overview. */
export async function createAdministrator(_prev: SetupState, formData: FormData): Promise<SetupState> {
  const m = await bilingual("auth.setup");
  const raw = Object.fromEntries(formData);
  const values = { name: String(raw.name ?? ""), email: String(raw.email ?? ""), unitId: String(raw.unitId ?? "") };
  const parsed = setupForm.safeParse(raw);
  if (!parsed.success) return fail("validation_failed", m("unit"), { values });
  const { name, email, password, password2, unitId } = parsed.data;
  if (password !== password2) return fail("validation_failed", m("mismatch"), { values });
  try {
    const { userId: _u, email: _e, ...from } = await currentAuditActor(null);
    await insertFirstAdmin(await getDb(), { email, name, unitId, password, actor: from });
  } catch (err) {
    if (err instanceof ValidationError) return failFrom(err, { values });
    if (err instanceof AppError && err.code === "setup_done") redirect("/login");
    throw err;
  }
  const res = await callAuthFromAction("/sign-in/email", { email, password, rememberMe: true });
  redirect(res.ok ? "/" : "/login");
}
