// Who reported each quarter of a period, who was late and who is missing, for a unit's communes.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getCompleteness } from "@/db/queries/completeness";
import { requireApiUser } from "@/app/_auth/session";
import { PERIOD_FORMS_VI, parseReportingPeriod } from "@/lib/indicators/comparison";
import { STRUCTURES } from "@/lib/periods";
import { resolveRequestScope } from "../_lib/scope";
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
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const { scope, structure, period } = q.data;
    const { unit, userScope } = await resolveRequestScope(db, user, { scope, structure });
    return NextResponse.json(await getCompleteness(db, { reader: userScope, scopeUnitId: unit.id, period }));
  } catch (err) {
    return errorResponse(err);
  }
}
