"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db";
import { setDeadlineDay } from "@/db/queries/completeness";
import { upsertTarget } from "@/db/queries/targets";
import { fail, failFrom, type ActionState } from "@/lib/action-result";
import { ValidationError } from "@/lib/errors";
import { getIndicator } from "@/lib/indicators/catalogue";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import { getLocale } from "../_i18n/locale";
import { bilingual } from "../_i18n/bilingual";
import { indicatorLabel } from "../_components/indicator-labels";
import { currentAuditActor, requireActionUser } from "../_auth/session";
import { recordAudit } from "@/db/queries/audit";
import { wroteInAction } from "../api/_lib/wrote";

/** What a form of the admin page gets back: a message to show, for the whole form or one field. */
export type FormResult = ActionState<{ message: string }>;

const targetForm = z.object({
  indicator: z.string().trim().min(1),
  intent: z.enum(["save", "reset"]),
  target: z.string().trim().max(30).default(""),
});

const deadlineForm = z.object({ day: z.string().trim().max(10) });

/** "85", "85,5" and "85.5" are the same number to a Vietnamese reader; anything else is not a number. */
function parseDecimal(s: string): number | null {
  if (!/^\d+([.,]\d+)?$/.test(s)) return null;
  return Number(s.replace(",", "."));
}

/** Save an indicator's target, or put it back on the catalogue default (intent "reset"). */
export async function saveTarget(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireActionUser({ capability: "manageTargets" });
  const actor = await currentAuditActor(user);
  const t = await getTranslations("dashboard.admin");
  const m = await bilingual("dashboard.admin");
  const locale = await getLocale();
  const parsed = targetForm.safeParse(Object.fromEntries(formData));
  const def = parsed.success ? getIndicator(parsed.data.indicator) : undefined;
  if (!parsed.success || !def) return fail("bad_request", m("badForm"));
  const { intent, target: raw } = parsed.data;
  let target: number | null = null;
  if (intent === "save") {
    if (raw === "") return fail("validation_failed", m("targetEmpty"));
    target = parseDecimal(raw);
    if (target === null) return fail("validation_failed", m("targetNotNumber", { value: raw }));
  }
  try {
    // The change and its audit record land together.
    const row = await (
      await getDb()
    ).transaction(async (tx) => {
      const saved = await upsertTarget(tx, { indicator: def.code, target, updatedBy: user.email });
      await recordAudit(tx, {
        actor,
        action: "target_change",
        target: `indicator:${def.code}`,
        detail: { indicator: def.code, intent, target: saved.target },
      });
      return saved;
    });
    await wroteInAction();
    revalidatePath("/", "layout");
    const label = indicatorLabel(def.code, locale);
    const shown = row.target === null ? t("none") : `≥ ${formatIndicatorValue(def, row.target, locale)}`;
    return {
      data: {
        message:
          intent === "reset"
            ? t("targetReset", { indicator: label, target: shown })
            : t("targetSaved", { indicator: label, target: shown }),
      },
    };
  } catch (err) {
    if (err instanceof ValidationError) return failFrom(err);
    throw err;
  }
}

/** Set the reporting deadline day (1–30 of the quarter's last month). */
export async function saveDeadlineDay(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireActionUser({ capability: "manageTargets" });
  const actor = await currentAuditActor(user);
  const t = await getTranslations("dashboard.admin");
  const m = await bilingual("dashboard.admin");
  const parsed = deadlineForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fail("bad_request", m("badForm"));
  const raw = parsed.data.day;
  if (!/^\d+$/.test(raw)) return fail("validation_failed", m("deadlineNotNumber", { value: raw }));
  try {
    const day = await (
      await getDb()
    ).transaction(async (tx) => {
      const saved = await setDeadlineDay(tx, { day: Number(raw) });
      await recordAudit(tx, {
        actor,
        action: "target_change",
        target: "setting:deadline_day",
        detail: { deadlineDay: saved },
      });
      return saved;
    });
    await wroteInAction();
    revalidatePath("/", "layout");
    return { data: { message: t("deadlineSaved", { day }) } };
  } catch (err) {
    if (err instanceof ValidationError) return failFrom(err);
    throw err;
  }
}
