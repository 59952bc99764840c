// Who reported each quarter of a period, who was late and who is missing, for a unit's communes.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getReadDb } from "@/db";
import { getCompleteness } from "@/db/queries/completeness";
import { resolveRequestScope } from "../_lib/scope";
import { periodParam, scopeParam, structureParam } from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const query = z.object({ scope: scopeParam(), structure: structureParam, period: periodParam });

/** Its queries are cancelled on the server when the client goes away (db/abort.ts). */
export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
  const db = await getReadDb();
  const { scope, structure, period } = q;
  const { unit, userScope } = await resolveRequestScope(db, user, { scope, structure });
  return NextResponse.json(await getCompleteness(db, { reader: userScope, scopeUnitId: unit.id, period }));
});
