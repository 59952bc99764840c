/**
 * Limits on what one upload may make the parsers hold or do, so an untrusted file (a zip bomb, one
 * giant cell, 200,000 columns, JSON nested 100,000 deep) is refused before memory grows. Past a limit
 * the whole upload is refused with `too_large` (HTTP 413) and a message naming the limit and what to do.
 */
import { AppError } from "../errors";
import { formatNumber } from "../format";

export interface IngestLimits {
  /** Excel: the compressed workbook (the zip) in bytes. */
  xlsxMaxBytes: number;
  /** Excel: all parts read, once inflated, in bytes (declared in the zip directory and counted while inflating). */
  xlsxMaxInflatedBytes: number;
  /** Excel: the shared-string table, inflated, in bytes (it is held in memory while the sheet is read). */
  xlsxMaxSharedStringsBytes: number;
  /** Rows of a sheet or a CSV file (data, title and empty rows alike). */
  maxRows: number;
  /** Columns of a row (Excel: the highest column used, e.g. XFD = 16,384). */
  maxColumns: number;
  /** Characters of one cell or field (Excel's own maximum is 32,767). */
  maxCellChars: number;
  /** CSV: characters of one physical line. */
  maxLineChars: number;
  /** JSON: the document in bytes (it is parsed whole). */
  jsonMaxBytes: number;
  /** JSON: nesting depth of arrays and objects. */
  jsonMaxDepth: number;
  /** JSON: records (reports or DHIS2 data values). */
  jsonMaxRecords: number;
}

const MB = 1024 * 1024;

/** A national year is 40,140 rows × 26 columns (≈ 4 MB of .xlsx, ≈ 40 MB of XML): well inside. */
export const DEFAULT_LIMITS: IngestLimits = {
  xlsxMaxBytes: 25 * MB,
  xlsxMaxInflatedBytes: 300 * MB,
  xlsxMaxSharedStringsBytes: 40 * MB,
  maxRows: 2_000_000,
  maxColumns: 500,
  maxCellChars: 32_767,
  maxLineChars: 1_000_000,
  jsonMaxBytes: 50 * MB,
  jsonMaxDepth: 64,
  jsonMaxRecords: 2_000_000,
};

export type LimitName = keyof IngestLimits;

const n = (x: number) => formatNumber(x, "vi", 0);
const nEn = (x: number) => formatNumber(x, "en", 0);
const mb = (x: number, locale: "vi" | "en") => formatNumber(x / MB, locale, 0);

const WHAT: Record<LimitName, (l: number) => { vi: string; en: string }> = {
  xlsxMaxBytes: (l) => ({
    vi: `Tệp Excel lớn hơn giới hạn ${mb(l, "vi")} MB`,
    en: `The Excel file is larger than the ${mb(l, "en")} MB limit`,
  }),
  xlsxMaxInflatedBytes: (l) => ({
    vi: `Tệp Excel khi giải nén lớn hơn giới hạn ${mb(l, "vi")} MB (tệp có thể bị hỏng hoặc chứa dữ liệu bất thường)`,
    en: `The Excel file inflates past the ${mb(l, "en")} MB limit (it may be damaged or hold abnormal data)`,
  }),
  xlsxMaxSharedStringsBytes: (l) => ({
    vi: `Bảng chữ của tệp Excel khi giải nén lớn hơn giới hạn ${mb(l, "vi")} MB`,
    en: `The Excel file's shared-string table inflates past the ${mb(l, "en")} MB limit`,
  }),
  maxRows: (l) => ({ vi: `Tệp có hơn ${n(l)} dòng`, en: `The file has more than ${nEn(l)} rows` }),
  maxColumns: (l) => ({ vi: `Tệp có hơn ${n(l)} cột`, en: `The file has more than ${nEn(l)} columns` }),
  maxCellChars: (l) => ({
    vi: `Một ô của tệp dài hơn ${n(l)} ký tự`,
    en: `A cell of the file is longer than ${nEn(l)} characters`,
  }),
  maxLineChars: (l) => ({
    vi: `Một dòng của tệp dài hơn ${n(l)} ký tự`,
    en: `A line of the file is longer than ${nEn(l)} characters`,
  }),
  jsonMaxBytes: (l) => ({
    vi: `Tệp JSON lớn hơn giới hạn ${mb(l, "vi")} MB`,
    en: `The JSON file is larger than the ${mb(l, "en")} MB limit`,
  }),
  jsonMaxDepth: (l) => ({
    vi: `Tệp JSON lồng nhau sâu hơn ${n(l)} cấp`,
    en: `The JSON file is nested deeper than ${nEn(l)} levels`,
  }),
  jsonMaxRecords: (l) => ({
    vi: `Tệp JSON có hơn ${n(l)} bản ghi`,
    en: `The JSON file has more than ${nEn(l)} records`,
  }),
};

/**
 * The refusal for one exceeded limit (413 `too_large`).
 * @example limitExceeded("maxColumns", 500).messageVi → "Tệp có hơn 500 cột, vượt giới hạn nên không đọc được. Hãy chia tệp …"
 */
export function limitExceeded(limit: LimitName, value: number): AppError {
  const what = WHAT[limit](value);
  return new AppError(
    "too_large",
    `${what.vi}, vượt giới hạn nên không đọc được; chưa ghi gì. Hãy chia tệp thành nhiều tệp nhỏ hơn (ví dụ ` +
      `theo quý hoặc theo xã), bỏ các cột, ô không cần thiết, hoặc lưu thành CSV rồi tải lên lại.`,
    `${what.en}, past the limit, so it was not read; nothing was written. Split it into smaller files (e.g. by ` +
      `quarter or commune), remove unneeded columns or cells, or save it as CSV and upload again.`,
  );
}

/** The limits with some overridden (tests, benchmarks). */
export function withLimits(over: Partial<IngestLimits> = {}): IngestLimits {
  return { ...DEFAULT_LIMITS, ...over };
}
