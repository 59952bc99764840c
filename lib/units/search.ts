/**
 * Finding a unit by name as people type it: without tone marks or with them, any case, "d" for "đ",
 * in any order of words, or by the start of its code. Pure; fast enough for the ~14,000 units of the
 * national lists (one pass, no index).
 */

import { fold } from "../ingest/text";

export interface SearchableUnit {
  code: string;
  name: string;
}

/** Lower case, diacritics removed, đ → d, spaces collapsed: the ingest's own folding. */
export const foldVietnamese = fold;

/** The type prefixes of unit names, so "tra" ranks "Xã Trà Tân" as a name that starts with it. */
const TYPE_PREFIX = /^(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu) /;

/**
 * The units matching `query`, best first: exact code, then code prefix (by code), then names starting
 * with the query (after the type prefix "Xã", "Huyện"…), then names with every word of the query at a
 * word start, then names containing every word; ties by name without its type, then code. An empty query lists the first `limit` by name.
 * @example searchUnits([{ code: "21136", name: "Xã Trà Tân" }, { code: "21142", name: "Xã Trà Bùi" }], "tra tan") → [Trà Tân]
 */
export function searchUnits<T extends SearchableUnit>(units: readonly T[], query: string, limit = 20): T[] {
  const q = foldVietnamese(query);
  // By the name without its type ("Trà Bồng" of "Huyện Trà Bồng"), then the full name, then the code.
  const byName = (a: { u: T; f: string }, b: { u: T; f: string }) =>
    a.f.replace(TYPE_PREFIX, "").localeCompare(b.f.replace(TYPE_PREFIX, "")) ||
    a.f.localeCompare(b.f) ||
    a.u.code.localeCompare(b.u.code);
  if (!q) {
    return units
      .map((u) => ({ u, f: foldVietnamese(u.name) }))
      .sort(byName)
      .slice(0, limit)
      .map((x) => x.u);
  }
  const words = q.split(" ");
  const scored: { u: T; f: string; score: number }[] = [];
  for (const u of units) {
    const f = foldVietnamese(u.name);
    const bare = f.replace(TYPE_PREFIX, "");
    let score: number;
    if (u.code === q) score = 0;
    else if (/^\d+$/.test(q) && u.code.startsWith(q)) score = 1;
    else if (bare.startsWith(q) || f.startsWith(q)) score = 2;
    else if (words.every((w) => (" " + f).includes(" " + w))) score = 3;
    else if (words.every((w) => f.includes(w))) score = 4;
    else continue;
    scored.push({ u, f, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.score === 1 ? a.u.code.localeCompare(b.u.code) : byName(a, b)))
    .slice(0, limit)
    .map((x) => x.u);
}
