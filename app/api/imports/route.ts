// Imports API: POST uploads a file (preview with ?dryRun=1, else commit); GET lists past imports.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { listImports, runImport } from "@/db/queries/imports";
import { fileEmpty, fileTooLarge, maxUploadBytes, noFile } from "@/lib/import-errors";
import { importResponse } from "@/lib/import-report";
import { getUserScope, importScopeUnitId } from "@/db/queries/access";
import { auditActor, requireApiUser } from "@/app/_auth/session";
import { errorResponse, MULTIPART_SLACK, readFormDataBounded, streamChunks } from "../_lib/http";
import { wrote } from "../_lib/wrote";
import { intParam, oneOfParam, parseQuery, textParam } from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const postQuery = z.object({
  dryRun: oneOfParam(["0", "1", "true", "false"]),
  filename: textParam(255),
  sheet: textParam(100),
  source: oneOfParam(["web", "api"]),
});

/**
 * The upload: multipart field `file`, or the raw body named by `?filename=`. No file at all is 400
 * `no_file`; a file of 0 bytes is 422 `file_empty`, naming it.
 */
async function readUpload(req: NextRequest, filename: string | undefined, maxBytes: number) {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    // Read with a byte count (a chunked body has no content-length to check up front).
    const form = await readFormDataBounded(req, maxBytes + MULTIPART_SLACK, () => fileTooLarge(maxBytes));
    const file = form.get("file");
    if (!(file instanceof File)) throw noFile();
    const name = file.name || filename || "upload";
    if (file.size === 0) throw fileEmpty(name);
    return { name, input: streamChunks(file.stream()) };
  }
  const name = filename || "upload.csv";
  if (!req.body) {
    if (filename || req.headers.get("content-length") === "0") throw fileEmpty(name);
    throw noFile();
  }
  return { name, input: nonEmpty(streamChunks(req.body), name) };
}

/** The raw body's bytes, refused as `file_empty` when there are none (a streamed body has no size up front). */
async function* nonEmpty(chunks: AsyncGenerator<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  let any = false;
  for await (const chunk of chunks) {
    if (chunk.length > 0) any = true;
    yield chunk;
  }
  if (!any) throw fileEmpty(name);
}

export async function POST(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "import" });
  if (user instanceof Response) return user;
  const q = parseQuery(postQuery, req.nextUrl.searchParams);
  if (q instanceof Response) return q;
  try {
    const maxBytes = maxUploadBytes();
    const declared = Number(req.headers.get("content-length") ?? 0);
    // Multipart adds a little framing; anything far past the limit is refused before reading.
    if (declared > maxBytes + MULTIPART_SLACK) throw fileTooLarge(maxBytes);
    const db = await getDb();
    const upload = await readUpload(req, q.filename, maxBytes);
    const source = q.source ?? "api";
    const outcome = await runImport(db, {
      input: upload.input,
      fileName: upload.name,
      scopeUnitId: importScopeUnitId(user),
      mode: q.dryRun === "1" || q.dryRun === "true" ? "preview" : "commit",
      createdBy: user.email,
      source,
      maxBytes,
      sheetName: q.sheet,
      audit: { actor: auditActor(user, req.headers), unitId: user.role === "admin" ? null : user.unitId },
    });
    const res = NextResponse.json(importResponse(outcome), { status: outcome.status === "rejected" ? 422 : 200 });
    return outcome.status === "committed" ? wrote(res) : res;
  } catch (err) {
    return errorResponse(err);
  }
}

const listQuery = z.object({ limit: intParam(1, 500), offset: intParam(0, 1_000_000_000) });

export const GET = readRoute(listQuery, { capability: "read" }, async ({ user, q }) => {
  const db = await getDb();
  const visibleTo = { scope: await getUserScope(db, user), email: user.email };
  return NextResponse.json({
    imports: await listImports(db, { limit: q.limit ?? 50, offset: q.offset ?? 0, visibleTo }),
  });
});
