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
import { errorResponse, MULTIPART_SLACK, readFormDataBounded } from "../_lib/http";
import { wrote } from "../_lib/wrote";
import { badParameter } from "@/lib/errors";
import { oneOfParam, parseQuery, periodsParam, textParam, unitCodeParam, unitCodesParam } from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const postQuery = z.object({
  dryRun: oneOfParam(["0", "1", "true", "false"]),
  unit: unitCodeParam,
  period: textParam(20),
  source: oneOfParam(["web", "api"]),
});

export async function POST(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "import" });
  if (user instanceof Response) return user;
  const q = parseQuery(postQuery, req.nextUrl.searchParams);
  if (q instanceof Response) return q;
  try {
    const maxBytes = reportMaxBytes();
    // Counted while read: a chunked body past the limit is refused without being buffered whole.
    const form = await readFormDataBounded(req, maxBytes + MULTIPART_SLACK, () => reportTooLarge(maxBytes));
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw noFile();
    if (file.size > maxBytes) throw reportTooLarge(maxBytes);
    const field = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" && v.trim() ? v.trim() : undefined;
    };
    const unitCode = field("unit") ?? q.unit;
    if (unitCode !== undefined && !/^\d{1,10}$/.test(unitCode)) {
      throw badParameter(
        "unit",
        "cần mã đơn vị là một dãy tối đa 10 chữ số, ví dụ " + "21136",
        "expected a unit code of up to 10 digits, e.g. 21136",
      );
    }
    const db = await getDb();
    const outcome = await runReportImport(db, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name || "report",
      unitCode,
      period: field("period") ?? q.period,
      mode: q.dryRun === "1" || q.dryRun === "true" ? "preview" : "commit",
      user,
      source: q.source ?? "api",
      audit: { actor: auditActor(user, req.headers) },
    });
    const res = NextResponse.json(outcome, { status: outcome.status === "rejected" ? 422 : 200 });
    return outcome.status === "stored" ? wrote(res) : res;
  } catch (err) {
    return errorResponse(err);
  }
}

const listQuery = z.object({ units: unitCodesParam, periods: periodsParam });

export const GET = readRoute(listQuery, { capability: "read" }, async ({ req, user, q }) => {
  const db = await getDb();
  const reports = await listReports(db, {
    scope: await getUserScope(db, user),
    unitCodes: q.units,
    periods: q.periods,
  });
  return NextResponse.json({ reports });
});
