// Narrative reports API: POST uploads a report (preview with ?dryRun=1, else store); GET lists current reports.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { runReportImport } from "@/db/queries/reports-store";
import { listReports } from "@/db/queries/reports-read";
import { getUserScope } from "@/db/queries/access";
import { auditActor, requireApiUser } from "@/app/_auth/session";
import { noFile } from "@/lib/import-errors";
import { reportMaxBytes, reportTooLarge } from "@/lib/reports/errors";
import { badRequest, errorResponse, listParam } from "../_lib/http";

export const dynamic = "force-dynamic";

const postQuery = z.object({
  dryRun: z.enum(["0", "1", "true", "false"]).optional(),
  unit: z.string().trim().regex(/^\d{1,10}$/, "mã đơn vị là một dãy số, ví dụ 21136").optional(),
  period: z.string().trim().max(20).optional(),
  source: z.enum(["web", "api"]).optional(),
});

export async function POST(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "import" });
  if (user instanceof Response) return user;
  const q = postQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const maxBytes = reportMaxBytes();
    const declared = Number(req.headers.get("content-length") ?? 0);
    if (declared > maxBytes + 64 * 1024) throw reportTooLarge(maxBytes);
    const form = await req.formData();
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw noFile();
    if (file.size > maxBytes) throw reportTooLarge(maxBytes);
    const field = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" && v.trim() ? v.trim() : undefined;
    };
    const unitCode = field("unit") ?? q.data.unit;
    if (unitCode !== undefined && !/^\d{1,10}$/.test(unitCode)) return badRequest([{ code: "custom", path: ["unit"], message: "mã đơn vị là một dãy số, ví dụ 21136", input: unitCode }]);
    const db = await getDb();
    const outcome = await runReportImport(db, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name || "report",
      unitCode,
      period: field("period") ?? q.data.period,
      mode: q.data.dryRun === "1" || q.data.dryRun === "true" ? "preview" : "commit",
      user,
      source: q.data.source ?? "api",
      audit: { actor: auditActor(user, req.headers) },
    });
    return NextResponse.json(outcome, { status: outcome.status === "rejected" ? 422 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}

const listQuery = z.object({ units: listParam, periods: listParam });

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = listQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const reports = await listReports(db, { scope: await getUserScope(db, user), unitCodes: q.data.units, periods: q.data.periods });
    return NextResponse.json({ reports });
  } catch (err) {
    return errorResponse(err);
  }
}
