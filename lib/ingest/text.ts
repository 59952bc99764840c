/**
 * Text helpers shared by the ingest parsers: Unicode normalization and the "loose" keys used to
 * match column names, element labels and commune names typed by hand.
 */

/** A value as it comes out of a parser: CSV gives strings, JSON and Excel also numbers, booleans, dates. */
export type RawCell = string | number | boolean | Date | null | undefined;

/** NFC, because Windows-1258 files and macOS keyboards produce decomposed Vietnamese (a + U+0301). */
export function nfc(s: string): string {
  return s.normalize("NFC");
}

/**
 * Lower-case, strip diacritics (including the horn of ơ/ư and the stroke of đ), collapse spaces.
 * @example fold("  Xã Trà  Thủy ") → "xa tra thuy"; fold("Đông") → "dong"
 */
export function fold(s: string): string {
  return (
    s
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      // đ/Đ have no decomposition, so NFD leaves them alone.
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim()
  );
}

/**
 * The key a header or label is matched by: folded and with every space and punctuation mark removed,
 * so `Meetings held`, `meetings_held` and ` MEETINGS-HELD ` all meet.
 * @example columnKey("Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)") → "sohoinghicuochopdatochuckecahopthon"
 */
export function columnKey(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, "");
}

/** A cell as display text for messages and the `value` field of an error. */
export function cellText(raw: RawCell): string {
  if (raw === null || raw === undefined) return "";
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? "" : raw.toISOString().slice(0, 10);
  return typeof raw === "string" ? raw : String(raw);
}

/** Whether a cell carries nothing: null, or only spaces (including no-break spaces). */
export function isBlank(raw: RawCell): boolean {
  if (raw === null || raw === undefined) return true;
  return typeof raw === "string" && raw.trim() === "";
}

/** Excel column letters, used to name a column that has no header: 0 → "A", 27 → "AB". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Plain Levenshtein distance, for "did you mean" lists of commune names (short strings only). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
