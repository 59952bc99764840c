// One topic of one period, every commune of the scope side by side (empty when a commune said nothing).
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getTopicSideBySide } from "@/db/queries/reports-read";
import { requireApiUser } from "@/app/_auth/session";
import { ALL_TOPICS } from "@/lib/reports/topics";
import { resolveRequestScope } from "../../_lib/scope";
import { badRequest, errorResponse } from "../../_lib/http";

export const dynamic = "force-dynamic";

const query = z.object({
  scope: z.string().trim().regex(/^\d{1,10}$/, "mã đơn vị là một dãy số, ví dụ 525").optional(),
  period: z.string({ error: "thiếu kỳ báo cáo, ví dụ 2025Q1" }).trim().regex(/^\d{4}(Q[1-4]|S[12]|N9)?$/, "kỳ báo cáo dạng 2025Q1, 2025S1, 2025N9 hoặc 2025"),
  topic: z.enum(ALL_TOPICS as [string, ...string[]], { error: "chủ đề không hợp lệ" }),
  part: z.enum(["results", "tasks", "difficulties", "proposals"]).optional(),
});

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const { unit, userScope } = await resolveRequestScope(db, user, { scope: q.data.scope });
    const communes = await getTopicSideBySide(db, { scope: userScope, scopeUnitId: Number(unit.id), period: q.data.period, topic: q.data.topic, part: q.data.part });
    return NextResponse.json({ scope: { code: unit.code, name: unit.name }, period: q.data.period, topic: q.data.topic, communes });
  } catch (err) {
    return errorResponse(err);
  }
}
