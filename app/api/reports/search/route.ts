// Full-text search in narrative reports (with or without diacritics, "phrases"), within the reader's scope.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { searchReports } from "@/db/queries/reports-search";
import { requireApiUser } from "@/app/_auth/session";
import { ALL_TOPICS } from "@/lib/reports/topics";
import { resolveRequestScope } from "../../_lib/scope";
import { badRequest, errorResponse, listParam } from "../../_lib/http";

export const dynamic = "force-dynamic";

const query = z.object({
  q: z.string({ error: "thiếu từ khoá q" }).trim().min(1, "thiếu từ khoá q").max(200),
  scope: z.string().trim().regex(/^\d{1,10}$/, "mã đơn vị là một dãy số, ví dụ 525").optional(),
  periods: listParam,
  topic: z.enum(ALL_TOPICS as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const { unit, userScope } = await resolveRequestScope(db, user, { scope: q.data.scope });
    const result = await searchReports(db, { q: q.data.q, scope: userScope, underUnitId: q.data.scope ? Number(unit.id) : null, periods: q.data.periods, topic: q.data.topic, limit: q.data.limit, offset: q.data.offset });
    return NextResponse.json(result);
  } catch (err) {
    return errorResponse(err);
  }
}
