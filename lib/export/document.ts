/**
 * The parts of a Vietnamese administrative document (Decree 30/2020/NĐ-CP) that every export shares:
 * the issuing body, the national motto, place and date, the title and the signature block. Pure.
 */
import { formatDate, formatPeriod } from "../format";
import { inVietnam, parseQuarterCode, type Period } from "../periods";

/** Type words that open a unit's official name, longest first so "Thị trấn" wins over a shorter match. */
const TYPE_WORDS = ["Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Phường", "Xã"] as const;

export const MOTTO = { nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", motto: "Độc lập - Tự do - Hạnh phúc" } as const;

export const SIGNATURE = {
  preparer: "NGƯỜI LẬP BIỂU",
  onBehalf: "TM. ỦY BAN NHÂN DÂN",
  chair: "CHỦ TỊCH",
  signHint: "(Ký, ghi rõ họ tên)",
} as const;

/**
 * A unit's official name split into its type word and its place name.
 * @example splitUnitName("Thị trấn Trà Xuân") → { type: "Thị trấn", place: "Trà Xuân" }; splitUnitName("Trà Bồng") →
 * { type: null, place: "Trà Bồng" }
 */
export function splitUnitName(name: string): { type: string | null; place: string } {
  const n = name.normalize("NFC").trim();
  for (const t of TYPE_WORDS) {
    if (n.toLowerCase().startsWith(`${t.toLowerCase()} `)) return { type: t, place: n.slice(t.length).trim() };
  }
  return { type: null, place: n };
}

/** @example issuerName("Huyện Trà Bồng") → "UBND HUYỆN TRÀ BỒNG"; issuerName("Tỉnh Quảng Ngãi") → "UBND TỈNH QUẢNG NGÃI" */
export function issuerName(unitName: string): string {
  return `UBND ${unitName.normalize("NFC").trim().toLocaleUpperCase("vi")}`;
}

/** The place written before the date: the name without its type word. @example placeName("Huyện Trà Bồng") → "Trà Bồng" */
export function placeName(unitName: string): string {
  return splitUnitName(unitName).place;
}

/** The unit named inside a sentence, type word in lower case. @example unitInSentence("Huyện Trà Bồng") → "huyện Trà Bồng" */
export function unitInSentence(unitName: string): string {
  const { type, place } = splitUnitName(unitName);
  return type ? `${type.toLowerCase()} ${place}` : place;
}

/** "toàn huyện", "toàn tỉnh", "toàn thị xã"…; "toàn đơn vị" when the name has no type word. */
export function wholeUnitPhrase(unitName: string): string {
  const { type } = splitUnitName(unitName);
  return `toàn ${type ? type.toLowerCase() : "đơn vị"}`;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * Place and date as Decree 30 writes them: a day below 10 and the months 1 and 2 take a leading zero,
 * on Vietnam's calendar.
 * @example placeAndDate("Trà Bồng", new Date("2026-11-26T03:00:00Z")) → "Trà Bồng, ngày 26 tháng 11 năm 2026"
 *          placeAndDate("Trà Bồng", new Date("2025-02-05T03:00:00Z")) → "Trà Bồng, ngày 05 tháng 02 năm 2025"
 */
export function placeAndDate(place: string, date: Date): string {
  const v = inVietnam(date);
  const month = v.getUTCMonth() + 1;
  return `${place}, ngày ${pad2(v.getUTCDate())} tháng ${month <= 2 ? pad2(month) : month} năm ${v.getUTCFullYear()}`;
}

const ROMAN = ["I", "II", "III", "IV"];

function quarterWords(code: string): string {
  const q = parseQuarterCode(code)!;
  return `quý ${ROMAN[q.quarter - 1]} năm ${q.year}`;
}

/**
 * The period inside a sentence or a title.
 * @example periodPhrase(2025Q1) → "quý I năm 2025"; 2025S1 → "6 tháng đầu năm 2025"; 2025N9 → "9 tháng năm 2025"; 2025 → "năm 2025";
 *          2024Q3..2025Q2 → "từ quý III năm 2024 đến quý II năm 2025"
 */
export function periodPhrase(period: Period): string {
  switch (period.kind) {
    case "quarter":
      return quarterWords(period.code);
    case "range":
      return `từ ${quarterWords(period.quarters[0])} đến ${quarterWords(period.quarters[period.quarters.length - 1])}`;
    default: {
      const s = formatPeriod(period.code, "vi");
      return s.charAt(0).toLowerCase() + s.slice(1);
    }
  }
}

/** @example summaryTitle(2025Q1) → "BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN QUÝ I NĂM 2025" */
export function summaryTitle(period: Period): string {
  return `BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN ${periodPhrase(period).toLocaleUpperCase("vi")}`;
}

/** The report's two title lines. @example reportTitle(2025Q1) → ["BÁO CÁO", "Kết quả công tác Dân vận chính quyền quý I năm 2025"] */
export function reportTitle(period: Period): [string, string] {
  return ["BÁO CÁO", `Kết quả công tác Dân vận chính quyền ${periodPhrase(period)}`];
}

/** The dates a period covers. @example periodSpan(2025S1) → "từ ngày 01/01/2025 đến ngày 30/06/2025" */
export function periodSpan(period: Period): string {
  const first = parseQuarterCode(period.quarters[0])!;
  const last = parseQuarterCode(period.quarters[period.quarters.length - 1])!;
  const start = new Date(Date.UTC(first.year, (first.quarter - 1) * 3, 1, 5));
  const end = new Date(Date.UTC(last.year, last.quarter * 3, 0, 5));
  return `từ ngày ${formatDate(start)} đến ngày ${formatDate(end)}`;
}

/**
 * The period whose tasks section II announces: the one after the report's.
 * @example nextPeriodPhrase(2025Q1) → "quý II năm 2025"; 2025S1 → "6 tháng cuối năm 2025"; 2025N9 → "quý IV năm 2025"; 2025 → "năm 2026"
 */
export function nextPeriodPhrase(period: Period): string | null {
  const last = parseQuarterCode(period.quarters[period.quarters.length - 1])!;
  const year = last.year;
  switch (period.kind) {
    case "quarter":
      return last.quarter === 4 ? `quý I năm ${year + 1}` : `quý ${ROMAN[last.quarter]} năm ${year}`;
    case "half":
      return last.quarter === 2 ? `6 tháng cuối năm ${year}` : `6 tháng đầu năm ${year + 1}`;
    case "nine":
      return `quý IV năm ${year}`;
    case "year":
      return `năm ${year + 1}`;
    case "range":
      return null;
  }
}

/** Inputs of the document frame: who issues it, where and when. Issuer and place default from the scope's name. */
export interface DocumentMeta {
  /** "UBND HUYỆN TRÀ BỒNG"; default issuerName(scope name). */
  issuer?: string;
  /** "Trà Bồng"; default placeName(scope name). */
  place?: string;
  /** The document's date; default generatedAt. */
  date?: Date;
  /** When the figures were read: stated in the notes. */
  generatedAt: Date;
}

export interface DocumentFrame {
  issuer: string;
  place: string;
  dateLine: string;
  generatedAt: Date;
}

export function documentFrame(scopeName: string, meta: DocumentMeta): DocumentFrame {
  const place = meta.place ?? placeName(scopeName);
  return {
    issuer: meta.issuer ?? issuerName(scopeName),
    place,
    dateLine: placeAndDate(place, meta.date ?? meta.generatedAt),
    generatedAt: meta.generatedAt,
  };
}
