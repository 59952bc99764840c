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
    // 547 communes × 4 quarters ≈ 25,800 items to test, against 870,000 postings of three common syllables.
    expect(chooseStrategy(tiepCongDan, analyst)).toEqual({ indexed: 0 });
    // The country: ~21,000 rows (5,001 / 0.234) read before maxRanked + 1 matches, against the same postings.
    expect(chooseStrategy(tiepCongDan, admin)).toEqual({ indexed: 0 });
    const phrase = bench({ tiep: 0.4802, cong: 0.6652, dan: 0.7338, dinh: 0.2369, ky: 0.3648 });
    // "định kỳ" through the index (279,000 postings, ~21,000 rows to test) beats all five (1,150,000 postings).
    expect(chooseStrategy(phrase, admin)).toEqual({ indexed: 2 });
    const land = bench({ doi: 0.2203, thoai: 0.0911, dat: 0.0222, dai: 0.0504 });
    // "đất" alone: 10,300 postings, then the 573 items of the province holding it are tested.
    expect(chooseStrategy(land, analyst)).toEqual({ indexed: 1 });
    // A word rarer than any listed one: the index, whole.
    expect(chooseStrategy(bench({ xyzzy: 0.0022 }), admin)).toEqual({ indexed: "all" });
    // No statistics (PGlite, a new database): the index, whole.
    expect(chooseStrategy(null, admin)).toEqual({ indexed: "all" });
    expect(chooseStrategy({ ...tiepCongDan, items: 0 }, admin)).toEqual({ indexed: "all" });
    // An OR of common words: all rows hold one of them soon enough, so the scan; of rare ones, the index.
    expect(chooseStrategy({ ...tiepCongDan, andOnly: false }, admin)).toEqual({ indexed: 0 });
    expect(chooseStrategy({ ...land, andOnly: false }, admin)).toEqual({ indexed: "all" });
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
