// Summary exports of a unit's communes for a period: the "Biểu tổng hợp" workbook (xlsx), the draft report (docx) or the summary as CSV.
import { PassThrough, Readable } from "node:stream";
import { NextResponse } from "next/server";
import { getReadDb } from "@/db";
import { getSummaryExportData } from "@/db/queries/summary-export";
import { CONTENT_TYPES, contentDisposition, summaryDisplayName, summaryFileName } from "@/lib/export/filename";
import { buildNarrativeDocx } from "@/lib/export/narrative-docx";
import { z } from "zod";
import { documentDate } from "@/lib/export/summary-query";
import { getNarrativeFacts } from "@/db/queries/reports-read";
import { communeHighlights } from "@/lib/reports/highlights";
import { buildSummaryCsv } from "@/lib/export/summary-table";
import { writeSummaryWorkbook } from "@/lib/export/summary-workbook";
import { resolveRequestScope } from "../../_lib/scope";
import { dayParam, indicatorsParam, oneOfParam, periodParam, scopeParam, structureParam } from "../../_lib/params";
import { readRoute } from "../../_lib/route";

export const dynamic = "force-dynamic";

const query = z.object({
  scope: scopeParam(),
  structure: structureParam,
  period: periodParam,
  indicators: indicatorsParam,
  format: oneOfParam(["xlsx", "docx", "csv"]),
  date: dayParam,
});

/** Its queries are cancelled on the server when the client goes away (db/abort.ts). */
export const GET = readRoute(query, { capability: "export" }, async ({ user, q }) => {
  const db = await getReadDb();
  const { scope, structure, period, indicators, date } = q;
  const format = q.format ?? "xlsx";
  const { unit, userScope } = await resolveRequestScope(db, user, { scope, structure });
  // A reporter's district export: the totals and their own commune's rows, no other commune's.
  const data = await getSummaryExportData(db, { reader: userScope, scopeUnitId: unit.id, period, indicators });
  const meta = { generatedAt: new Date(), date: documentDate(date) };
  const headers = {
    "content-type": CONTENT_TYPES[format],
    "content-disposition": contentDisposition(
      summaryFileName(data.scope.code, data.period.code, format),
      summaryDisplayName(data.scope.name, data.period.code, format),
    ),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  if (format === "csv") return new NextResponse(buildSummaryCsv(data), { headers });
  if (format === "docx") {
    const notes = communeHighlights(
      await getNarrativeFacts(db, { scope: userScope, scopeUnitId: unit.id, period: data.period.code }),
    );
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
});
