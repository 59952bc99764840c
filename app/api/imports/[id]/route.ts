// One import: its record and the values it changed (old → new).
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { getImport } from "@/db/queries/imports";
import { importNotFound } from "@/lib/import-errors";
import { getUserScope } from "@/db/queries/access";
import { requireApiUser } from "@/app/_auth/session";
import { errorResponse } from "../../_lib/http";
import { idParam, parsePathParam } from "../../_lib/params";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const id = parsePathParam("id", idParam, (await ctx.params).id);
  if (id instanceof Response) return id;
  try {
    const db = await getDb();
    // An import outside the user's scope is "not found", like one that does not exist.
    const row = await getImport(db, { id: id, visibleTo: { scope: await getUserScope(db, user), email: user.email } });
    if (!row) throw importNotFound(id);
    return NextResponse.json(row);
  } catch (err) {
    return errorResponse(err);
  }
}
