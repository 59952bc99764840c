/**
 * Targets an administrator sets (pure validation). A target is always "at least": a percentage 0–100 for
 * a rate, a count ≥ 0 per commune and per quarter for a count. `null` means "back to the catalogue default".
 */
import { z } from "zod";
import type { Problem } from "../errors";
import { getIndicator } from "./catalogue";

export const targetInputSchema = z
  .object({
    indicator: z.string({ error: "Thiếu mã chỉ tiêu." }).trim().min(1, "Thiếu mã chỉ tiêu."),
    target: z
      .number({ error: "Mục tiêu phải là một số, hoặc để trống để dùng mục tiêu mặc định." })
      .finite()
      .nullable(),
    updatedBy: z.string({ error: "Thiếu người cập nhật." }).trim().min(1, "Thiếu người cập nhật.").max(200),
  })
  .superRefine((v, ctx) => {
    const def = getIndicator(v.indicator);
    if (!def) {
      ctx.addIssue({
        code: "custom",
        path: ["indicator"],
        message: `Không có chỉ tiêu ${v.indicator}.`,
        params: { en: `Unknown indicator ${v.indicator}.`, code: "unknown_indicator" },
      });
      return;
    }
    if (v.target === null) return;
    if (def.kind === "rate" && (v.target < 0 || v.target > 100)) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `Mục tiêu của chỉ tiêu tỷ lệ phải từ 0 đến 100 (%), nhận được ${v.target}.`,
        params: { en: `A rate target must be between 0 and 100 (%), got ${v.target}.`, code: "target_out_of_range" },
      });
    }
    if (def.kind === "count" && v.target < 0) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `Mục tiêu của chỉ tiêu đếm (mỗi xã, mỗi quý) không được âm, nhận được ${v.target}.`,
        params: {
          en: `A count target (per commune and quarter) cannot be negative, got ${v.target}.`,
          code: "target_out_of_range",
        },
      });
    }
  });

export type TargetInput = z.infer<typeof targetInputSchema>;

/**
 * Validate an administrator's target; problems name the field, Vietnamese first.
 * @example parseTargetInput({ indicator: "online_rate", target: 120, updatedBy: "admin" }) → { problems: [{ column: "target", … }] }
 */
export function parseTargetInput(
  input: unknown,
): { data: TargetInput; problems?: undefined } | { data?: undefined; problems: Problem[] } {
  const r = targetInputSchema.safeParse(input);
  if (r.success) return { data: r.data };
  return {
    problems: r.error.issues.map((i) => {
      const params = (i as { params?: { en?: string; code?: string } }).params;
      const column = i.path.join(".") || undefined;
      return {
        column,
        code: params?.code ?? "invalid_target",
        messageVi: i.message,
        messageEn: params?.en ?? `Invalid value for ${column ?? "the target"}.`,
      };
    }),
  };
}
