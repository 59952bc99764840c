// One narrative report version: its items, topics, citations, figures with their check, recycled passages, versions.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { getReport, reportNotFound } from "@/db/queries/reports-read";
import { getUserScope } from "@/db/queries/access";
import { requireApiUser } from "@/app/_auth/session";
import { errorResponse } from "../../_lib/http";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const { id } = await ctx.params;
  try {
    if (!/^\d{1,9}$/.test(id)) throw reportNotFound(id);
    const db = await getDb();
    return NextResponse.json(await getReport(db, { id: Number(id), scope: await getUserScope(db, user) }));
  } catch (err) {
    return errorResponse(err);
  }
}
