// Revert an import: restore what it replaced, remove what it added; recorded as an import of its own.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { revertImport } from "@/db/queries/imports";
import { getUserScope } from "@/db/queries/access";
import { auditActor, requireApiUser } from "@/app/_auth/session";
import { badRequest, errorResponse } from "../../../_lib/http";

export const dynamic = "force-dynamic";
const idSchema = z.coerce.number().int().positive();

export async function POST(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const user = await requireApiUser(req, { capability: "revert" });
  if (user instanceof Response) return user;
  const id = idSchema.safeParse((await ctx.params).id);
  if (!id.success) return badRequest(id.error.issues);
  try {
    const source = req.nextUrl.searchParams.get("source") === "web" ? "web" : "api";
    const db = await getDb();
    const result = await revertImport(db, {
      importId: id.data,
      createdBy: user.email,
      source,
      writeScope: await getUserScope(db, user),
      audit: { actor: auditActor(user, req.headers) },
    });
    return NextResponse.json({ status: "reverted", ...result });
  } catch (err) {
    return errorResponse(err);
  }
}
