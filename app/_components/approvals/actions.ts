"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { setPeriodStatus } from "@/db/queries/approvals";
import { getScopeUnitByCode } from "@/db/queries/units";
import { errorText, failFrom } from "@/lib/action-result";
import { PERIOD_STATUSES } from "@/lib/auth/permissions";
import { structureForQuarter } from "@/lib/periods";
import { currentAuditActor, requireActionUser } from "../../_auth/session";
import { getLocale } from "../../_i18n/locale";
import { wroteInAction } from "../../api/_lib/wrote";

const form = z.object({
  unit: z.string().regex(/^\d{1,10}$/),
  period: z.string().regex(/^\d{4}Q[1-4]$/),
  status: z.enum(PERIOD_STATUSES),
  back: z.string().regex(/^\/units\/\d{1,10}(\?[^\s]*)?$/),
  note: z.string().max(500).optional(),
});

function withParam(back: string, key: string, value: string): string {
  const [path, query = ""] = back.split("?");
  const params = new URLSearchParams(query);
  params.delete("approvalError");
  params.delete("approvalDone");
  params.set(key, value);
  return `${path}?${params.toString()}`;
}

/**
 * Move a commune's quarter to a new status (submit, approve, send back, unlock). The role, the scope
 * and the transition are checked by setPeriodStatus, which records the change in the audit trail.
 */
export async function changePeriodStatus(formData: FormData): Promise<void> {
  const parsed = form.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/");
  const { unit: code, period, status, back, note } = parsed.data;
  const locale = await getLocale();
  let target: string;
  try {
    const user = await requireActionUser({ write: true });
    const db = await getDb();
    const unit = await getScopeUnitByCode(db, { code, structure: structureForQuarter(period) });
    await setPeriodStatus(db, {
      user,
      unitId: unit.id,
      period,
      status,
      actor: await currentAuditActor(user),
      note: note?.trim() || undefined,
    });
    await setPeriodStatus(db, { user, unitId: unit.id, period, status, actor: await currentAuditActor(user) });
    await wroteInAction();
    revalidatePath("/", "layout");
    target = withParam(back, "approvalDone", `${period}:${status}`);
  } catch (err) {
    // An AppError comes back on the page; anything else (an outage) is rethrown to the error page.
    target = withParam(back, "approvalError", errorText(failFrom(err).error, locale));
  }
  redirect(target);
}
