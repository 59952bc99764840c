/** Small text helpers shared by the report parsers. */

/**
 * Lower-case, strip Vietnamese diacritics (đ → d), collapse spaces: the form words are compared in.
 * One input character gives one output character for NFC Vietnamese text, so offsets carry over.
 * @example fold("Tiếp Công Dân") → "tiep cong dan"
 */
export function fold(s: string): string {
  let out = "";
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      out += c.toLowerCase();
      continue;
    }
    if (c === "đ" || c === "Đ") {
      out += "d";
      continue;
    }
    const base = c
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    // Length-preserving: a lone combining mark or a letter that expands becomes one character.
    out +=
      base.length === c.length
        ? base
        : base.length === 0
          ? " "
          : c.toLowerCase().slice(0, c.length).padEnd(c.length, " ");
  }
  return out;
}

/** Words of a text with their offsets in it (letters and digits, as the search index sees them). */
export function wordsWithOffsets(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ word: fold(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Collapse runs of spaces and tabs, trim. */
export function squeeze(s: string): string {
  return s.replace(/[ \t\u00a0]+/g, " ").trim();
}
