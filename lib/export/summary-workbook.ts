/**
 * "Biểu tổng hợp": the summary workbook a district sends upward (pure: data in, bytes out). Three sheets:
 * the summary in the layout of an administrative document (issuer and motto, place and date, title,
 * the table with its total row, reporting status, notes, signatures), every element per commune, and
 * reporting completeness per quarter. Real numbers with number formats, "–" for no data, A4 landscape
 * one page wide with the header rows repeated. Written with exceljs's streaming writer, so a national
 * table stays within bounded memory.
 */
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { formatQuarter } from "../format";
import { dataElements } from "../indicators/catalogue";
import { VIETNAM_OFFSET_MS } from "../periods";
import {
  documentFrame,
  MOTTO,
  periodPhrase,
  periodSpan,
  SIGNATURE,
  summaryTitle,
  type DocumentFrame,
  type DocumentMeta,
} from "./document";
import { SUMMARY_WORDS, summaryNotes, summaryStatusLines, summarySubtitle } from "./summary-text";
import {
  buildSummaryTable,
  elementHeader,
  elementValue,
  totalLabel,
  type SummaryColumn,
  type SummaryExportData,
} from "./summary-table";
import type { ExportRow } from "./table";
import {
  columnWidth,
  FOOTER,
  linesFor,
  NO_DATA,
  pageSetup,
  printPlan,
  S,
  SheetWriter,
  streamingWorkbook,
  textWidth,
  type Put,
  type Style,
} from "./xlsx-sheet";

export const SHEET_NAMES = { summary: "Tổng hợp", raw: "Số liệu chi tiết", completeness: "Tình hình báo cáo" } as const;

/** Summary sheet rows: the document block, then the two header rows and the column numbers. */
export const SUMMARY_LAYOUT = {
  issuerRow: 1,
  mottoRow: 2,
  dateRow: 3,
  titleRow: 5,
  subtitleRow: 6,
  groupHeaderRow: 8,
  headerRow: 9,
  numberRow: 10,
  firstDataRow: 11,
} as const;
export const RAW_LAYOUT = { titleRow: 1, subtitleRow: 2, headerRow: 4, firstDataRow: 5 } as const;
export const COMPLETENESS_LAYOUT = { titleRow: 1, subtitleRow: 2, headerRow: 4, firstDataRow: 5 } as const;

type Kind = SummaryColumn["kind"];

/**
 * Every few rows, let the zip stream take the XML written so far. Rows are written synchronously; without
 * a pause a whole sheet's XML would wait in memory for the compressor (some 100 MB for the country).
 */
function breathe(i: number): Promise<void> | undefined {
  return i % 32 === 31 ? new Promise((resolve) => setImmediate(resolve)) : undefined;
}

/** A cell of the table: the value Excel stores (rates as fractions) and its style. */
function figure(
  kind: Kind,
  v: string | number | null | undefined,
  total: boolean,
): { value: string | number; style: Style } {
  if (v === null || v === undefined || v === "") return { value: NO_DATA, style: total ? S.totalNone : S.none };
  if (typeof v === "string") return { value: v, style: total ? S.totalText : S.text };
  if (kind === "percent") return { value: v / 100, style: total ? S.totalPct : S.pct };
  return { value: v, style: total ? S.totalInt : S.int };
}

/**
 * Width of what a cell shows (`1.532`, `79,0 %`, `–`), counted without formatting: a national table has
 * half a million cells, and formatting each one only to measure it would double the workbook's time.
 */
function shownWidth(kind: Kind, v: string | number | null | undefined): number {
  if (v === null || v === undefined || v === "") return 1;
  if (typeof v === "string") return textWidth(v);
  const digits = String(Math.trunc(Math.abs(kind === "percent" ? v : Math.round(v)))).length;
  const sign = v < 0 ? 1 : 0;
  return kind === "percent" ? sign + digits + 4 : sign + digits + Math.floor((digits - 1) / 3);
}

function longestWord(s: string): number {
  return Math.max(...s.split(/\s+/).map(textWidth));
}

/** Column widths fitted to the data, headers wrapped within a cap. */
function fitWidths(
  columns: readonly { key: string; header: string; kind: Kind }[],
  rows: readonly ExportRow[],
  caps: { text: number; figure: number },
): number[] {
  return columns.map((c) => {
    let widest = 0;
    for (const r of rows) widest = Math.max(widest, shownWidth(c.kind, r[c.key]));
    const cap = c.kind === "text" ? caps.text : caps.figure;
    const min = c.key === "stt" ? 5 : c.kind === "text" ? 8 : 10;
    return columnWidth(
      Math.min(Math.max(widest + 2, longestWord(c.header) + 2, min), Math.max(cap, longestWord(c.header) + 2)),
    );
  });
}

/** Header cells are 11 pt: about 1.1 characters per unit of column width, 15 points per line. */
const headerHeight = (headers: readonly string[], widths: readonly number[]) =>
  15 * Math.max(1, ...headers.map((h, i) => linesFor(h, widths[i] * 1.1))) + 4;

/** Left and right blocks of the document header: the issuer over the first columns, the motto over the last ones (≥ 40 characters). */
function blocks(widths: readonly number[]): { leftEnd: number; rightStart: number } {
  const n = widths.length;
  const leftEnd = Math.max(1, Math.min(3, n - 1));
  let rightStart = n;
  let w = widths[n - 1];
  while (rightStart - 1 > leftEnd && w < 40) w += widths[--rightStart - 1];
  return { leftEnd, rightStart };
}

async function writeSummarySheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  data: SummaryExportData,
  frame: DocumentFrame,
): Promise<void> {
  const L = SUMMARY_LAYOUT;
  const table = buildSummaryTable(data);
  const cols = table.columns;
  const widths = fitWidths(cols, [...table.rows, table.total], { text: 40, figure: 16 });
  // Printed at a readable scale (text ≥ 8 pt): a table wider than a page continues on the next one with
  // STT, code and name repeated; the document's header, title and signatures sit on the first page.
  const plan = printPlan(widths, 3);
  const n = cols.length;
  const page1 = plan.pages[0][plan.pages[0].length - 1];
  const idCols = cols.filter((c) => c.group === "id").length;
  const ws = wb.addWorksheet(SHEET_NAMES.summary, {
    views: [{ state: "frozen", xSplit: 3, ySplit: L.numberRow, showGridLines: false }],
    pageSetup: pageSetup(`${L.groupHeaderRow}:${L.numberRow}`, plan),
    headerFooter: FOOTER,
  });
  ws.columns = widths.map((width) => ({ width }));
  const w = new SheetWriter(ws);
  const { leftEnd, rightStart } = blocks(widths.slice(0, page1));
  const sumWidth = (a: number, b: number) => widths.slice(a - 1, b).reduce((s, x) => s + x, 0);
  const rightWidth = sumWidth(rightStart, page1);

  w.row(
    [
      { col: 1, to: leftEnd, value: frame.issuer, style: S.issuer },
      { col: rightStart, to: page1, value: MOTTO.nation, style: S.nation },
    ],
    18 * Math.max(linesFor(frame.issuer, sumWidth(1, leftEnd)), linesFor(MOTTO.nation, rightWidth)),
  );
  w.row([{ col: rightStart, to: page1, value: MOTTO.motto, style: S.motto }], 18);
  w.row(
    [{ col: rightStart, to: page1, value: frame.dateLine, style: S.dateLine }],
    18 * linesFor(frame.dateLine, rightWidth) + 4,
  );
  w.gap(8);
  const title = summaryTitle(data.period);
  w.row([{ col: 1, to: page1, value: title, style: S.title }], 20 * linesFor(title, sumWidth(1, page1) * 0.85));
  const subtitle = summarySubtitle(data);
  w.row([{ col: 1, to: page1, value: subtitle, style: S.subtitle }], 18 * linesFor(subtitle, sumWidth(1, page1)));
  w.gap(8);

  // Two header rows: identity columns span both; figures sit under "Số liệu báo cáo" and "Chỉ tiêu".
  const groupRow: Put[] = cols
    .slice(0, idCols)
    .map((c, i) => ({ col: i + 1, rows: 2, value: c.header, style: S.head }));
  const firstElement = cols.findIndex((c) => c.group === "element");
  const firstIndicator = cols.findIndex((c) => c.group === "indicator");
  if (firstElement >= 0)
    groupRow.push({ col: firstElement + 1, to: firstIndicator, value: SUMMARY_WORDS.elementGroup, style: S.head });
  if (firstIndicator >= 0)
    groupRow.push({ col: firstIndicator + 1, to: n, value: SUMMARY_WORDS.indicatorGroup, style: S.head });
  const figureHeaders: Put[] = cols
    .slice(idCols)
    .map((c, i) => ({ col: idCols + i + 1, value: c.header, style: S.head }));
  w.block([
    { puts: groupRow, height: 20 },
    {
      puts: figureHeaders,
      height: headerHeight(
        cols.slice(idCols).map((c) => c.header),
        widths.slice(idCols),
      ),
    },
  ]);
  w.row(
    cols.map((_, i) => ({ col: i + 1, value: `(${i + 1})`, style: S.headNo })),
    16,
  );

  const dataRow = (r: ExportRow, total: boolean) =>
    w.row(
      cols.map((c, i) => {
        if (c.key === "code") return { col: i + 1, value: String(r.code ?? ""), style: total ? S.totalCode : S.code };
        if (c.key === "stt" && r.stt === null) return { col: i + 1, value: null, style: S.totalText };
        return { col: i + 1, ...figure(c.kind, r[c.key], total) };
      }),
    );
  for (const [i, r] of table.rows.entries()) {
    dataRow(r, false);
    await breathe(i);
  }
  dataRow(table.total, true);

  const fullWidth = sumWidth(1, page1);
  // Bullets are ours from their first character, so they are not neutralized (names inside them cannot start a cell).
  const paragraph = (text: string, style: Style) =>
    w.row([{ col: 1, to: page1, value: text, style, trusted: true }], 15 * linesFor(text, fullWidth) + 3);
  w.gap(8);
  paragraph(SUMMARY_WORDS.status, S.noteHead);
  for (const line of summaryStatusLines(data, 20)) paragraph(`- ${line}`, S.note);
  paragraph(SUMMARY_WORDS.notes, S.noteHead);
  for (const line of summaryNotes(data, frame.generatedAt)) paragraph(`- ${line}`, S.note);
  w.gap(12);

  const left = (value: string, style: Style): Put => ({ col: 1, to: leftEnd, value, style });
  const right = (value: string, style: Style): Put => ({ col: rightStart, to: page1, value, style });
  w.row([right(SIGNATURE.onBehalf, S.signTitle)], 18);
  w.row([left(SIGNATURE.preparer, S.signTitle), right(SIGNATURE.chair, S.signTitle)], 18);
  w.row([left(SIGNATURE.signHint, S.signHint), right(SIGNATURE.signHint, S.signHint)], 18);
  ws.commit();
}

async function writeRawSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, data: SummaryExportData): Promise<void> {
  const L = RAW_LAYOUT;
  const communes = data.rows.filter((r) => r.kind === "commune");
  const total = data.rows.find((r) => r.kind === "total")!;
  const cols: { key: string; header: string; kind: Kind }[] = [
    { key: "stt", header: "STT", kind: "integer" },
    { key: "code", header: "Mã đơn vị", kind: "text" },
    { key: "name", header: "Đơn vị", kind: "text" },
    { key: "quarters", header: `Số quý đã báo cáo (trên ${data.period.quarters.length})`, kind: "integer" },
    ...dataElements.map((e) => ({ key: e.code, header: elementHeader(e.code, data.period), kind: "integer" as const })),
  ];
  const rows: ExportRow[] = communes.map((r, i) => {
    const row: ExportRow = { stt: i + 1, code: r.unit.code, name: r.unit.name, quarters: r.reportedQuarters };
    for (const e of dataElements) row[e.code] = elementValue(r, e.code);
    return row;
  });
  const totalRow: ExportRow = {
    stt: null,
    code: data.scope.code,
    name: totalLabel(data.scope.name),
    quarters: total.reportedQuarters,
  };
  for (const e of dataElements) totalRow[e.code] = elementValue(total, e.code);
  const widths = fitWidths(cols, [...rows, totalRow], { text: 40, figure: 14 });
  // 23 figures do not fit one page at a readable size: they continue on further pages, each with STT,
  // code and name repeated; the title sits over the first page's columns.
  const plan = printPlan(widths, 3);
  const ws = wb.addWorksheet(SHEET_NAMES.raw, {
    views: [{ state: "frozen", xSplit: 3, ySplit: L.headerRow }],
    pageSetup: pageSetup(`${L.headerRow}:${L.headerRow}`, plan),
    headerFooter: FOOTER,
  });
  ws.columns = widths.map((width) => ({ width }));
  const w = new SheetWriter(ws);
  const firstPage = plan.pages[0][plan.pages[0].length - 1];
  const span = (text: string) =>
    18 *
    linesFor(
      text,
      widths.slice(0, firstPage).reduce((a, b) => a + b, 0),
    );
  const title = `SỐ LIỆU BÁO CÁO CỦA CÁC ĐƠN VỊ ${periodPhrase(data.period).toLocaleUpperCase("vi")}`;
  const subtitle =
    `${data.scope.name}; số liệu cộng dồn các quý đã báo cáo ${periodSpan(data.period)}; ` +
    `“${NO_DATA}”: chưa báo cáo hoặc bỏ trống.`;
  w.row([{ col: 1, to: firstPage, value: title, style: S.title }], Math.max(22, span(title) + 4));
  w.row([{ col: 1, to: firstPage, value: subtitle, style: S.subtitle }], span(subtitle));
  w.gap(8);
  w.row(
    cols.map((c, i) => ({ col: i + 1, value: c.header, style: S.head })),
    headerHeight(
      cols.map((c) => c.header),
      widths,
    ),
  );
  const dataRow = (r: ExportRow, isTotal: boolean) =>
    w.row(
      cols.map((c, i) => {
        if (c.key === "code") return { col: i + 1, value: String(r.code ?? ""), style: isTotal ? S.totalCode : S.code };
        if (c.key === "stt" && r.stt === null) return { col: i + 1, value: null, style: S.totalText };
        return { col: i + 1, ...figure(c.kind, r[c.key], isTotal) };
      }),
    );
  for (const [i, r] of rows.entries()) {
    dataRow(r, false);
    await breathe(i);
  }
  dataRow(totalRow, true);
  ws.commit();
}

/** Vietnam's wall clock as the Date Excel shows (Excel dates have no time zone). */
const wallClock = (d: Date) => new Date(d.getTime() + VIETNAM_OFFSET_MS);

async function writeCompletenessSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, data: SummaryExportData): Promise<void> {
  const L = COMPLETENESS_LAYOUT;
  const { quarters, total, deadlineDay } = data.completeness;
  const counts = [
    "Kỳ báo cáo",
    "Hạn báo cáo",
    "Phải báo cáo",
    "Đã báo cáo",
    "Đúng hạn",
    "Muộn",
    "Chưa báo cáo",
    "Tỷ lệ báo cáo",
    "Tỷ lệ đúng hạn",
  ];
  const lists = [
    "Kỳ báo cáo",
    "Mã đơn vị",
    "Đơn vị",
    "Tình trạng",
    "Nhận lần đầu",
    "Kỳ gần nhất có số liệu",
    "Lần gửi gần nhất",
  ];
  const listed = quarters.flatMap((q) => [
    ...q.missingCommunes.map((c) => ({ q, c, status: "Chưa báo cáo" })),
    ...q.lateCommunes.map((c) => ({ q, c, status: "Báo cáo muộn" })),
  ]);
  const nameWidth = Math.min(40, Math.max(16, ...listed.map((x) => textWidth(x.c.name) + 2)));
  const widths = [14, 13, nameWidth, 14, 17, 14, 17, 11, 11];
  const ws = wb.addWorksheet(SHEET_NAMES.completeness, {
    views: [{ state: "frozen", ySplit: L.headerRow }],
    pageSetup: pageSetup(`${L.headerRow}:${L.headerRow}`, printPlan(widths, 1)),
    headerFooter: FOOTER,
  });
  ws.columns = widths.map((width) => ({ width }));
  const w = new SheetWriter(ws);
  const n = widths.length;
  w.row(
    [
      {
        col: 1,
        to: n,
        value: `TÌNH HÌNH BÁO CÁO ${periodPhrase(data.period).toLocaleUpperCase("vi")}`,
        style: S.title,
      },
    ],
    22,
  );
  w.row(
    [
      {
        col: 1,
        to: n,
        value:
          `${data.scope.name}: mọi đơn vị cấp xã phải báo cáo mỗi quý; hạn báo cáo là chậm nhất ngày ` +
          `${deadlineDay} tháng cuối quý (giờ Việt Nam).`,
        style: S.subtitle,
      },
    ],
    18,
  );
  w.gap(8);
  w.row(
    counts.map((h, i) => ({ col: i + 1, value: h, style: S.head })),
    headerHeight(counts, widths),
  );
  const int = (isTotal = false): Style => (isTotal ? S.totalInt : S.int);
  for (const q of quarters) {
    const [y, m, d] = q.deadline.split("-").map(Number);
    w.row([
      { col: 1, value: formatQuarter(q.period, "vi"), style: S.text },
      { col: 2, value: new Date(Date.UTC(y, m - 1, d)), style: S.date },
      ...[q.expected, q.reported, q.onTime, q.late, q.missing].map((v, i) => ({ col: 3 + i, value: v, style: int() })),
      { col: 8, ...figure("percent", q.reportingRate, false) },
      { col: 9, ...figure("percent", q.onTimeRate, false) },
    ]);
  }
  w.row([
    { col: 1, to: 2, value: "Cả kỳ", style: S.totalText },
    ...[total.expected, total.reported, total.onTime, total.late, total.missing].map((v, i) => ({
      col: 3 + i,
      value: v,
      style: int(true),
    })),
    { col: 8, ...figure("percent", total.reportingRate, true) },
    { col: 9, ...figure("percent", total.onTimeRate, true) },
  ]);
  w.gap(12);
  w.row([{ col: 1, to: n, value: "Đơn vị chưa báo cáo hoặc báo cáo muộn", style: S.noteHead }], 18);
  w.row(
    lists.map((h, i) => ({ col: i + 1, value: h, style: S.head })),
    headerHeight(lists, widths),
  );
  if (listed.length === 0)
    w.row([{ col: 1, to: lists.length, value: "Tất cả đơn vị đã báo cáo đúng hạn.", style: S.text }]);
  for (const [i, { q, c, status }] of listed.entries()) {
    await breathe(i);
    w.row([
      { col: 1, value: formatQuarter(q.period, "vi"), style: S.text },
      { col: 2, value: c.code, style: S.code },
      { col: 3, value: c.name, style: S.text },
      { col: 4, value: status, style: S.text },
      c.firstArrivalAt
        ? { col: 5, value: wallClock(c.firstArrivalAt), style: S.dateTime }
        : { col: 5, value: NO_DATA, style: S.none },
      {
        col: 6,
        value: c.lastPeriod ? formatQuarter(c.lastPeriod, "vi") : NO_DATA,
        style: c.lastPeriod ? S.text : S.none,
      },
      c.lastReportedAt
        ? { col: 7, value: wallClock(c.lastReportedAt), style: S.dateTime }
        : { col: 7, value: NO_DATA, style: S.none },
    ]);
  }
  ws.commit();
}

/** Write the workbook to a stream (the HTTP response, a file). Resolves when every byte is written. */
export async function writeSummaryWorkbook(
  data: SummaryExportData,
  meta: DocumentMeta,
  stream: Writable,
): Promise<void> {
  const frame = documentFrame(data.scope.name, meta);
  const wb = streamingWorkbook({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = "Dân vận chính quyền";
  wb.created = meta.generatedAt;
  wb.modified = meta.generatedAt;
  await writeSummarySheet(wb, data, frame);
  await writeRawSheet(wb, data);
  await writeCompletenessSheet(wb, data);
  await wb.commit();
}

/**
 * The workbook's bytes.
 * @example await buildSummaryWorkbook(data, { generatedAt: new Date() }) → Uint8Array starting "PK"
 */
export async function buildSummaryWorkbook(data: SummaryExportData, meta: DocumentMeta): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  await writeSummaryWorkbook(data, meta, sink);
  return new Uint8Array(Buffer.concat(chunks));
}
