// Imports API: POST uploads a file (preview with ?dryRun=1, else commit); GET lists past imports.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { listImports, runImport } from "@/db/queries/imports";
import { fileTooLarge, maxUploadBytes, noFile } from "@/lib/import-errors";
import { importResponse } from "@/lib/import-report";
import { getUserScope, importScopeUnitId } from "@/db/queries/access";
import { auditActor, requireApiUser } from "@/app/_auth/session";
import { badRequest, errorResponse, streamChunks } from "../_lib/http";

export const dynamic = "force-dynamic";

const postQuery = z.object({
  dryRun: z.enum(["0", "1", "true", "false"]).optional(),
  filename: z.string().trim().max(255).optional(),
  sheet: z.string().trim().max(100).optional(),
  source: z.enum(["web", "api"]).optional(),
});

/** The upload: multipart field `file`, or the raw body named by `?filename=`. */
async function readUpload(req: NextRequest, filename: string | undefined) {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await req.formData();
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw noFile();
    return { name: file.name || filename || "upload", input: streamChunks(file.stream()) };
  }
  if (!req.body) throw noFile();
  return { name: filename || "upload.csv", input: streamChunks(req.body) };
}

export async function POST(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "import" });
  if (user instanceof Response) return user;
  const q = postQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const maxBytes = maxUploadBytes();
    const declared = Number(req.headers.get("content-length") ?? 0);
    // Multipart adds a little framing; anything far past the limit is refused before reading.
    if (declared > maxBytes + 64 * 1024) throw fileTooLarge(maxBytes);
    const db = await getDb();
    const upload = await readUpload(req, q.data.filename);
    const source = q.data.source ?? "api";
    const outcome = await runImport(db, {
      input: upload.input,
      fileName: upload.name,
      scopeUnitId: importScopeUnitId(user),
      mode: q.data.dryRun === "1" || q.data.dryRun === "true" ? "preview" : "commit",
      createdBy: user.email,
      source,
      maxBytes,
      sheetName: q.data.sheet,
      audit: { actor: auditActor(user, req.headers), unitId: user.role === "admin" ? null : user.unitId },
    });
    return NextResponse.json(importResponse(outcome), { status: outcome.status === "rejected" ? 422 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = listQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    return NextResponse.json({ imports: await listImports(db, { ...q.data, visibleTo: { scope: await getUserScope(db, user), email: user.email } }) });
  } catch (err) {
    return errorResponse(err);
  }
}
