// Full-text search in narrative reports (with or without diacritics, "phrases"), within the reader's scope.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getReadDb } from "@/db";
import { searchReports } from "@/db/queries/reports-search";
import { ALL_TOPICS } from "@/lib/reports/topics";
import { resolveRequestScope } from "../../_lib/scope";
import { intParam, oneOfParam, periodsParam, required, scopeParam, textParam } from "../../_lib/params";
import { readRoute } from "../../_lib/route";

export const dynamic = "force-dynamic";

const query = z.object({
  q: required(textParam(200), { vi: "thiếu từ khoá q", en: "missing the search words q" }),
  scope: scopeParam(),
  periods: periodsParam,
  topic: oneOfParam(ALL_TOPICS),
  limit: intParam(1, 100),
  offset: intParam(0, 10_000),
});

/** Its queries are cancelled on the server when the client goes away (db/abort.ts). */
export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
  const db = await getReadDb();
  const { unit, userScope } = await resolveRequestScope(db, user, { scope: q.scope });
  const result = await searchReports(db, {
    q: q.q,
    scope: userScope,
    underUnitId: q.scope ? unit.id : null,
    periods: q.periods,
    topic: q.topic,
    limit: q.limit ?? 20,
    offset: q.offset ?? 0,
  });
  return NextResponse.json(result);
});
