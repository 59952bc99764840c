/**
 * Documents cited in a report: "Kế hoạch số 42/KH-UBND ngày 21/3/2025 của UBND huyện Trà Bồng",
 * "Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW, ngày 12/12/2013" (two numbers, one date).
 */

export interface Reference {
  kind: string;
  /** Number and symbol as written: "42/KH-UBND", "217-QĐ/TW", "34/2007/PL-UBTVQH 11". */
  number: string;
  issuer: string | null;
  /** ISO date, or null when the text gives none. */
  date: string | null;
  /** The citation as it appears in the text. */
  text: string;
}

const KINDS = [
  "Luật",
  "Pháp lệnh",
  "Nghị định",
  "Nghị quyết",
  "Quyết định",
  "Chỉ thị",
  "Thông tư",
  "Kế hoạch",
  "Công văn",
  "Hướng dẫn",
  "Thông báo",
  "Báo cáo",
  "Quy định",
  "Chương trình",
  "Kết luận",
];
const KIND = `(${KINDS.join("|")})`;
const NUM = String.raw`\d+(?:[/-][\p{Lu}\dĐ]+)+(?:\s\d{1,2}(?=[\s:;,.)]|$))?`;
const DATE = String.raw`(?:,?\s*ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}))?`;
const RE = new RegExp(
  String.raw`${KIND}\s+(?:số\s*:?\s*)?(${NUM}(?:\s*(?:,|và)\s*(?:${KINDS.join("|")})?\s*(?:số\s*)?${NUM})*)${DATE}`,
  "giu",
);

function isoDate(d?: string, m?: string, y?: string): string | null {
  if (!d || !m || !y) return null;
  const day = Number(d);
  const month = Number(m);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The issuer named after "của …", else the last part of the symbol ("KH-UBND" → "UBND", "QĐ/TW" → "TW"). */
function issuerOf(after: string, number: string): string | null {
  const m =
    /^\s*của\s+(.{2,80}?)(?=\s+(?:về|v\/v|ban hành|quy định|hướng dẫn|triển khai|khóa|khoá)(?=[\s,.;:]|$)|[,.;:(“"]|$)/iu.exec(
      after,
    );
  if (m) {
    const rest = after.slice(m[0].length);
    const term = /^\s+(khóa|khoá)\s+[IVXLC]+\b/u.exec(rest);
    return (m[1] + (term ? term[0] : "")).trim();
  }
  const sym = number
    .replace(/\s\d{1,2}$/, "")
    .split(/[/-]/)
    .filter((p) => /\p{Lu}/u.test(p));
  return sym.length ? sym[sym.length - 1] : null;
}

/**
 * Every cited document, once per kind and number, in order of first appearance.
 * @example extractReferences("Thực hiện Kế hoạch số 42/KH-UBND ngày 21/3/2025 của UBND huyện Trà Bồng về …")
 *   → [{ kind: "Kế hoạch", number: "42/KH-UBND", issuer: "UBND huyện Trà Bồng", date: "2025-03-21", text: "Kế hoạch
 * số 42/KH-UBND ngày 21/3/2025" }]
 */
export function extractReferences(text: string): Reference[] {
  const out: Reference[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(RE)) {
    const kindWord = m[1][0].toUpperCase() + m[1].slice(1);
    const kind = KINDS.find((k) => k.toLowerCase() === kindWord.toLowerCase()) ?? kindWord;
    const date = isoDate(m[3], m[4], m[5]);
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 200);
    const numbers = [...m[2].matchAll(new RegExp(String.raw`(?:(${KINDS.join("|")})\s*)?(?:số\s*)?(${NUM})`, "giu"))];
    for (const n of numbers) {
      const k = n[1] ? (KINDS.find((x) => x.toLowerCase() === n[1].toLowerCase()) ?? kind) : kind;
      const number = n[2].trim();
      const key = `${k.toLowerCase()}|${number}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: k, number, issuer: issuerOf(after, number), date, text: m[0].trim() });
    }
  }
  return out;
}
