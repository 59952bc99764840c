// One topic of one period, every commune of the scope side by side (empty when a commune said nothing).
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getReadDb } from "@/db";
import { withAbortSignal } from "@/db/abort";
import { getTopicSideBySide } from "@/db/queries/reports-read";
import { requireApiUser } from "@/app/_auth/session";
import { ALL_TOPICS } from "@/lib/reports/topics";
import { resolveRequestScope } from "../../_lib/scope";
import { errorResponse } from "../../_lib/http";
import { oneOfParam, parseQuery, periodParam, required, scopeParam } from "../../_lib/params";

export const dynamic = "force-dynamic";

const query = z.object({
  scope: scopeParam(),
  period: periodParam,
  topic: required(oneOfParam(ALL_TOPICS), {
    vi: `thiếu chủ đề; một trong: ` + `${ALL_TOPICS.join(", ")}`,
    en: `missing; one of: ${ALL_TOPICS.join(", ")}`,
  }),
  part: oneOfParam(["results", "tasks", "difficulties", "proposals"]),
});

/** Its queries are cancelled on the server when the client goes away (db/abort.ts). */
export function GET(req: NextRequest) {
  return withAbortSignal(req.signal, () => read(req));
}

async function read(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = parseQuery(query, req.nextUrl.searchParams);
  if (q instanceof Response) return q;
  try {
    const db = await getReadDb();
    const { unit, userScope } = await resolveRequestScope(db, user, { scope: q.scope });
    const communes = await getTopicSideBySide(db, {
      scope: userScope,
      scopeUnitId: unit.id,
      period: q.period,
      topic: q.topic,
      part: q.part,
    });
    return NextResponse.json({
      scope: { code: unit.code, name: unit.name },
      period: q.period,
      topic: q.topic,
      communes,
    });
  } catch (err) {
    return errorResponse(err);
  }
}
