// Summary exports of a unit's communes for a period: the "Biểu tổng hợp" workbook (xlsx), the draft report (docx) or the summary as CSV.
import { PassThrough, Readable } from "node:stream";
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { requireApiUser } from "@/app/_auth/session";
import { getSummaryExportData, narrowSummaryExport } from "@/db/queries/summary-export";
import { CONTENT_TYPES, contentDisposition, summaryDisplayName, summaryFileName } from "@/lib/export/filename";
import { buildNarrativeDocx } from "@/lib/export/narrative-docx";
import { getNarrativeFacts } from "@/db/queries/reports-read";
import { communeHighlights } from "@/lib/reports/highlights";
import { documentDate, flattenQuery, summaryQuery } from "@/lib/export/summary-query";
import { buildSummaryCsv } from "@/lib/export/summary-table";
import { writeSummaryWorkbook } from "@/lib/export/summary-workbook";
import { resolveRequestScope } from "../../_lib/scope";
import { badRequest, errorResponse } from "../../_lib/http";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "export" });
  if (user instanceof Response) return user;
  const q = summaryQuery.safeParse(flattenQuery(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const { scope, structure, period, indicators, format, date } = q.data;
    const { unit, userScope, access } = await resolveRequestScope(db, user, { scope, structure });
    const full = await getSummaryExportData(db, { scopeUnitId: unit.id, period, indicators });
    // A reporter's district export: the totals and their own commune's rows, no other commune's.
    const data = narrowSummaryExport(full, userScope, access, unit.id);
    const meta = { generatedAt: new Date(), date: documentDate(date) };
    const headers = {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": contentDisposition(summaryFileName(data.scope.code, data.period.code, format), summaryDisplayName(data.scope.name, data.period.code, format)),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    };
    if (format === "csv") return new NextResponse(buildSummaryCsv(data), { headers });
    if (format === "docx") {
      const notes = communeHighlights(await getNarrativeFacts(db, { scope: userScope, scopeUnitId: unit.id, period: data.period.code }));
      return new NextResponse(Buffer.from(await buildNarrativeDocx(data, meta, notes)), { headers });
    }
    // The workbook streams out as exceljs writes it, row by row: a national table is never held whole twice.
    const out = new PassThrough();
    writeSummaryWorkbook(data, meta, out).catch((err: unknown) => {
      // A download the browser cancelled has already closed the stream: nothing to report.
      if (out.destroyed) return;
      console.error(err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return new NextResponse(Readable.toWeb(out) as ReadableStream<Uint8Array>, { headers });
  } catch (err) {
    return errorResponse(err);
  }
}
