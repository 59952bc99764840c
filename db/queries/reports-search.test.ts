import { describe, expect, it } from "vitest";
import { chooseStrategy, parsePgTextArray, parseQueryTree, rarestQuery, type SearchStats } from "./reports-search";

/** The statistics of the bench:reports corpus (40,140 reports, 463,314 items; pg_stats after ANALYZE). */
function bench(words: Record<string, number>): SearchStats {
  return {
    lexemes: Object.keys(words),
    andOnly: true,
    freqs: Object.values(words),
    items: 463_314,
    units: 9_826,
    periods: 4,
    topics: 8,
  };
}
const analyst = { readUnits: 547, maxRanked: 5000 };
const admin = { readUnits: null, maxRanked: 5000 };

describe("report search: how the matches are found", () => {
  it("reads the scope's rows when its words are common, and gives the index the rarest words otherwise", () => {
    const tiepCongDan = bench({ tiep: 0.4802, cong: 0.6652, dan: 0.7338 });
    // A province: its ~25,800 items read, against a bitmap of every item holding "tiep" (222,000) or more.
    expect(chooseStrategy(tiepCongDan, analyst)).toEqual({ indexed: 0 });
    // The country: ~21,300 rows (5,001 / 0.234) read before maxRanked + 1 matches, against the same bitmap.
    expect(chooseStrategy(tiepCongDan, admin)).toEqual({ indexed: 0 });
    const phrase = bench({ tiep: 0.4802, cong: 0.6652, dan: 0.7338, dinh: 0.2369, ky: 0.3648 });
    // The country: "dinh", "ky", "tiep" through the index (501,000 postings, a bitmap of ~19,200 rows, ~10,250 of
    // them tested: 49,200) beats two words (54,700), all five (80,600) and a scan of ~247,000 rows.
    expect(chooseStrategy(phrase, admin)).toEqual({ indexed: 3 });
    // A province: its 25,800 rows (a bitmap of the 110,000 rows holding "dinh" alone: 56,900).
    expect(chooseStrategy(phrase, analyst)).toEqual({ indexed: 0 });
    const land = bench({ doi: 0.2203, thoai: 0.0911, dat: 0.0222, dai: 0.0504 });
    // "dat" and "dai": 33,600 postings, a bitmap of ~520 rows, ~29 of them in the province (2,300), against 5,300
    // for "dat" alone and 25,800 for the province's rows.
    expect(chooseStrategy(land, analyst)).toEqual({ indexed: 2 });
    // A word rarer than any listed one: the index, whole.
    expect(chooseStrategy(bench({ xyzzy: 0.0022 }), admin)).toEqual({ indexed: "all" });
    // No statistics (PGlite, a new database): the index, whole.
    expect(chooseStrategy(null, admin)).toEqual({ indexed: "all" });
    expect(chooseStrategy({ ...tiepCongDan, items: 0 }, admin)).toEqual({ indexed: "all" });
    // An OR: a scan stops once 5,001 rows hold one of its words (~6,800 rows for "dan", ~22,700 for "doi"),
    // against a bitmap of every row holding any (87,300 for the land words); rare words: the index.
    expect(chooseStrategy({ ...tiepCongDan, andOnly: false }, admin)).toEqual({ indexed: 0 });
    expect(chooseStrategy({ ...land, andOnly: false }, admin)).toEqual({ indexed: 0 });
    expect(chooseStrategy({ ...bench({ a: 0.001, b: 0.002 }), andOnly: false }, admin)).toEqual({ indexed: "all" });
  });

  it("reads querytree output, PostgreSQL text arrays, and writes the rarest words as a tsquery", () => {
    expect(parseQueryTree("'tiep' & 'cong' <-> 'dan'")).toEqual({ lexemes: ["tiep", "cong", "dan"], andOnly: true });
    expect(parseQueryTree("'dan' <-> 'van' & 'mo' | 'x'")).toEqual({
      lexemes: ["dan", "van", "mo", "x"],
      andOnly: false,
    });
    expect(parseQueryTree("'a' & !'b'")).toEqual({ lexemes: ["a", "b"], andOnly: false });
    expect(parseQueryTree("'it''s' & 'a|b'")).toEqual({ lexemes: ["it's", "a|b"], andOnly: true });
    expect(parseQueryTree("T")).toEqual({ lexemes: [], andOnly: false });
    expect(parsePgTextArray('{a,"b c","d\\"e",f}')).toEqual(["a", "b c", 'd"e', "f"]);
    const stats = { ...bench({ tiep: 0.5, cong: 0.6, "o'k\\": 0.1 }) };
    expect(rarestQuery(stats, 2)).toBe("'o''k\\\\' & 'tiep'");
  });
});
