// One import: its record and the values it changed (old → new).
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getImport } from "@/db/queries/imports";
import { importNotFound } from "@/lib/import-errors";
import { badRequest, errorResponse } from "../../_lib/http";

export const dynamic = "force-dynamic";
const idSchema = z.coerce.number().int().positive();

export async function GET(_req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const id = idSchema.safeParse((await ctx.params).id);
  if (!id.success) return badRequest(id.error.issues);
  try {
    const row = await getImport(await getDb(), { id: id.data });
    if (!row) throw importNotFound(id.data);
    return NextResponse.json(row);
  } catch (err) {
    return errorResponse(err);
  }
}
