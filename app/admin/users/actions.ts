"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { insertUser, setUserActive, updateUser } from "@/db/queries/users";
import { getUnitByCode } from "@/db/queries/units";
import { AppError } from "@/lib/errors";
import { errorText, failFrom } from "@/lib/action-result";
import { ROLES } from "@/lib/auth/permissions";
import { STRUCTURES } from "@/lib/periods";
import { currentAuditActor, requireActionUser } from "../../_auth/session";
import { getLocale } from "../../_i18n/locale";

const unitFields = {
  unit: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/),
  structure: z.enum(STRUCTURES).default("2025-06"),
};
const createForm = z.object({
  email: z.string().trim().min(3).max(200),
  name: z.string().trim().max(200).default(""),
  role: z.enum(ROLES),
  password: z.string().max(200),
  ...unitFields,
});
const updateForm = z.object({ id: z.string().min(1).max(100), role: z.enum(ROLES), ...unitFields });
const activeForm = z.object({ id: z.string().min(1).max(100), active: z.enum(["0", "1"]) });

/** The message of an error the user can act on (every problem of a validation error); rethrow the rest. */
async function messageOf(err: unknown): Promise<string> {
  return errorText(failFrom(err).error, await getLocale());
}

async function unitIdOf(code: string, structure: string): Promise<number> {
  const unit = await getUnitByCode(await getDb(), { code, structure });
  if (!unit)
    throw new AppError(
      "unit_not_found",
      `Không có đơn vị mã ${code} trong danh mục ${structure}.`,
      `No unit ${code} in the ${structure} list.`,
    );
  return unit.id;
}

function back(key: "done" | "error", value: string): never {
  redirect(`/admin/users?${new URLSearchParams({ [key]: value }).toString()}`);
}

/** Create an account with a role, a unit and a first password (recorded in the audit trail). */
export async function createUserAction(formData: FormData): Promise<void> {
  const user = await requireActionUser({ capability: "manageUsers" });
  const f = createForm.safeParse(Object.fromEntries(formData));
  if (!f.success) back("error", f.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  let done: string;
  try {
    const created = await insertUser(await getDb(), {
      email: f.data.email,
      name: f.data.name,
      role: f.data.role,
      unitId: await unitIdOf(f.data.unit, f.data.structure),
      password: f.data.password,
      actor: await currentAuditActor(user),
    });
    done = `created:${created.email}`;
  } catch (err) {
    back("error", await messageOf(err));
  }
  revalidatePath("/admin/users");
  back("done", done);
}

/** Change an account's role and unit (recorded). */
export async function updateUserAction(formData: FormData): Promise<void> {
  const user = await requireActionUser({ capability: "manageUsers" });
  const f = updateForm.safeParse(Object.fromEntries(formData));
  if (!f.success) back("error", f.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  let done: string;
  try {
    const row = await updateUser(await getDb(), {
      id: f.data.id,
      role: f.data.role,
      unitId: await unitIdOf(f.data.unit, f.data.structure),
      actor: await currentAuditActor(user),
    });
    done = `updated:${row.email}`;
  } catch (err) {
    back("error", await messageOf(err));
  }
  revalidatePath("/admin/users");
  back("done", done);
}

/** Deactivate (sessions and tokens end at once) or reactivate an account (recorded). */
export async function setUserActiveAction(formData: FormData): Promise<void> {
  const user = await requireActionUser({ capability: "manageUsers" });
  const f = activeForm.safeParse(Object.fromEntries(formData));
  if (!f.success) back("error", "bad form");
  if (f.data.id === user.id && f.data.active === "0")
    back(
      "error",
      (await getLocale()) === "vi"
        ? "Không thể tự khoá tài khoản của chính mình."
        : "You cannot deactivate your own account.",
    );
  let done: string;
  try {
    const row = await setUserActive(await getDb(), {
      id: f.data.id,
      active: f.data.active === "1",
      actor: await currentAuditActor(user),
    });
    done = `${f.data.active === "1" ? "reactivated" : "deactivated"}:${row.email}`;
  } catch (err) {
    back("error", await messageOf(err));
  }
  revalidatePath("/admin/users");
  back("done", done);
}
