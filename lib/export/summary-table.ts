/**
 * The summary table ("Biểu tổng hợp") as data (pure): its columns and rows, built once from the engine's
 * rows so the workbook, the CSV, the print view and the report all say the same thing. One row per
 * commune below the scope, then the scope's total taken from the engine's total row (Σ/Σ, never an
 * average of rates). Raw figures are element sums over the period's quarters.
 */
import { dataElements, getIndicator, type IndicatorDef } from "../indicators/catalogue";
import type { CompletenessCounts, QuarterCompleteness } from "../indicators/completeness";
import type { IndicatorRow } from "../indicators/rows";
import type { Period } from "../periods";
import { formatPercent } from "../format";
import { isOver100, over100Cause } from "../indicators/flags";
import { tableToCsv, type ExportColumn, type ExportRow } from "./table";
import { unitInSentence } from "./document";

/** What the exports need, read from the database by db/queries/summary-export.ts. */
export interface SummaryExportData {
  scope: { code: string; name: string; level: string };
  period: Period;
  /** Indicator codes in catalogue order. */
  indicators: readonly string[];
  /**
   * The engine's rows by unit: one per commune the reader may see (by code), then the `total` row, each
   * with every element's total over the period (`elements`; null = not reported or left blank).
   */
  rows: readonly IndicatorRow[];
  completeness: {
    deadlineDay: number;
    quarters: readonly QuarterCompleteness[];
    total: CompletenessCounts;
  };
}

export type SummaryColumnGroup = "id" | "element" | "indicator";

export interface SummaryColumn extends ExportColumn {
  group: SummaryColumnGroup;
  /** The element or indicator code of a figure column. */
  code?: string;
}

export interface SummaryTable {
  columns: SummaryColumn[];
  /** One row per commune; percent cells on the 0–100 scale, null = no data. */
  rows: ExportRow[];
  total: ExportRow;
}

export function selectedDefs(data: Pick<SummaryExportData, "indicators">): IndicatorDef[] {
  return data.indicators.map((c) => {
    const d = getIndicator(c);
    if (!d) throw new Error(`Unknown indicator ${c}`);
    return d;
  });
}

/**
 * The raw figures shown beside the indicators: the elements of the selected rates' numerators and
 * denominators, in catalogue order (a count indicator is its own element, shown once as the indicator).
 */
export function summaryElements(defs: readonly IndicatorDef[]): string[] {
  const used = new Set(defs.filter((d) => d.kind === "rate").flatMap((d) => [...d.numerator, ...d.denominator]));
  return dataElements.filter((e) => used.has(e.code)).map((e) => e.code);
}

/** "Số đơn thư kỳ trước chuyển sang" takes the first quarter's value over a roll-up: the header says so. */
export function elementHeader(code: string, period: Period): string {
  const e = dataElements.find((x) => x.code === code)!;
  return e.kind === "stock" && period.quarters.length > 1 ? `${e.labelVi} (quý đầu kỳ)` : e.labelVi;
}

export function indicatorHeader(def: IndicatorDef): string {
  return def.kind === "rate" ? `${def.labelVi} (%)` : def.labelVi;
}

/** The total row's name: "Toàn huyện Trà Bồng". */
export function totalLabel(scopeName: string): string {
  return `Toàn ${unitInSentence(scopeName)}`;
}

export function summaryColumns(data: Pick<SummaryExportData, "indicators" | "period">): SummaryColumn[] {
  const defs = selectedDefs(data);
  const cols: SummaryColumn[] = [
    { key: "stt", header: "STT", kind: "integer", group: "id" },
    { key: "code", header: "Mã đơn vị", kind: "text", group: "id" },
    { key: "name", header: "Đơn vị", kind: "text", group: "id" },
  ];
  if (data.period.quarters.length > 1) {
    cols.push({
      key: "quarters",
      header: `Số quý đã báo cáo (trên ${data.period.quarters.length})`,
      kind: "integer",
      group: "id",
    });
  }
  for (const e of summaryElements(defs))
    cols.push({ key: `e:${e}`, header: elementHeader(e, data.period), kind: "integer", group: "element", code: e });
  for (const d of defs)
    cols.push({
      key: `i:${d.code}`,
      header: indicatorHeader(d),
      kind: d.kind === "rate" ? "percent" : "integer",
      group: "indicator",
      code: d.code,
    });
  return cols;
}

/** An element's total on an engine row (null = not reported); the engine was asked for every element. */
export function elementValue(row: IndicatorRow, element: string): number | null {
  const t = row.elements?.[element];
  if (!t) throw new Error(`The engine's row for ${row.unit.code} carries no total of ${element}`);
  return t.value;
}

/**
 * @example buildSummaryTable(data) → { columns: [STT, Mã đơn vị, Đơn vị, Số hồ sơ…, Tỷ lệ… (%)], rows: [{ stt: 1,
 * code: "21115", … }], total: { name: "Toàn huyện Trà Bồng", … } }
 */
export function buildSummaryTable(data: SummaryExportData): SummaryTable {
  const columns = summaryColumns(data);
  const communeRows = data.rows.filter((r) => r.kind === "commune");
  const totalRow = data.rows.find((r) => r.kind === "total");
  if (!totalRow) throw new Error("The engine's rows have no total row");
  const elements = columns.filter((c) => c.group === "element").map((c) => c.code!);
  const indicatorCodes = columns.filter((c) => c.group === "indicator").map((c) => c.code!);
  const rows = communeRows.map((r, i): ExportRow => {
    const row: ExportRow = { stt: i + 1, code: r.unit.code, name: r.unit.name, quarters: r.reportedQuarters };
    for (const e of elements) row[`e:${e}`] = elementValue(r, e);
    for (const c of indicatorCodes) row[`i:${c}`] = r.values[c]?.value ?? null;
    return row;
  });
  // The total row is the engine's, never re-added from the rows shown: a reporter's export shows one
  // commune, and the district's totals still cover all of them.
  const total: ExportRow = {
    stt: null,
    code: data.scope.code,
    name: totalLabel(data.scope.name),
    quarters: totalRow.reportedQuarters,
  };
  for (const e of elements) total[`e:${e}`] = elementValue(totalRow, e);
  for (const c of indicatorCodes) total[`i:${c}`] = totalRow.values[c]?.value ?? null;
  return { columns, rows, total };
}

/**
 * The summary as CSV: UTF-8 with BOM, CRLF, the summary sheet's columns, rows then the total; rates on
 * the 0–100 scale rounded half up to one decimal; no data is an empty cell.
 */
export function buildSummaryCsv(data: SummaryExportData): string {
  const t = buildSummaryTable(data);
  // The rule of the total row, under the table (in the name column), so the file says how it was counted.
  const notes = [...totalRuleLines(data), ...over100Lines(data)].map((line): ExportRow => ({ name: line }));
  return tableToCsv(t.columns, [...t.rows, t.total, ...notes]);
}

/** Σ of several elements' totals on a row; null when one of them is unknown. */
function sumOfTotals(row: IndicatorRow, codes: readonly string[]): number | null {
  let sum = 0;
  for (const c of codes) {
    const v = row.elements?.[c]?.value;
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}

/**
 * How the total row was counted, and where its raw totals and its rates cover different communes: element
 * totals add every commune that reported the element; a rate counts only the communes that reported both
 * its numerator and its denominator.
 * @example totalRuleLines(data) → ["Dòng “Toàn huyện Trà Bồng”: …", "Tỷ lệ hồ sơ tiếp nhận trực tuyến: tính trên 15/16 đơn vị …"]
 */
export function totalRuleLines(data: SummaryExportData): string[] {
  const total = data.rows.find((r) => r.kind === "total");
  if (!total) return [];
  const label = totalLabel(data.scope.name);
  const reporting = Math.max(0, ...Object.values(total.elements ?? {}).map((t) => t.communes));
  const lines = [
    `Dòng “${label}”: mỗi cột số liệu là tổng của mọi đơn vị đã báo cáo số đó; mỗi tỷ lệ chỉ tính các đơn vị ` +
      `báo cáo đủ cả tử số và mẫu số.`,
  ];
  const fmt = (v: number) => v.toLocaleString("vi-VN", { maximumFractionDigits: 0 });
  for (const e of summaryElements(selectedDefs(data))) {
    const t = total.elements?.[e];
    if (t && t.value !== null && t.communes < reporting) {
      lines.push(
        `${dataElements.find((x) => x.code === e)!.labelVi}: tổng của ${t.communes}/${reporting} đơn vị đã báo cáo số này.`,
      );
    }
  }
  for (const d of selectedDefs(data)) {
    const cell = total.values[d.code];
    if (d.kind !== "rate" || !cell || cell.numerator === null || cell.denominator === null) continue;
    const num = sumOfTotals(total, d.numerator);
    const den = sumOfTotals(total, d.denominator);
    if (num === cell.numerator && den === cell.denominator) continue;
    lines.push(
      `${d.labelVi}: tính trên ${cell.contributors}/${total.communes} đơn vị báo cáo đủ số liệu, ` +
        `${fmt(cell.numerator)}/${fmt(cell.denominator)}` +
        (num !== null && den !== null ? ` (tổng các cột số liệu: ${fmt(num)}/${fmt(den)}).` : "."),
    );
  }
  return lines;
}

/**
 * A line per rate that is above 100 % somewhere in the table (a commune or the total), naming where and
 * why (lib/indicators/flags.ts), so a figure like 158 % is never sent upward without its cause.
 * @example over100Lines(data) → ["Tỷ lệ trả lời kiến nghị cử tri trên 100 % ở Xã Trà Tân (158,3 %): gồm trả lời …"]
 */
export function over100Lines(data: SummaryExportData): string[] {
  const lines: string[] = [];
  for (const d of selectedDefs(data)) {
    const over = data.rows.filter(
      (r) => (r.kind === "commune" || r.kind === "total") && isOver100(d, r.values[d.code]?.value ?? null),
    );
    if (over.length === 0) continue;
    const where = over
      .map(
        (r) =>
          `${r.kind === "total" ? totalLabel(data.scope.name) : r.unit.name} (${formatPercent(r.values[d.code].value, "vi")})`,
      )
      .join(", ");
    lines.push(`${d.labelVi} trên 100 % ở ${where}: ${over100Cause(d.code, "vi")}.`);
  }
  return lines;
}
