// Who reported each quarter of a period, who was late and who is missing, for a unit's communes.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getCompleteness } from "@/db/queries/completeness";
import { getScopeUnitByCode } from "@/db/queries/indicators";
import { PERIOD_FORMS_VI, parseReportingPeriod } from "@/lib/indicators/comparison";
import { readEnv } from "@/lib/env";
import { STRUCTURES } from "@/lib/periods";
import { requireScopeUnit } from "../_lib/scope";
import { badRequest, errorResponse } from "../_lib/http";

export const dynamic = "force-dynamic";

const query = z.object({
  scope: z.string().trim().regex(/^\d{1,10}$/, "mã đơn vị là một dãy số, ví dụ 525").optional(),
  structure: z.enum(STRUCTURES, { error: "cơ cấu đơn vị phải là 2025-06 hoặc 2025-07" }).optional(),
  period: z
    .string({ error: `thiếu kỳ báo cáo; dùng ${PERIOD_FORMS_VI}` })
    .refine((p) => parseReportingPeriod(p) !== null, `kỳ báo cáo không hợp lệ; dùng ${PERIOD_FORMS_VI}`),
});

export async function GET(req: NextRequest) {
  const q = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const { scope, structure, period } = q.data;
    const env = readEnv();
    const unit =
      scope || structure
        ? await getScopeUnitByCode(db, { code: scope ?? env.ORG_UNIT_CODE, structure: structure ?? env.ORG_STRUCTURE })
        : await requireScopeUnit(db);
    return NextResponse.json(await getCompleteness(db, { scopeUnitId: unit.id, period }));
  } catch (err) {
    return errorResponse(err);
  }
}
