// Indicators of a unit's communes (or the whole country) for a period, by commune, child unit or quarter, with targets and comparisons (JSON or CSV).
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getIndicatorTable } from "@/db/queries/indicators";
import { requireApiUser } from "@/app/_auth/session";
import { getIndicator, indicators } from "@/lib/indicators/catalogue";
import { PERIOD_FORMS_VI, parseReportingPeriod } from "@/lib/indicators/comparison";
import { indicatorRowsToCsv } from "@/lib/indicators/export";
import { STRUCTURES } from "@/lib/periods";
import { resolveRequestScope } from "../_lib/scope";
import { badRequest, errorResponse, listParam } from "../_lib/http";

export const dynamic = "force-dynamic";

const periodParam = z
  .string({ error: `thiếu kỳ báo cáo; dùng ${PERIOD_FORMS_VI}` })
  .refine((p) => parseReportingPeriod(p) !== null, `kỳ báo cáo không hợp lệ; dùng ${PERIOD_FORMS_VI}`);

const query = z.object({
  scope: z.string().trim().regex(/^(\d{1,10}|VN)$/, "mã đơn vị là một dãy số, ví dụ 525, hoặc VN cho toàn quốc").optional(),
  structure: z.enum(STRUCTURES, { error: "cơ cấu đơn vị phải là 2025-06 hoặc 2025-07" }).optional(),
  period: periodParam,
  indicators: listParam.superRefine((codes, ctx) => {
    const unknown = (codes ?? []).filter((c) => !getIndicator(c));
    if (unknown.length) {
      ctx.addIssue({ code: "custom", message: `không có chỉ tiêu ${unknown.join(", ")}; các chỉ tiêu: ${indicators.map((i) => i.code).join(", ")}` });
    }
  }),
  by: z.enum(["unit", "period", "child"], { error: "by phải là unit, period hoặc child" }).default("unit"),
  format: z.enum(["json", "csv"], { error: "format phải là json hoặc csv" }).default("json"),
});

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const { scope, structure, period, indicators, by, format } = q.data;
    // scope=VN: every commune of the country in the structure (by=child gives one row per province); administrators only.
    const req_ = await resolveRequestScope(db, user, { scope, structure, allowCountry: true });
    const scopeUnitId = req_.unit.level === "country" ? { country: req_.unit.structure } : req_.unit.id;
    const result = await getIndicatorTable(db, { reader: req_.userScope, scope: scopeUnitId, period, indicators, by });
    if (format === "csv") {
      const name = `indicators-${result.scope.code}-${result.period.code}-${by}.csv`;
      return new NextResponse(indicatorRowsToCsv(result.rows, result.indicators), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
      });
    }
    return NextResponse.json(result);
  } catch (err) {
    return errorResponse(err);
  }
}
