/**
 * Who wrote a report and for which period, read from its text: "UBND xã Trà Tân", "quý I … năm 2025",
 * "6 tháng đầu năm 2025", "9 tháng năm 2025", "năm 2025".
 */
import { fold } from "./text";

export interface PeriodGuess {
  /** Canonical period code (lib/periods.ts): 2025Q1, 2025S1, 2025N9, 2025. */
  code: string;
  /** The words it was read from. */
  text: string;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

/**
 * The period a title (or sentence) reports on; the first period named wins ("quý I và … quý II năm 2025" → 2025Q1).
 * @example guessPeriod("Kết quả … quý I và phương hướng nhiệm vụ quý II năm 2025") → { code: "2025Q1", text: "quý I" }
 */
export function guessPeriod(text: string): PeriodGuess | null {
  const f = fold(text);
  const cands: { at: number; kind: string; q?: number; text: string }[] = [];
  for (const m of f.matchAll(/\bqu[yi]\s+(iv|iii|ii|i|[1-4])\b/g))
    cands.push({
      at: m.index ?? 0,
      kind: "Q",
      q: ROMAN[m[1]],
      text: text.slice(m.index, (m.index ?? 0) + m[0].length),
    });
  for (const m of f.matchAll(/\b(6|sau) thang (dau nam|cuoi nam|nam)/g))
    cands.push({
      at: m.index ?? 0,
      kind: m[2] === "cuoi nam" ? "S2" : "S1",
      text: text.slice(m.index, (m.index ?? 0) + m[0].length),
    });
  for (const m of f.matchAll(/\b(9|chin) thang\b/g))
    cands.push({ at: m.index ?? 0, kind: "N9", text: text.slice(m.index, (m.index ?? 0) + m[0].length) });
  const years = [...f.matchAll(/\bnam (20\d\d)\b/g)].map((m) => ({ at: m.index ?? 0, year: m[1] }));
  if (cands.length === 0) {
    return years.length ? { code: years[0].year, text: text.slice(years[0].at, years[0].at + 8) } : null;
  }
  cands.sort((a, b) => a.at - b.at);
  const c = cands[0];
  const year = years.find((y) => y.at > c.at) ?? years[years.length - 1];
  if (!year) return null;
  const code = c.kind === "Q" ? `${year.year}Q${c.q}` : `${year.year}${c.kind}`;
  return { code, text: c.text };
}

export interface UnitGuess {
  /** "xã", "phường", "thị trấn". */
  kind: string;
  /** The name as written, without its kind: "Trà Tân". */
  name: string;
}

/** "UBND xã Trà Tân": the issuing committee, the commune's type, then up to four capitalised words of its name. */
const COMMITTEE = String.raw`(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)`;
const COMMUNE_TYPE = String.raw`(xã|phường|thị trấn|XÃ|PHƯỜNG|THỊ TRẤN)`;
const NAME_WORD = String.raw`[\p{Lu}\d][\p{L}\d'’-]*`;
const UNIT_RE = new RegExp(
  String.raw`${COMMITTEE}\s+${COMMUNE_TYPE}\s+((?:${NAME_WORD})(?:\s+${NAME_WORD}){0,3})`,
  "gu",
);

/**
 * Communes named as authors ("UBND xã Trà Tân báo cáo …"), most likely first: the one followed by
 * "báo cáo", then by frequency.
 * @example guessUnits("… UBND xã Trà Tân báo cáo kết quả …") → [{ kind: "xã", name: "Trà Tân" }]
 */
export function guessUnits(text: string): UnitGuess[] {
  const score = new Map<string, { g: UnitGuess; n: number }>();
  for (const m of text.matchAll(UNIT_RE)) {
    const name = m[2].trim();
    if (name.length < 3 || text[(m.index ?? 0) + m[0].length] === "/") continue;
    const key = fold(name);
    const after = fold(text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12));
    const entry = score.get(key) ?? { g: { kind: m[1].toLowerCase(), name }, n: 0 };
    entry.n += /^\s*bao cao/.test(after) ? 10 : 1;
    score.set(key, entry);
  }
  return [...score.values()].sort((a, b) => b.n - a.n).map((e) => e.g);
}

/** A unit's name without its kind, folded, for matching: "Xã Trà Tân" → "tra tan". */
export function unitKey(name: string): string {
  return fold(name)
    .replace(/^(xa|phuong|thi tran|huyen|tinh|thanh pho|thi xa|quan)\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}
