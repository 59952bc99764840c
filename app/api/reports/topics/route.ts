// One topic of one period, every commune of the scope side by side (empty when a commune said nothing).
import { NextResponse } from "next/server";
import { z } from "zod";
import { getReadDb } from "@/db";
import { getTopicSideBySide } from "@/db/queries/reports-read";
import { ALL_TOPICS } from "@/lib/reports/topics";
import { resolveRequestScope } from "../../_lib/scope";
import { oneOfParam, periodParam, required, scopeParam } from "../../_lib/params";
import { readRoute } from "../../_lib/route";

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
export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
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
});
