// Revert an import: restore what it replaced, remove what it added; recorded as an import of its own.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { revertImport } from "@/db/queries/imports";
import { getUserScope } from "@/db/queries/access";
import { auditActor, requireApiUser } from "@/app/_auth/session";
import { errorResponse } from "../../../_lib/http";
import { wrote } from "../../../_lib/wrote";
import { z } from "zod";
import { idParam, oneOfParam, parsePathParam, parseQuery } from "../../../_lib/params";

export const dynamic = "force-dynamic";

const query = z.object({ source: oneOfParam(["web", "api"]) });

export async function POST(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const user = await requireApiUser(req, { capability: "revert" });
  if (user instanceof Response) return user;
  const id = parsePathParam("id", idParam, (await ctx.params).id);
  if (id instanceof Response) return id;
  const q = parseQuery(query, req.nextUrl.searchParams);
  if (q instanceof Response) return q;
  try {
    const source = q.source ?? "api";
    const db = await getDb();
    const result = await revertImport(db, {
      importId: id,
      createdBy: user.email,
      source,
      writeScope: await getUserScope(db, user),
      audit: { actor: auditActor(user, req.headers) },
    });
    return wrote(NextResponse.json({ status: "reverted", ...result }));
  } catch (err) {
    return errorResponse(err);
  }
}
