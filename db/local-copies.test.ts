/** The size-bounded copies both caches keep (local-copies.ts): least recently used out, growth counted. */
import { describe, expect, it } from "vitest";
import { copiesPerDatabase, SizedLru } from "./local-copies";

describe("SizedLru", () => {
  it("keeps what fits, drops the least recently used first, counts growth, refuses an entry over a quarter", () => {
    const lru = new SizedLru<{ n: number }>(100, (v) => v.n);
    lru.set("a", { n: 20 });
    lru.set("b", { n: 20 });
    lru.set("c", { n: 20 });
    lru.set("d", { n: 20 });
    expect(lru.get("a")).toEqual({ n: 20 }); // a is now the most recently used
    lru.set("e", { n: 25 }); // 105 > 100: b goes (the least recently used)
    expect([lru.get("b"), lru.get("c")?.n, lru.get("a")?.n]).toEqual([undefined, 20, 20]);
    lru.set("big", { n: 26 }); // over a quarter of the room: not kept
    expect(lru.get("big")).toBeUndefined();
    const d = lru.get("d")!;
    d.n = 40;
    lru.grew("d", d, 20); // 20 (c) + 20 (a) + 40 (d) + 25 (e) = 105: the least recently used (e) goes
    expect([lru.get("e"), lru.get("d")?.n]).toEqual([undefined, 40]);
    lru.set("a", { n: 5 }); // replacing counts the new size only
    lru.set("f", { n: 25 });
    expect([lru.get("c")?.n, lru.get("a")?.n, lru.get("f")?.n]).toEqual([20, 5, 25]);
    lru.clear();
    expect(lru.get("a")).toBeUndefined();
  });

  it("one set per database handle; a budget of 0 keeps nothing", () => {
    const saved = process.env.TEST_COPIES_MB;
    process.env.TEST_COPIES_MB = "0";
    try {
      const of = copiesPerDatabase<string>("dvcq.test.copies", "TEST_COPIES_MB", (s) => s.length);
      const db1 = {};
      const db2 = {};
      expect(of(db1)).toBe(of(db1));
      expect(of(db1)).not.toBe(of(db2));
      of(db1).set("k", "v");
      expect(of(db1).get("k")).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.TEST_COPIES_MB;
      else process.env.TEST_COPIES_MB = saved;
    }
  });
});
