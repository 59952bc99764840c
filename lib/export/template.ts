/**
 * Blank upload templates (import-format.md, wide shape): one row per commune for one quarter, the
 * 23 elements as columns headed by their Vietnamese labels in catalogue order, cells left empty.
 * The same file, filled in, imports as it is — the importer matches the labels and the period text.
 */
import ExcelJS from "exceljs";
import { dataElements } from "../indicators/catalogue";
import { formatQuarter } from "../format";
import { calendarNow, lastClosedQuarter } from "../calendar";
import { toCsv } from "./csv";

export interface TemplateCommune {
  code: string;
  name: string;
}

/** The identity columns, as the importer knows them in Vietnamese. */
export const TEMPLATE_ID_COLUMNS = ["Mã xã", "Tên xã", "Kỳ báo cáo"] as const;

/** `Mã xã,Tên xã,Kỳ báo cáo,<labels of the 23 elements>`. */
export function templateHeader(): string[] {
  return [...TEMPLATE_ID_COLUMNS, ...dataElements.map((e) => e.labelVi)];
}

/** @example templateTitle("2025Q2") → "BIỂU NHẬP SỐ LIỆU CÔNG TÁC DÂN VẬN CHÍNH QUYỀN – Quý II/2025" */
export function templateTitle(period: string): string {
  return `BIỂU NHẬP SỐ LIỆU CÔNG TÁC DÂN VẬN CHÍNH QUYỀN – ${formatQuarter(period, "vi")}`;
}

/** The quarter a template is offered for by default: the last closed one (lib/calendar.ts), in Vietnam time. */
export function defaultTemplatePeriod(now: Date = calendarNow()): string {
  return lastClosedQuarter(now);
}

/** @example templateFileName("2025Q2", "xlsx") → "mau-nhap-so-lieu-2025Q2.xlsx" */
export function templateFileName(period: string, format: "csv" | "xlsx"): string {
  return `mau-nhap-so-lieu-${period}.${format}`;
}

function templateRows(communes: readonly TemplateCommune[], period: string): string[][] {
  const label = formatQuarter(period, "vi");
  return communes.map((c) => [c.code, c.name, label]);
}

/**
 * The CSV template: UTF-8 with BOM, CRLF (lib/export/csv.ts), element cells empty.
 * @example buildTemplateCsv([{ code: "21136", name: "Xã Trà Tân" }], "2025Q2")
 *   → "\uFEFFMã xã,Tên xã,Kỳ báo cáo,\"Số văn bản chỉ đạo, …\",…\r\n21136,Xã Trà Tân,Quý II/2025,,,…\r\n"
 */
export function buildTemplateCsv(communes: readonly TemplateCommune[], period: string): string {
  const header = templateHeader();
  const blanks: null[] = Array.from({ length: dataElements.length }, () => null);
  return toCsv(
    header,
    templateRows(communes, period).map((r) => [...r, ...blanks]),
  );
}

const TITLE_ROW = 1;
const HEADER_ROW = 2;
/** Element headers are long sentences: wrapped within this many characters' width. */
const MAX_WIDTH = 28;

/** Display width of a cell text, roughly in Excel's character units. */
function textWidth(s: string): number {
  return [...s.normalize("NFC")].length;
}

/**
 * The Excel template: a title row, the header row (bold, wrapped, frozen with the code and name
 * columns), commune codes as text so leading zeros stay, element cells restricted to whole numbers ≥ 0.
 */
export async function buildTemplateXlsx(communes: readonly TemplateCommune[], period: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Dân vận chính quyền";
  wb.created = new Date(0);
  const ws = wb.addWorksheet("Số liệu", { views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }] });
  const header = templateHeader();
  const rows = templateRows(communes, period);

  const title = ws.getRow(TITLE_ROW);
  title.getCell(1).value = templateTitle(period);
  title.getCell(1).font = { bold: true, size: 14 };
  title.height = 22;

  const head = ws.getRow(HEADER_ROW);
  header.forEach((text, i) => {
    const cell = head.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF1F4" } };
    cell.border = { bottom: { style: "thin" } };
  });

  rows.forEach((r, k) => {
    const row = ws.getRow(HEADER_ROW + 1 + k);
    r.forEach((text, i) => {
      const cell = row.getCell(i + 1);
      cell.value = text;
      cell.numFmt = "@";
    });
    for (let i = 0; i < dataElements.length; i++) {
      row.getCell(TEMPLATE_ID_COLUMNS.length + 1 + i).dataValidation = {
        type: "whole",
        operator: "greaterThanOrEqual",
        formulae: [0],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: "Số liệu không hợp lệ",
        error: "Cần một số nguyên không âm (để trống nếu không báo cáo).",
      };
    }
  });

  // Widths fitted to the content; long element labels wrap instead of stretching the sheet.
  header.forEach((text, i) => {
    const widest = Math.max(textWidth(text), ...rows.map((r) => textWidth(r[i] ?? "")));
    ws.getColumn(i + 1).width = Math.min(widest, MAX_WIDTH) + 2;
  });
  const longest = Math.max(
    ...header.map((h, i) => Math.ceil(textWidth(h) / ((ws.getColumn(i + 1).width ?? MAX_WIDTH) - 2))),
  );
  head.height = 15 * longest + 4;

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
