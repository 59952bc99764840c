/**
 * Every text the ingest pipeline shows a person, Vietnamese first, then English.
 * Each message says what is wrong and what is expected. The issue `code`s are the keys below
 * (stable snake_case; clients may translate by code), plus the consistency-rule codes of the
 * catalogue (`procedures_online_le_received`, …) and `voter_requests_answered_le_available`.
 */
import { formatNumber, formatQuarter } from "../format";
import type { StructureCode } from "../periods";
import {
  carriedOverMismatch,
  duplicateValue,
  fieldLabel,
  ruleViolation,
  subjectText,
  unusualValue,
  type Subject,
} from "./figure-messages";

export interface Bilingual {
  vi: string;
  en: string;
}

/** A consistency-rule error code: the catalogue's rule code, e.g. `procedures_online_le_received`. */
export type RuleIssueCode = `${string}_le_${string}`;
export const VOTER_RULE_CODE = "voter_requests_answered_le_available" as const;

const n = (x: number, locale: "vi" | "en") => formatNumber(x, locale, 0);
const q = (code: string, locale: "vi" | "en") => formatQuarter(code, locale);
const list = (xs: readonly string[]) => xs.join(", ");
const EXPECTED_PERIODS = "2025Q1, 2025-Q1, Q1/2025, Q1 2025, Quý I/2025, Quý 1 năm 2025, I/2025";

const structureVi: Record<StructureCode, string> = {
  "2025-06": "danh mục đơn vị hành chính trước ngày 01/07/2025",
  "2025-07": "danh mục đơn vị hành chính từ ngày 01/07/2025",
};
const structureEn: Record<StructureCode, string> = {
  "2025-06": "the administrative units in force before 1 July 2025",
  "2025-07": "the administrative units in force from 1 July 2025",
};

const COUNT_HINT_VI = "cần một số nguyên không âm, ví dụ 12 hoặc 1.234 (để trống nếu không báo cáo)";
const COUNT_HINT_EN = "expected a whole number of at least 0, e.g. 12 or 1,234 (leave empty if not reported)";

export const messages = {
  file_empty: (): Bilingual => ({
    vi: "Tệp trống. Cần một dòng tiêu đề và ít nhất một dòng số liệu.",
    en: "The file is empty. Expected a header row and at least one data row.",
  }),
  file_format_unsupported: (a: { what: string }): Bilingual => ({
    vi: `Định dạng tệp không được hỗ trợ (${a.what}). Hãy lưu tệp dưới dạng Excel .xlsx, CSV hoặc JSON.`,
    en: `Unsupported file format (${a.what}). Save the file as Excel .xlsx, CSV or JSON.`,
  }),
  encoding_invalid: (a: { encoding: string }): Bilingual => ({
    vi: `có byte không đọc được theo bảng mã ${a.encoding}. Hãy lưu tệp dưới dạng "CSV UTF-8".`,
    en: `contains bytes that are not valid ${a.encoding}. Save the file as "CSV UTF-8".`,
  }),
  csv_malformed: (a: { unterminated: boolean }): Bilingual =>
    a.unterminated
      ? {
          vi: 'dấu ngoặc kép (") mở một ô nhưng không được đóng. Ô bắt đầu bằng " phải kết thúc bằng "; dấu " bên trong ô viết thành "".',
          en: 'a double quote (") opens a cell that is never closed. A cell starting with " must end with "; a " inside it is written "".',
        }
      : {
          vi: 'dấu ngoặc kép (") đặt sai chỗ: sau dấu " đóng ô phải là dấu phân cách hoặc xuống dòng; dấu " bên trong ô viết thành "".',
          en: 'misplaced double quote ("): a closing " must be followed by the delimiter or a line break; a " inside a cell is written "".',
        },
  json_invalid: (a: { line: number | null; detail: string }): Bilingual => ({
    vi: `Tệp JSON không hợp lệ${a.line === null ? "" : ` (dòng ${a.line} của tệp)`}: ${a.detail}.`,
    en: `Invalid JSON${a.line === null ? "" : ` (line ${a.line} of the file)`}: ${a.detail}.`,
  }),
  json_shape_invalid: (): Bilingual => ({
    vi: 'Cấu trúc JSON không đúng: cần một mảng báo cáo, { "reports": [...] } hoặc { "dataValues": [...] }.',
    en: 'Unexpected JSON structure: expected an array of reports, { "reports": [...] } or { "dataValues": [...] }.',
  }),
  record_invalid: (): Bilingual => ({
    vi: 'bản ghi không phải là một đối tượng JSON; cần dạng { "commune_code": "21115", "period": "2025Q1", "values": { ... } }.',
    en: 'the record is not a JSON object; expected { "commune_code": "21115", "period": "2025Q1", "values": { ... } }.',
  }),
  values_invalid: (): Bilingual => ({
    vi: 'trường values phải là một đối tượng dạng { "meetings_held": 12, ... } (mã chỉ tiêu: số liệu).',
    en: 'the values field must be an object such as { "meetings_held": 12, ... } (element code: figure).',
  }),
  unknown_field: (a: { allowed: readonly string[] }): Bilingual => ({
    vi: `trường này không được hỗ trợ; các trường hợp lệ: ${list(a.allowed)}.`,
    en: `unsupported field; the valid fields are: ${list(a.allowed)}.`,
  }),
  /** `detail` is the reader's own (English) explanation; null when the workbook simply has no sheet. */
  xlsx_invalid: (a: { detail: string | null }): Bilingual => ({
    vi: `Không đọc được tệp Excel (.xlsx): ${a.detail ?? "tệp không có trang tính nào"}. Hãy mở và lưu lại tệp bằng Excel dưới dạng .xlsx.`,
    en: `The Excel file (.xlsx) cannot be read: ${a.detail ?? "the file has no worksheet"}. Open it in Excel and save it again as .xlsx.`,
  }),
  sheet_not_found: (a: { sheet: string; available: readonly string[] }): Bilingual => ({
    vi: `Không có trang tính "${a.sheet}". Các trang tính trong tệp: ${list(a.available) || "(không có)"}.`,
    en: `There is no sheet "${a.sheet}". Sheets in the file: ${list(a.available) || "(none)"}.`,
  }),
  header_not_found: (): Bilingual => ({
    vi:
      "Không tìm thấy dòng tiêu đề. Cần các cột mã xã (commune_code / Mã xã / Mã đơn vị) hoặc tên xã (Tên " +
      "xã), và kỳ báo cáo (period / Kỳ báo cáo, hoặc Năm và Quý).",
    en:
      "No header row found. Expected a commune column (commune_code / Mã xã / Mã đơn vị, or commune_name / " +
      "Tên xã) and a period column (period / Kỳ báo cáo, or year and quarter).",
  }),
  unknown_columns: (a: { names: readonly string[]; more?: number }): Bilingual => ({
    vi:
      `cột không có trong danh mục: ${list(a.names)}${a.more ? ` và ${a.more} cột khác` : ""}. Hãy đặt tên ` +
      `cột bằng mã chỉ tiêu (ví dụ meetings_held) hoặc tên chỉ tiêu đúng như danh mục, hoặc xóa các cột này.`,
    en:
      `columns not in the catalogue: ${list(a.names)}${a.more ? ` and ${a.more} more` : ""}. Name each column ` +
      `with an element code (e.g. meetings_held) or its catalogue label, or delete these columns.`,
  }),
  duplicate_column: (a: { first: string; target: string }): Bilingual => ({
    vi:
      `cột trùng với cột "${a.first}" (cùng là "${fieldLabel(a.target, "vi")}"); mỗi chỉ tiêu chỉ được có một ` +
      `cột: xoá một trong hai cột.`,
    en:
      `duplicates column "${a.first}" (both are "${fieldLabel(a.target, "en")}"); each element may have only ` +
      `one column: delete one of them.`,
  }),
  missing_column: (a: { what: "commune" | "period" | "element" | "value" }): Bilingual =>
    ({
      commune: {
        vi: "thiếu cột mã xã: cần commune_code / Mã xã / Mã đơn vị, hoặc Tên xã.",
        en: "missing commune column: expected commune_code / Mã xã / Mã đơn vị, or commune_name / Tên xã.",
      },
      period: {
        vi: "thiếu cột kỳ báo cáo: cần period / Kỳ báo cáo, hoặc hai cột Năm và Quý.",
        en: "missing period column: expected period / Kỳ báo cáo, or the two columns year and quarter.",
      },
      element: { vi: "thiếu cột chỉ tiêu (element).", en: "missing element column (element)." },
      value: { vi: "thiếu cột giá trị (value).", en: "missing value column (value)." },
    })[a.what],
  no_element_columns: (): Bilingual => ({
    vi: 'không có cột chỉ tiêu nào. Cần ít nhất một cột như meetings_held hoặc "Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)".',
    en:
      'no element columns. Expected at least one column such as meetings_held or "Conferences and meetings ' +
      'held (incl. village meetings)".',
  }),
  no_rows: (): Bilingual => ({
    vi: "Tệp không có dòng số liệu nào sau dòng tiêu đề.",
    en: "The file has no data rows after the header row.",
  }),
  unexpected_cell: (): Bilingual => ({
    vi: "có giá trị ở cột không có tiêu đề. Hãy đặt tiêu đề cho cột hoặc xóa giá trị.",
    en: "there is a value in a column without a header. Give the column a header or delete the value.",
  }),
  commune_missing: (): Bilingual => ({
    vi: "thiếu mã xã (hoặc tên xã).",
    en: "the commune code (or name) is missing.",
  }),
  commune_code_invalid: (a: { value: string }): Bilingual => ({
    vi: `mã xã "${a.value}" không hợp lệ: cần mã đơn vị hành chính 5 chữ số, ví dụ 21115.`,
    en: `commune code "${a.value}" is not valid: expected a 5-digit administrative unit code, e.g. 21115.`,
  }),
  commune_unknown_code: (a: {
    code: string;
    period: string;
    structure: StructureCode;
    related: readonly string[];
  }): Bilingual => {
    const become = a.structure === "2025-07";
    const relVi =
      a.related.length === 0
        ? ""
        : become
          ? ` Đơn vị này đã được sắp xếp vào: ${list(a.related)}; hãy dùng mã mới.`
          : ` Đây là mã đơn vị từ 01/07/2025, hình thành từ: ${list(a.related)}; số liệu ${q(a.period, "vi")} phải dùng mã cũ.`;
    const relEn =
      a.related.length === 0
        ? ""
        : become
          ? ` The unit became: ${list(a.related)}; use the new code.`
          : ` This is a unit code from 1 July 2025, formed from: ${list(a.related)}; figures for ` +
            `${q(a.period, "en")} must use the old code.`;
    return {
      vi: `mã ${a.code} không có trong ${structureVi[a.structure]} (áp dụng cho ${q(a.period, "vi")}).${relVi}`,
      en: `code ${a.code} does not exist in ${structureEn[a.structure]} (which applies to ${q(a.period, "en")}).${relEn}`,
    };
  },
  commune_out_of_scope: (a: { unit: string; period: string; known: boolean }): Bilingual => ({
    vi:
      `${a.unit} (${q(a.period, "vi")}) không thuộc phạm vi bạn được nhập số ` +
      `liệu${a.known ? "" : " (hoặc không tồn tại)"}; chỉ được nhập số liệu cho các xã thuộc phạm vi tài khoản ` +
      `của bạn: bỏ dòng này khỏi tệp hoặc nhờ chuyên viên nhập.`,
    en:
      `${a.unit} (${q(a.period, "en")}) is outside your scope${a.known ? "" : " (or does not exist)"}; you ` +
      `may only submit figures for the communes in your account's scope: remove this row, or ask an analyst to import it.`,
  }),
  commune_name_unknown: (a: {
    name: string;
    period: string;
    candidates: readonly string[];
    structure: StructureCode;
    related: readonly string[];
  }): Bilingual => {
    const become = a.structure === "2025-07";
    const relVi =
      a.related.length === 0
        ? ""
        : become
          ? ` Đơn vị "${a.name}" trước 01/07/2025 nay thuộc: ${list(a.related)}.`
          : ` Đơn vị "${a.name}" từ 01/07/2025 hình thành từ: ${list(a.related)}.`;
    const relEn =
      a.related.length === 0
        ? ""
        : become
          ? ` Before 1 July 2025 "${a.name}" became: ${list(a.related)}.`
          : ` From 1 July 2025 "${a.name}" was formed from: ${list(a.related)}.`;
    return {
      vi:
        `không tìm thấy xã "${a.name}" trong phạm vi của bạn (${q(a.period, "vi")}).${relVi} Các xã có thể ` +
        `đúng: ${list(a.candidates) || "(không có)"}; hoặc dùng mã xã 5 chữ số.`,
      en:
        `no commune named "${a.name}" in your scope (${q(a.period, "en")}).${relEn} Possible communes: ` +
        `${list(a.candidates) || "(none)"}; or use the 5-digit commune code.`,
    };
  },
  commune_name_ambiguous: (a: { name: string; candidates: readonly string[] }): Bilingual => ({
    vi: `tên "${a.name}" trùng với nhiều đơn vị: ${list(a.candidates)}. Hãy dùng mã xã để chỉ rõ.`,
    en: `the name "${a.name}" matches several units: ${list(a.candidates)}. Use the commune code instead.`,
  }),
  period_missing: (): Bilingual => ({
    vi: `thiếu kỳ báo cáo; cần dạng ${EXPECTED_PERIODS}, hoặc hai cột Năm và Quý.`,
    en: `the period is missing; expected ${EXPECTED_PERIODS}, or the two columns year and quarter.`,
  }),
  period_invalid: (a: { value: string }): Bilingual => ({
    vi: `kỳ báo cáo "${a.value}" không hợp lệ; cần dạng ${EXPECTED_PERIODS} (quý từ 1 đến 4 hoặc I đến IV).`,
    en: `period "${a.value}" is not valid; expected ${EXPECTED_PERIODS} (quarter 1 to 4 or I to IV).`,
  }),
  period_future: (a: { period: string; current: string }): Bilingual => ({
    vi: `${q(a.period, "vi")} chưa đến (quý hiện tại là ${q(a.current, "vi")}); không nhập số liệu cho quý sau quý hiện tại.`,
    en:
      `${q(a.period, "en")} is in the future (the current quarter is ${q(a.current, "en")}); figures are ` +
      `accepted up to the current quarter.`,
  }),
  period_too_early: (a: { period: string }): Bilingual => ({
    vi: `${q(a.period, "vi")} trước năm 2000; chỉ nhận số liệu từ Quý I/2000.`,
    en: `${q(a.period, "en")} is before 2000; figures are accepted from Q1 2000.`,
  }),
  element_unknown: (a: { value: string }): Bilingual => ({
    vi: `chỉ tiêu "${a.value}" không có trong danh mục; cần mã chỉ tiêu (ví dụ meetings_held) hoặc tên chỉ tiêu đúng như danh mục.`,
    en: `element "${a.value}" is not in the catalogue; expected an element code (e.g. meetings_held) or its catalogue label.`,
  }),
  element_missing: (): Bilingual => ({
    vi: "thiếu mã chỉ tiêu; cần mã chỉ tiêu, ví dụ meetings_held.",
    en: "the element is missing; expected an element code, e.g. meetings_held.",
  }),
  value_not_number: (a: { value: string }): Bilingual => ({
    vi: `"${a.value}" không phải là số; ${COUNT_HINT_VI}.`,
    en: `"${a.value}" is not a number; ${COUNT_HINT_EN}.`,
  }),
  value_negative: (a: { value: string }): Bilingual => ({
    vi: `"${a.value}" là số âm; số liệu là số đếm, ${COUNT_HINT_VI}.`,
    en: `"${a.value}" is negative; figures are counts, ${COUNT_HINT_EN}.`,
  }),
  value_decimal: (a: { value: string }): Bilingual => ({
    vi: `"${a.value}" không phải số nguyên; số liệu là số đếm, ${COUNT_HINT_VI}.`,
    en: `"${a.value}" is not a whole number; figures are counts, ${COUNT_HINT_EN}.`,
  }),
  value_bad_grouping: (a: { value: string }): Bilingual => ({
    vi:
      `"${a.value}" có dấu phân cách hàng nghìn sai chỗ: sau mỗi dấu phải có đúng 3 chữ số (ví dụ 1.234 hoặc ` +
      `1,234); số liệu phải là số nguyên.`,
    en:
      `"${a.value}" has misplaced thousands separators: each must be followed by exactly 3 digits (e.g. 1,234 ` +
      `or 1.234); figures must be whole numbers.`,
  }),
  value_too_large: (a: { value: string; max: number }): Bilingual => ({
    vi: `"${a.value}" quá lớn; giá trị tối đa là ${n(a.max, "vi")}.`,
    en: `"${a.value}" is too large; the maximum is ${n(a.max, "en")}.`,
  }),
  duplicate_value: duplicateValue,
  /** "Số hồ sơ tiếp nhận trực tuyến (130) lớn hơn số hồ sơ … (120) của Xã Trà Bình (21115), Quý II/2025: …". */
  rule_violation: ruleViolation,
  commune_name_mismatch: (a: { code: string; period: string; actual: string; given: string }): Bilingual => ({
    vi:
      `mã ${a.code} trong ${q(a.period, "vi")} là ${a.actual}, không phải "${a.given}"; số liệu sẽ được ghi ` +
      `cho ${a.actual}. Hãy kiểm tra lại mã xã.`,
    en:
      `code ${a.code} in ${q(a.period, "en")} is ${a.actual}, not "${a.given}"; the figures will be recorded ` +
      `for ${a.actual}. Check the commune code.`,
  }),
  /** Figures of a commune's quarter that an analyst approved: locked until unlocked (db/queries/approvals.ts). */
  period_locked: (a: { unit: string; period: string }): Bilingual => ({
    vi:
      `số liệu của ${a.unit}, ${q(a.period, "vi")} đã được phê duyệt và đang khoá, nên không thể thay đổi ` +
      `bằng tệp nhập. Hãy bỏ các dòng này khỏi tệp, hoặc đề nghị chuyên viên hay quản trị viên mở khoá kỳ này trước.`,
    en:
      `the figures of ${a.unit}, ${q(a.period, "en")} are approved and locked, so an upload cannot change ` +
      `them. Remove these rows from the file, or ask an analyst or administrator to unlock this quarter first.`,
  }),
  unusual_value: unusualValue,
  /** Petitions carried over that do not follow from the previous quarter (a warning). */
  carried_over_mismatch: carriedOverMismatch,
} as const;

/** The right-hand term the voter rule adds when earlier quarters' backlog is known. */
export const UNANSWERED_EARLIER: Bilingual = {
  vi: "kiến nghị chưa trả lời từ các quý trước",
  en: "requests unanswered from earlier quarters",
};

export type MessageCode = keyof typeof messages;
/** Every `code` an error or warning can carry. */
export type IssueCode = Exclude<MessageCode, "rule_violation"> | RuleIssueCode;

/** Where an issue is: a line (CSV, Excel) or a record (JSON, DHIS2), and a column or field. */
export interface Where {
  line: number | null;
  column: string | null;
  record?: boolean;
  /** The commune and quarter of the row, when known: named in the prefix. */
  subject?: Subject;
  /** The detail already names the field, commune and quarter: the prefix gives only the line. */
  named?: boolean;
}

/**
 * Prefix a detail with its place: "Dòng 14, cột Số hồ sơ tiếp nhận trực tuyến, Xã Trà Bình (21115), Quý II/2025: …".
 * A column named by an element code is shown by its catalogue label.
 */
export function locate(where: Where, detail: Bilingual): Bilingual {
  const [lv, le] = where.record ? ["Bản ghi", "Record"] : ["Dòng", "Line"];
  const [cv, ce] = where.record ? ["trường", "field"] : ["cột", "column"];
  const vi: string[] = [];
  const en: string[] = [];
  if (where.line !== null) {
    vi.push(`${lv} ${where.line}`);
    en.push(`${le} ${where.line}`);
  }
  if (!where.named) {
    if (where.column !== null) {
      vi.push(`${cv} ${fieldLabel(where.column, "vi")}`);
      en.push(`${ce} ${fieldLabel(where.column, "en")}`);
    }
    if (where.subject) {
      vi.push(subjectText(where.subject, "vi"));
      en.push(subjectText(where.subject, "en"));
    }
  }
  if (vi.length === 0) return detail;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { vi: `${cap(vi.join(", "))}: ${detail.vi}`, en: `${cap(en.join(", "))}: ${detail.en}` };
}
