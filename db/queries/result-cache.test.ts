/**
 * The shared result cache (result-cache.ts): a result is served only while nothing it depends on has changed.
 * After an import, a revert and an approval change, the district's online rate equals a plain SQL oracle, not
 * the result stored before; a cached answer is the engine's answer (deep equal, dates included); and on
 * PostgreSQL an abandoned request cancels its query on the server.
 */
import { getEventListeners } from "node:events";
import { afterEach, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { describeEachEngine } from "../test-utils";
import { queryRows, type DbOrTx } from "../client";
import { float, int } from "../columns";
import { loadDemoData } from "../bootstrap";
import { withAbortSignal, abortStats } from "../abort";
import { getIndicatorTable, getIndicatorTableJson } from "./indicators";
import { getCompleteness } from "./completeness";
import { runImport } from "./imports";
import { revertImport } from "./import-history";
import { getUserScope } from "./access";
import { getUnitByCode } from "./units";
import { clearLocalResultCopies, resultCacheStats } from "./result-cache";

/** Σonline / Σreceived over the communes of 525 that stored both in the quarter, straight from data_values. */
async function oracleRate(db: DbOrTx, quarter: string): Promise<{ num: number; den: number }> {
  const [row] = await queryRows(
    db,
    sql`with v as (
          select v.unit_id,
                 max(v.value) filter (where v.element_code = 'procedures_received') as rec,
                 max(v.value) filter (where v.element_code = 'procedures_online') as onl
          from data_values v join units c on c.id = v.unit_id join units d on d.id = c.parent_id
          where d.code = '525' and d.structure = '2025-06' and v.period = ${quarter} group by v.unit_id)
        select coalesce(sum(onl), 0)::float8 as num, coalesce(sum(rec), 0)::float8 as den
        from v where rec is not null and onl is not null`,
    z.object({ num: float, den: float }),
  );
  return row;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const version = async (db: DbOrTx) =>
  (await queryRows(db, sql`select version::int as v from data_version`, z.object({ v: int })))[0].v;

describeEachEngine("result cache: exact after every change, the engine's own answer", (get) => {
  let districtId = 0;
  let traTanId = 0;
  const saved = process.env.RESULT_CACHE;
  afterEach(() => {
    if (saved === undefined) delete process.env.RESULT_CACHE;
    else process.env.RESULT_CACHE = saved;
  });

  beforeAll(async () => {
    const { db } = get();
    await loadDemoData(db);
    districtId = (await getUnitByCode(db, { structure: "2025-06", code: "525" }))!.id;
    traTanId = (await getUnitByCode(db, { structure: "2025-06", code: "21136" }))!.id;
  });

  const districtRate = async (db: DbOrTx) => {
    const t = await getIndicatorTable(db, {
      reader: "system",
      scope: districtId,
      period: "2025Q2",
      indicators: ["online_rate"],
      by: "unit",
    });
    const total = t.rows.at(-1)!;
    expect(total.kind).toBe("total");
    const cell = total.values.online_rate;
    return { num: cell.numerator, den: cell.denominator };
  };

  it("serves a stored result, and after an import, a revert and an approval the figures equal the oracle", async () => {
    const { db } = get();
    const before = await oracleRate(db, "2025Q2");
    expect(await districtRate(db)).toEqual(before);
    const hits = resultCacheStats.hits;
    expect(await districtRate(db)).toEqual(before);
    expect(resultCacheStats.hits).toBe(hits + 1); // the second read came from the cache

    // Trà Tân's 2025Q2: 300 received, 250 online (the demo had other figures).
    const v0 = await version(db);
    const csv = "unit_code,period,procedures_received,procedures_online\n21136,2025Q2,300,250\n";
    const outcome = await runImport(db, {
      input: new TextEncoder().encode(csv),
      fileName: "tra-tan.csv",
      scopeUnitId: districtId,
      mode: "commit",
      createdBy: "test",
      source: "api",
      maxBytes: 1 << 20,
      currentQuarter: "2025Q4",
    });
    expect(outcome.status).toBe("committed");
    expect(await version(db)).toBeGreaterThan(v0);
    const afterImport = await oracleRate(db, "2025Q2");
    expect(afterImport).not.toEqual(before);
    expect(await districtRate(db)).toEqual(afterImport);

    await revertImport(db, { importId: outcome.importId!, createdBy: "test", source: "api" });
    expect(await oracleRate(db, "2025Q2")).toEqual(before);
    expect(await districtRate(db)).toEqual(before);

    const v1 = await version(db);
    await db.execute(
      sql`insert into period_approvals (unit_id, period, status, changed_by) values (${traTanId}, '2025Q2', 'approved', 'test')`,
    );
    expect(await version(db)).toBeGreaterThan(v1);
    expect(await districtRate(db)).toEqual(before);
    await db.execute(sql`delete from period_approvals where unit_id = ${traTanId} and period = '2025Q2'`);
  });

  it("this process's copy is served only at the current version: a figure written by another instance shows at once", async () => {
    const { db } = get();
    const before = await oracleRate(db, "2025Q2");
    expect(await districtRate(db)).toEqual(before);
    const local = resultCacheStats.localHits;
    expect(await districtRate(db)).toEqual(before);
    expect(resultCacheStats.localHits).toBe(local + 1); // not sent again by the database
    // Another instance changes a figure (plain SQL here: nothing in this process hears of it).
    await db.execute(
      sql`update data_values set value = value + 7 where unit_id = ${traTanId} and period = '2025Q2'
          and element_code = 'procedures_online'`,
    );
    const after = await oracleRate(db, "2025Q2");
    expect(after.num).toBe(before.num + 7);
    expect(await districtRate(db)).toEqual(after);
    // A process without the copy gets the stored text, equal to the fresh result.
    clearLocalResultCopies(db);
    const hits = resultCacheStats.hits;
    expect(await districtRate(db)).toEqual(after);
    expect(resultCacheStats.hits).toBe(hits + 1);
    expect(resultCacheStats.localHits).toBe(local + 1);
    await db.execute(
      sql`update data_values set value = value - 7 where unit_id = ${traTanId} and period = '2025Q2'
          and element_code = 'procedures_online'`,
    );
    expect(await districtRate(db)).toEqual(before);
  });

  it("the API's bytes are the JSON of the engine's table, encoded once while held, new after a change", async () => {
    const { db } = get();
    const params = {
      reader: "system" as const,
      scope: districtId,
      period: "2025Q2",
      indicators: ["online_rate"],
      by: "unit" as const,
    };
    clearLocalResultCopies(db);
    const first = await getIndicatorTableJson(db, params);
    const parsed = JSON.parse(text(first));
    const total = parsed.rows.at(-1).values.online_rate;
    expect({ num: total.numerator, den: total.denominator }).toEqual(await oracleRate(db, "2025Q2"));
    expect(text(first)).toBe(JSON.stringify(await getIndicatorTable(db, params)));
    const again = await getIndicatorTableJson(db, params);
    expect(again).toBe(first); // the same bytes: not encoded again
    await db.execute(
      sql`update data_values set value = value + 3 where unit_id = ${traTanId} and period = '2025Q2'
          and element_code = 'procedures_online'`,
    );
    try {
      const changed = JSON.parse(text(await getIndicatorTableJson(db, params)));
      expect(changed.rows.at(-1).values.online_rate.numerator).toBe(total.numerator + 3);
    } finally {
      await db.execute(
        sql`update data_values set value = value - 3 where unit_id = ${traTanId} and period = '2025Q2'
            and element_code = 'procedures_online'`,
      );
    }
  });

  it("a cached result equals the engine's own, for every grouping, a reporter's narrowing and completeness", async () => {
    const { db } = get();
    const reporter = await getUserScope(db, { role: "reporter", unitId: traTanId });
    const cases = [
      {
        reader: "system" as const,
        scope: districtId,
        period: "2025S1",
        by: "unit" as const,
        elements: ["meetings_held"],
      },
      { reader: "system" as const, scope: districtId, period: "2024Q3..2025Q2", by: "period" as const },
      { reader: reporter, scope: districtId, period: "2025", by: "unit" as const },
    ];
    for (const params of cases) {
      process.env.RESULT_CACHE = "off";
      const fresh = await getIndicatorTable(db, params);
      delete process.env.RESULT_CACHE;
      await getIndicatorTable(db, params); // stores
      const hits = resultCacheStats.hits;
      const cached = await getIndicatorTable(db, params);
      expect(resultCacheStats.hits).toBe(hits + 1);
      expect(cached).toEqual(fresh);
    }
    process.env.RESULT_CACHE = "off";
    const fresh = await getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2025S1" });
    delete process.env.RESULT_CACHE;
    await getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2025S1" });
    const cached = await getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2025S1" });
    expect(cached).toEqual(fresh);
    const dates = JSON.stringify(fresh).match(/\d{4}-\d\d-\d\dT/g) ?? [];
    expect(dates.length).toBeGreaterThan(0); // dates are there, and came back as Dates (toEqual checks types)
  });

  it("an abandoned request cancels its query on the server (PostgreSQL)", async () => {
    const database = get();
    if (database.engine !== "postgres") return; // PGlite runs in the process: nothing to cancel
    const { db } = database;
    const controller = new AbortController();
    const cancelled = abortStats.cancelled;
    const started = Date.now();
    const query = withAbortSignal(
      controller.signal,
      async () => await db.execute(sql`select pg_sleep(30), 'dvcq-cancel-probe'`),
    );
    setTimeout(() => controller.abort(), 300);
    await expect(query).rejects.toMatchObject({ cause: { code: "57014" } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(abortStats.cancelled).toBe(cancelled + 1);
    const running = await queryRows(
      db,
      sql`select count(*)::int as n from pg_stat_activity
          where query like '%dvcq-cancel-probe%' and state = 'active' and pid <> pg_backend_pid()`,
      z.object({ n: int }),
    );
    expect(running[0].n).toBe(0);
  });

  it("a page's many queries share one abort listener, and the one still running when the client leaves is cancelled", async () => {
    const database = get();
    if (database.engine !== "postgres") return;
    const { db } = database;
    const controller = new AbortController();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const cancelled = abortStats.cancelled;
      const slow = withAbortSignal(controller.signal, async () => {
        // 24 finished queries (a page's widgets), 8 of them at once, then one that is still running.
        for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 8 }, () => db.execute(sql`select 1`)));
        expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
        const running = db.execute(sql`select pg_sleep(30), 'dvcq-cancel-many'`);
        setTimeout(() => controller.abort(), 300); // the official closes the tab
        return running;
      });
      await expect(slow).rejects.toMatchObject({ cause: { code: "57014" } });
      // Only the running query was cancelled: the 24 that had finished were not sent a cancel.
      expect(abortStats.cancelled).toBe(cancelled + 1);
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });
});
