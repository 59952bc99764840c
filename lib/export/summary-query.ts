/**
 * The parameters of a summary export, as the API and the print view both read them (zod at the boundary):
 * scope, structure, period, indicators (comma-separated or repeated, as a form's checkboxes send them),
 * format and the document's date.
 */
import { z } from "zod";
import { getIndicator, indicators } from "../indicators/catalogue";
import { PERIOD_FORMS_VI, parseReportingPeriod } from "../indicators/comparison";
import { STRUCTURES, vietnamTime } from "../periods";

const list = z
  .string()
  .optional()
  .transform((s) =>
    s
      ? s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined,
  );

export const summaryQuery = z.object({
  scope: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, "mã đơn vị là một dãy số, ví dụ 525")
    .optional(),
  structure: z.enum(STRUCTURES, { error: "cơ cấu đơn vị phải là 2025-06 hoặc 2025-07" }).optional(),
  period: z
    .string({ error: `thiếu kỳ báo cáo; dùng ${PERIOD_FORMS_VI}` })
    .refine((p) => parseReportingPeriod(p) !== null, `kỳ báo cáo không hợp lệ; dùng ${PERIOD_FORMS_VI}`),
  indicators: list.superRefine((codes, ctx) => {
    const unknown = (codes ?? []).filter((c) => !getIndicator(c));
    if (unknown.length) {
      ctx.addIssue({
        code: "custom",
        message: `không có chỉ tiêu ${unknown.join(", ")}; các chỉ tiêu: ${indicators.map((i) => i.code).join(", ")}`,
      });
    }
  }),
  format: z.enum(["xlsx", "docx", "csv"], { error: "format phải là xlsx, docx hoặc csv" }).default("xlsx"),
  /** The document's date (yyyy-mm-dd); today when absent. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "ngày văn bản theo dạng yyyy-mm-dd, ví dụ 2026-11-26")
    .refine((d) => {
      const [y, m, day] = d.split("-").map(Number);
      const t = new Date(Date.UTC(y, m - 1, day));
      return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
    }, "ngày văn bản không tồn tại")
    .optional(),
});

export type SummaryQuery = z.infer<typeof summaryQuery>;

/**
 * Query parameters (URLSearchParams or Next's searchParams object) as one flat object: repeated
 * `indicators` joined with commas, empty values dropped.
 * @example flattenQuery(new URLSearchParams("period=2025Q1&indicators=meetings&indicators=online_rate&date="))
 *   → { period: "2025Q1", indicators: "meetings,online_rate" }
 */
export function flattenQuery(
  input: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const entries: [string, string][] =
    input instanceof URLSearchParams
      ? [...input.entries()]
      : Object.entries(input).flatMap(([k, v]) =>
          v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
        );
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (v === "") continue;
    out[k] = k === "indicators" && out[k] ? `${out[k]},${v}` : v;
  }
  return out;
}

/** The document's date at noon in Vietnam, or undefined for today. */
export function documentDate(date: string | undefined): Date | undefined {
  if (!date) return undefined;
  const [y, m, d] = date.split("-").map(Number);
  return vietnamTime(y, m - 1, d, 12);
}
