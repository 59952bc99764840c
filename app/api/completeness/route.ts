// Who reported each quarter of a period, who was late and who is missing, for a unit's communes.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { withAbortSignal } from "@/db/abort";
import { getReadDb } from "@/db";
import { getCompleteness } from "@/db/queries/completeness";
import { requireApiUser } from "@/app/_auth/session";
import { resolveRequestScope } from "../_lib/scope";
import { errorResponse } from "../_lib/http";
import { parseQuery, periodParam, scopeParam, structureParam } from "../_lib/params";

export const dynamic = "force-dynamic";

const query = z.object({ scope: scopeParam(), structure: structureParam, period: periodParam });

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
    const { scope, structure, period } = q;
    const { unit, userScope } = await resolveRequestScope(db, user, { scope, structure });
    return NextResponse.json(await getCompleteness(db, { reader: userScope, scopeUnitId: unit.id, period }));
  } catch (err) {
    return errorResponse(err);
  }
}
