/**
 * Stored answers (response-cache.ts): served only at the version they were stored under, byte for byte
 * (binary bodies too: compressed answers), from this process's copy without sending the text again, from the
 * table for a process without the copy; a later version's answer is never replaced by an earlier one.
 */
import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { describeEachEngine } from "./test-utils";
import { queryRows, type DbOrTx } from "./client";
import { int } from "./columns";
import { answerCacheStats, answerKey, lookupAnswer, storeAnswer } from "./response-cache";

const version = async (db: DbOrTx) =>
  (await queryRows(db, sql`select version::int as v from data_version`, z.object({ v: int })))[0].v;
const bump = (db: DbOrTx) => db.execute(sql`update settings set value = value where key = 'no-such-key'`);

describeEachEngine("answer cache storage: exact bytes, at their version only", (get) => {
  it("stores and serves an answer at its version, not after a change; never overwrites a later one", async () => {
    const { db } = get();
    const key = answerKey({ url: "/", user: ["u1"] });
    expect(key).toMatch(/^answer:/);
    expect(answerKey({ url: "/", user: ["u2"] })).not.toBe(key);

    const miss = await lookupAnswer(db, key);
    expect(miss).toEqual({ version: await version(db), answer: null });
    // A body that is not text (a gzip answer), every byte value.
    const body = new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
    const answer = { status: 200, headers: { "content-type": "text/html", vary: ["rsc", "x"] }, body };
    await storeAnswer(db, key, miss!.version, answer);

    const local = answerCacheStats.localHits;
    const hit = await lookupAnswer(db, key);
    expect(hit!.answer!.body).toEqual(body);
    expect(hit!.answer!.headers).toEqual(answer.headers);
    expect(answerCacheStats.localHits).toBe(local + 1);

    // Stored in the table too, for the other instances.
    const [row] = await queryRows(
      db,
      sql`select version::int as v, length(value)::int as n from result_cache where key = ${key}`,
      z.object({ v: int, n: int }),
    );
    expect(row.v).toBe(miss!.version);
    expect(row.n).toBeGreaterThan(512);

    // Any change (here a statement on settings, as every write to what figures depend on) makes it stale.
    await bump(db);
    const after = await lookupAnswer(db, key);
    expect(after!.version).toBeGreaterThan(miss!.version);
    expect(after!.answer).toBeNull();

    // An answer rendered before the change, stored late, does not replace one of the new version.
    const fresh = { ...answer, body: new Uint8Array([1, 2, 3]) };
    await storeAnswer(db, key, after!.version, fresh);
    await storeAnswer(db, key, miss!.version, answer);
    const [stored] = await queryRows(
      db,
      sql`select version::int as v from result_cache where key = ${key}`,
      z.object({ v: int }),
    );
    expect(stored.v).toBe(after!.version);
  });

  it("a process without the copy reads the stored answer; a malformed stored value is a miss, not an error", async () => {
    const { db } = get();
    const key = answerKey({ url: "/api/indicators?x=1" });
    const v = (await lookupAnswer(db, key))!.version;
    const body = new TextEncoder().encode(JSON.stringify({ rows: ["Xã Trà Tân"] }));
    // Stored by another instance: only the table has it.
    const text = JSON.stringify({
      status: 200,
      headers: { "content-type": "application/json" },
      body: Buffer.from(body).toString("base64"),
    });
    await db.execute(sql`insert into result_cache (key, version, value) values (${key}, ${v}, ${text})`);
    const hits = answerCacheStats.hits;
    const local = answerCacheStats.localHits;
    const found = await lookupAnswer(db, key);
    expect(new TextDecoder().decode(found!.answer!.body)).toBe('{"rows":["Xã Trà Tân"]}');
    expect([answerCacheStats.hits, answerCacheStats.localHits]).toEqual([hits + 1, local]);

    const bad = answerKey({ url: "/bad" });
    await db.execute(sql`insert into result_cache (key, version, value) values (${bad}, ${v}, ${'{"status":"x"}'})`);
    expect((await lookupAnswer(db, bad))!.answer).toBeNull();
    const cut = answerKey({ url: "/cut" });
    await db.execute(sql`insert into result_cache (key, version, value) values (${cut}, ${v}, ${text.slice(0, 20)})`);
    expect((await lookupAnswer(db, cut))!.answer).toBeNull();
  });
});
