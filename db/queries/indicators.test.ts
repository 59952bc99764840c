import { beforeAll, expect, it, vi } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { describeEachEngine } from "../test-utils";
import { adminHeaders } from "../test-auth";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { countRow, float, floatOrNull, int } from "../columns";
import { loadDemoData } from "../bootstrap";
import { getIndicatorTable, getLatestQuarter } from "./indicators";
import { listTargets, upsertTarget } from "./targets";
import type { IndicatorCell } from "@/lib/indicators/rollup";
import type { IndicatorRow } from "@/lib/indicators/rows";
import { AppError, ValidationError } from "@/lib/errors";
import { getUnitByCode } from "./units";
import { computeIndicator, type ElementSums } from "@/lib/indicators/compute";
import { aggregateIndicator } from "@/lib/indicators/testing/oracle";
import { elementCodes, indicators, type IndicatorDef } from "@/lib/indicators/catalogue";
import { generateDemoReports, type DemoReport } from "@/lib/demo/generate";

// The route handlers read the database through @/db; here it is the engine's test database.
const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({ getDb: async () => routeDb.db, getReadDb: async () => routeDb.db }));

// Periods written out by hand (not from lib/periods), oldest first.
const RANGES: { name: string; quarters: string[] }[] = [
  { name: "quarter 2025Q1", quarters: ["2025Q1"] },
  { name: "half-year 2025S1", quarters: ["2025Q1", "2025Q2"] },
  { name: "year 2024", quarters: ["2024Q1", "2024Q2", "2024Q3", "2024Q4"] },
  { name: "range 2024Q3..2025Q2", quarters: ["2024Q3", "2024Q4", "2025Q1", "2025Q2"] },
];
const STOCK = "petitions_carried_over";
const COMMUNES = 16;

const reports = generateDemoReports();
const reportOf = (code: string, period: string): DemoReport | undefined =>
  reports.find((r) => r.unitCode === code && r.period === period);

const sqlList = (xs: readonly string[]): SQL =>
  sql.join(
    xs.map((x) => sql`${x}::text`),
    sql`, `,
  );

/**
 * The oracle: numerator and denominator per commune of district 525, straight from data_values, written
 * independently of db/queries/indicators.ts. A flow element of a commune is known over the range only
 * when it is present in every quarter in which the commune reported anything (an element left blank in
 * a reported quarter makes its sum unknown, never a silent zero); the stock element is the value of the
 * earliest quarter of the range. A commune contributes only when every element of the indicator is known.
 */
function oracleCte(def: IndicatorDef, quarters: readonly string[]): SQL {
  const roles = [
    ...def.numerator.map((e) => sql`(${e}::text, 'num')`),
    ...def.denominator.map((e) => sql`(${e}::text, 'den')`),
  ];
  return sql`with
    communes as (
      select c.id from units c join units d on d.id = c.parent_id
      where c.structure = '2025-06' and c.level = 'commune' and d.structure = '2025-06' and d.code = '525'),
    range_q(q) as (select unnest(array[${sqlList(quarters)}])),
    roles(element_code, role) as (values ${sql.join(roles, sql`, `)}),
    reported_q as (
      select distinct dv.unit_id, dv.period from data_values dv
      where dv.unit_id in (select id from communes) and dv.period in (select q from range_q)),
    element_value as (
      select c.id as unit_id, r.element_code, r.role,
        case
          when r.element_code = ${STOCK} then (
            select dv.value from data_values dv
            where dv.unit_id = c.id and dv.element_code = r.element_code and dv.period = (select min(q) from range_q))
          when not exists (select 1 from reported_q rq where rq.unit_id = c.id) then null
          when exists (
            select 1 from reported_q rq
            left join data_values dv on dv.unit_id = rq.unit_id and dv.period = rq.period and dv.element_code = r.element_code
            where rq.unit_id = c.id and dv.value is null) then null
          else (
            select sum(dv.value) from data_values dv join reported_q rq on rq.unit_id = dv.unit_id and rq.period = dv.period
            where dv.unit_id = c.id and dv.element_code = r.element_code)
        end as v,
        (select count(*) from reported_q rq where rq.unit_id = c.id)::int as reported_n
      from communes c cross join roles r),
    per_unit as (
      select unit_id,
        max(reported_n) as reported_n,
        bool_and(v is not null) as complete,
        coalesce(sum(v) filter (where role = 'num'), 0)::float8 as num,
        coalesce(sum(v) filter (where role = 'den'), 0)::float8 as den
      from element_value group by unit_id)`;
}

/** missing: quarters of the range the commune's value does not cover (all of them when it is incomplete). */
const oracleUnitSchema = z.object({
  unit_id: int,
  complete: z.boolean(),
  num: float,
  den: float,
  value: floatOrNull,
  missing: int,
});
type OracleUnit = z.infer<typeof oracleUnitSchema>;
const oracleTotalSchema = z.object({
  contributing: int,
  num: floatOrNull,
  den: floatOrNull,
  value: floatOrNull,
  missing: int,
});
type OracleTotal = z.infer<typeof oracleTotalSchema>;

async function oracle(
  db: DbOrTx,
  def: IndicatorDef,
  quarters: readonly string[],
): Promise<{ units: Map<number, OracleUnit>; total: OracleTotal }> {
  const rate = def.kind === "rate";
  const units = await queryRows(
    db,
    sql`${oracleCte(def, quarters)}
        select unit_id, complete, num, den,
          case when not complete then null when ${!rate} then num when den > 0 then 100 * num / den end as value,
          (case when complete then ${quarters.length}::int - reported_n else ${quarters.length}::int end)::int as missing
        from per_unit order by unit_id`,
    oracleUnitSchema,
  );
  const [total] = await queryRows(
    db,
    sql`${oracleCte(def, quarters)}, t as (
          select count(*) filter (where complete)::int as contributing,
                 sum(num) filter (where complete) as num, sum(den) filter (where complete) as den,
                 sum(case when complete then ${quarters.length}::int - reported_n else ${quarters.length}::int end)::int as missing
          from per_unit)
        select contributing, num, case when ${rate} then den end as den,
          case when contributing = 0 then null when ${!rate} then num when den > 0 then 100 * num / den end as value, missing
        from t`,
    oracleTotalSchema,
  );
  return { units: new Map(units.map((u) => [u.unit_id, u])), total };
}

/** meets / near / below spelled out from the spec, for the expected district status. */
function expectedStatus(def: IndicatorDef, value: number | null, target: number | null) {
  if (value === null || target === null) return null;
  if (value >= target) return "meets";
  if (def.kind === "rate") return value >= target - 10 ? "near" : "below";
  return value >= target * 0.9 ? "near" : "below";
}

/** Element sums of one commune over quarters, from the generator's reports in plain TS. */
function sumsFromReports(code: string, quarters: readonly string[]): ElementSums {
  const own = quarters.map((q) => reportOf(code, q)).filter((r): r is DemoReport => r !== undefined);
  const out: ElementSums = {};
  if (own.length === 0) return out;
  for (const e of elementCodes) {
    if (e === STOCK) {
      const first = reportOf(code, quarters[0]);
      if (first) out[e] = first.values[e];
    } else {
      out[e] = own.reduce((s, r) => s + r.values[e], 0);
    }
  }
  return out;
}

/**
 * Element sums per commune over consecutive quarters, read through the one read path: the element totals
 * of getIndicatorTable's commune rows (scope: the commune itself, or district 525 for several).
 */
async function readElementSums(
  db: DbOrTx,
  params: { unitIds: readonly number[]; quarters: readonly string[]; elements: readonly string[]; districtId: number },
): Promise<Map<number, { unitId: number; sums: ElementSums; quartersReported: number }>> {
  const qs = [...new Set(params.quarters)].sort();
  const period = qs.length === 1 ? qs[0] : `${qs[0]}..${qs[qs.length - 1]}`;
  const scope = params.unitIds.length === 1 ? params.unitIds[0] : params.districtId;
  const t = await getIndicatorTable(db, {
    reader: "system",
    scope,
    period,
    by: "unit",
    indicators: ["meetings"],
    elements: params.elements,
  });
  const out = new Map<number, { unitId: number; sums: ElementSums; quartersReported: number }>();
  for (const r of t.rows.filter((x) => x.kind === "commune")) {
    const sums: ElementSums = {};
    for (const [e, total] of Object.entries(r.elements!)) if (total.value !== null) sums[e] = total.value;
    out.set(r.unit.id, { unitId: r.unit.id, sums, quartersReported: r.reportedQuarters });
  }
  return out;
}

/** The 16 communes of district 525, by code. */
async function loadDistrictCommunes(db: DbOrTx): Promise<{ id: number; code: string }[]> {
  return queryRows(
    db,
    sql`select c.id, c.code from units c join units d on d.id = c.parent_id
        where c.structure = '2025-06' and d.structure = '2025-06' and d.code = '525' order by c.code`,
    z.object({ id: int, code: z.string() }),
  );
}

describeEachEngine("indicators: sums and values over the demo data", (get) => {
  let communes: { id: number; code: string }[] = [];
  const idOf = (code: string) => communes.find((c) => c.code === code)!.id;
  let districtId = 0;
  const ids = () => communes.map((c) => c.id);
  const getUnitElementSums = (
    db: DbOrTx,
    params: { unitIds: readonly number[]; quarters: readonly string[]; elements: readonly string[] },
  ) => readElementSums(db, { ...params, districtId });

  // Every test of this block reads the same demo data, loaded here (not by a test that must run first).
  beforeAll(async () => {
    const { db } = get();
    expect(await loadDemoData(db)).toBe(94);
    communes = await loadDistrictCommunes(db);
    districtId = (await getUnitByCode(db, { structure: "2025-06", code: "525" }))!.id;
  });

  it("holds the 94 demo reports of the 16 communes", async () => {
    const { db } = get();
    expect(communes.length).toBe(COMMUNES);
    const [{ n }] = await queryRows(db, sql`select count(*)::int as n from data_values`, countRow);
    expect(n).toBe(94 * elementCodes.length);
  });

  it("finds 2025Q2 as the latest quarter", async () => {
    const { db } = get();
    expect(await getLatestQuarter(db, { unitIds: ids() })).toBe("2025Q2");
    // Trà Bùi did not report 2025Q2.
    expect(await getLatestQuarter(db, { unitIds: [idOf("21142")] })).toBe("2025Q1");
    expect(await getLatestQuarter(db, { unitIds: [] })).toBeNull();
    const district = await getUnitByCode(db, { structure: "2025-06", code: "525" });
    expect(await getLatestQuarter(db, { unitIds: [district!.id] })).toBeNull();
  });

  for (const range of RANGES) {
    it(`${range.name}: element sums equal those computed from the generated reports`, async () => {
      const sums = await getUnitElementSums(get().db, {
        unitIds: ids(),
        quarters: range.quarters,
        elements: elementCodes,
      });
      expect([...sums.keys()]).toEqual(ids());
      for (const c of communes) {
        const got = sums.get(c.id)!;
        expect(got.unitId).toBe(c.id);
        expect(got.sums, `${c.code} ${range.name}`).toEqual(sumsFromReports(c.code, range.quarters));
        expect(got.quartersReported, `${c.code} ${range.name}`).toBe(
          range.quarters.filter((q) => reportOf(c.code, q)).length,
        );
      }
    });

    it(`${range.name}: every indicator, per commune and for the district, equals the SQL oracle`, async () => {
      const { db } = get();
      const n = range.quarters.length;
      const sums = await getUnitElementSums(db, { unitIds: ids(), quarters: range.quarters, elements: elementCodes });
      for (const def of indicators) {
        const target = def.target?.value ?? null;
        const o = await oracle(db, def, range.quarters);
        expect(o.units.size).toBe(COMMUNES);
        for (const c of communes) {
          const got = computeIndicator(def, sums.get(c.id)!.sums, { target, communes: 1, quarters: n });
          const want = o.units.get(c.id)!;
          const at = `${def.code} ${c.code} ${range.name}`;
          expect(got.numerator, at).toBe(want.complete ? want.num : null);
          expect(got.denominator, at).toBe(want.complete && def.kind === "rate" ? want.den : null);
          expect(got.value, at).toBe(want.value);
          expect(got.target, at).toBe(target === null ? null : def.kind === "count" ? target * n : target);
          expect(got.status, at).toBe(expectedStatus(def, want.value, got.target));
        }
        const district = aggregateIndicator(
          def,
          [...sums.values()].map((s) => s.sums),
          { target, communes: COMMUNES, quarters: n },
        );
        const at = `${def.code} district ${range.name}`;
        expect(o.total.contributing, at).toBeGreaterThan(0);
        expect(district.numerator, at).toBe(o.total.num);
        expect(district.denominator, at).toBe(o.total.den);
        expect(district.value, at).toBe(o.total.value);
        expect(district.target, at).toBe(
          target === null ? null : def.kind === "count" ? target * COMMUNES * n : target,
        );
        expect(district.status, at).toBe(expectedStatus(def, o.total.value, district.target));
      }
    });
  }

  it("spot values worked out from the generated reports", async () => {
    const { db } = get();
    const online = indicators.find((i) => i.code === "online_rate")!;
    const petitions = indicators.find((i) => i.code === "petition_resolution_rate")!;
    const reception = indicators.find((i) => i.code === "reception")!;

    // Trà Tân, 2025Q2: procedures_online / procedures_received × 100.
    const traTan = reportOf("21136", "2025Q2")!.values;
    const q2 = await getUnitElementSums(db, {
      unitIds: [idOf("21136")],
      quarters: ["2025Q2"],
      elements: ["procedures_online", "procedures_received"],
    });
    expect(q2.get(idOf("21136"))!.sums).toEqual({
      procedures_online: traTan.procedures_online,
      procedures_received: traTan.procedures_received,
    });
    const tt = computeIndicator(online, q2.get(idOf("21136"))!.sums, { target: 80, communes: 1, quarters: 1 });
    expect(tt.numerator).toBe(traTan.procedures_online);
    expect(tt.denominator).toBe(traTan.procedures_received);
    expect(tt.value).toBeCloseTo((traTan.procedures_online / traTan.procedures_received) * 100, 10);

    // District online rate, 2025S1: Σ over the 31 reports of the half-year / Σ, not the mean of the 16 commune rates.
    const s1 = reports.filter((r) => r.period === "2025Q1" || r.period === "2025Q2");
    expect(s1.length).toBe(31);
    const sOnline = s1.reduce((s, r) => s + r.values.procedures_online, 0);
    const sReceived = s1.reduce((s, r) => s + r.values.procedures_received, 0);
    const half = await getUnitElementSums(db, {
      unitIds: ids(),
      quarters: ["2025Q1", "2025Q2"],
      elements: elementCodes,
    });
    const perUnit = [...half.values()].map((u) => u.sums);
    const districtOnline = aggregateIndicator(online, perUnit, { target: 80, communes: 16, quarters: 2 });
    expect(districtOnline.numerator).toBe(sOnline);
    expect(districtOnline.denominator).toBe(sReceived);
    expect(districtOnline.value).toBeCloseTo((sOnline / sReceived) * 100, 10);
    const communeRates = perUnit.map(
      (s) => computeIndicator(online, s, { target: 80, communes: 1, quarters: 2 }).value!,
    );
    const meanOfRates = communeRates.reduce((a, b) => a + b, 0) / communeRates.length;
    expect(Math.abs(districtOnline.value! - meanOfRates)).toBeGreaterThan(1e-6);

    // District petition resolution rate, 2025S1: Σ resolved / (Σ carried over at 2025Q1 + Σ received in Q1..Q2).
    const q1 = reports.filter((r) => r.period === "2025Q1");
    const resolved = s1.reduce((s, r) => s + r.values.petitions_resolved, 0);
    const available =
      q1.reduce((s, r) => s + r.values.petitions_carried_over, 0) +
      s1.reduce((s, r) => s + r.values.petitions_received, 0);
    const districtPetitions = aggregateIndicator(petitions, perUnit, { target: 85, communes: 16, quarters: 2 });
    expect([districtPetitions.numerator, districtPetitions.denominator]).toEqual([resolved, available]);
    expect(districtPetitions.value).toBeCloseTo((resolved / available) * 100, 10);

    // Reception sessions in 2024 (63 reports: Trà Tây missed 2024Q3), target 12 × 16 × 4 = 768.
    const y2024 = reports.filter((r) => r.period.startsWith("2024"));
    expect(y2024.length).toBe(63);
    const year = await getUnitElementSums(db, {
      unitIds: ids(),
      quarters: ["2024Q1", "2024Q2", "2024Q3", "2024Q4"],
      elements: ["reception_sessions"],
    });
    const districtReception = aggregateIndicator(
      reception,
      [...year.values()].map((u) => u.sums),
      { target: 12, communes: 16, quarters: 4 },
    );
    expect(districtReception.value).toBe(y2024.reduce((s, r) => s + r.values.reception_sessions, 0));
    expect(districtReception.target).toBe(768);
  });

  it("takes the stock element from the earliest quarter of the range, not the sum", async () => {
    const { db } = get();
    const half = await getUnitElementSums(db, {
      unitIds: ids(),
      quarters: ["2025Q1", "2025Q2"],
      elements: [STOCK, "petitions_received"],
    });
    let differs = 0;
    for (const c of communes) {
      const q1 = reportOf(c.code, "2025Q1")!.values;
      const q2 = reportOf(c.code, "2025Q2")?.values;
      const got = half.get(c.id)!.sums;
      expect(got[STOCK], c.code).toBe(q1[STOCK]);
      expect(got.petitions_received, c.code).toBe(q1.petitions_received + (q2?.petitions_received ?? 0));
      if (q2 && q2[STOCK] > 0) {
        expect(got[STOCK]).not.toBe(q1[STOCK] + q2[STOCK]);
        differs++;
      }
    }
    expect(differs).toBeGreaterThan(0); // the demo data does exercise the rule
    // The order in which the quarters are passed does not matter.
    const reversed = await getUnitElementSums(db, {
      unitIds: ids(),
      quarters: ["2025Q2", "2025Q1"],
      elements: [STOCK, "petitions_received"],
    });
    for (const c of communes) expect(reversed.get(c.id)!.sums, c.code).toEqual(half.get(c.id)!.sums);
    // Trà Tây missed 2024Q3, the first quarter of 2024Q3..2025Q2: its stock is unknown, so its petition
    // rate contributes nothing over that range, while its flows still sum the three quarters it reported.
    const cross = await getUnitElementSums(db, {
      unitIds: [idOf("21166")],
      quarters: ["2024Q3", "2024Q4", "2025Q1", "2025Q2"],
      elements: [STOCK, "petitions_received"],
    });
    const traTay = cross.get(idOf("21166"))!;
    expect(traTay.sums[STOCK]).toBeUndefined();
    expect(traTay.sums.petitions_received).toBe(
      ["2024Q4", "2025Q1", "2025Q2"].reduce((s, q) => s + reportOf("21166", q)!.values.petitions_received, 0),
    );
    expect(traTay.quartersReported).toBe(3); // 2024Q4, 2025Q1, 2025Q2
  });

  it("says which quarters a commune reported: Trà Bùi in 2025S1 has 2025Q1 only", async () => {
    const { db } = get();
    const half = await getUnitElementSums(db, {
      unitIds: ids(),
      quarters: ["2025Q1", "2025Q2"],
      elements: elementCodes,
    });
    const traBui = half.get(idOf("21142"))!;
    expect(traBui.quartersReported).toBe(1); // 2025Q1
    expect(traBui.sums).toEqual(reportOf("21142", "2025Q1")!.values); // Q1 alone, no zeros for Q2
    for (const c of communes.filter((x) => x.code !== "21142")) expect(half.get(c.id)!.quartersReported).toBe(2);
    const year = await getUnitElementSums(db, {
      unitIds: [idOf("21166")],
      quarters: ["2024Q1", "2024Q2", "2024Q3", "2024Q4"],
      elements: ["meetings_held"],
    });
    expect(year.get(idOf("21166"))!.quartersReported).toBe(3); // 2024Q3 missing
    // Only the elements asked for come back; no unit or no quarter gives empty results.
    expect(Object.keys(year.get(idOf("21166"))!.sums)).toEqual(["meetings_held"]);
    // A quarter nobody reported gives a row with no figures, not zeros.
    const none = await getUnitElementSums(db, {
      unitIds: [idOf("21136")],
      quarters: ["2023Q1"],
      elements: elementCodes,
    });
    expect(none.get(idOf("21136"))).toEqual({ unitId: idOf("21136"), sums: {}, quartersReported: 0 });
  });

  it("never pairs a numerator with a partial denominator when one element is blank in one quarter", async () => {
    const { db } = get();
    const online = indicators.find((i) => i.code === "online_rate")!;
    const traTan = idOf("21136");
    class Rollback extends Error {}
    // Trà Tân leaves procedures_received blank in 2025Q1 (the rest of its report stays); undone afterwards.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(
          sql`delete from data_values where unit_id = ${traTan} and period = '2025Q1' and element_code = 'procedures_received'`,
        );
        for (const quarters of [["2025Q1"], ["2025Q1", "2025Q2"]]) {
          const sums = await getUnitElementSums(tx, { unitIds: ids(), quarters, elements: elementCodes });
          const own = sums.get(traTan)!;
          expect(own.quartersReported).toBe(quarters.length);
          // Not the 2025Q2 figure alone: that would divide two quarters of online files by one quarter of files.
          expect(own.sums.procedures_received, quarters.join()).toBeUndefined();
          expect(own.sums.procedures_online).toBe(
            quarters.reduce((s, q) => s + reportOf("21136", q)!.values.procedures_online, 0),
          );
          expect(
            computeIndicator(online, own.sums, { target: 80, communes: 1, quarters: quarters.length }).value,
          ).toBeNull();
          const district = aggregateIndicator(
            online,
            [...sums.values()].map((u) => u.sums),
            { target: 80, communes: 16, quarters: quarters.length },
          );
          const o = await oracle(tx, online, quarters);
          expect(o.units.get(traTan)!.complete).toBe(false);
          expect(o.total.contributing).toBe(15); // Trà Bùi has no 2025Q2, but its complete 2025Q1 counts
          expect([district.numerator, district.denominator, district.value]).toEqual([
            o.total.num,
            o.total.den,
            o.total.value,
          ]);
        }
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    const [{ n }] = await queryRows(db, sql`select count(*)::int as n from data_values`, countRow);
    expect(n).toBe(94 * elementCodes.length);
  });
});

// ---------------------------------------------------------------------------------------------------
// The engine (getIndicatorTable) against the oracle: every indicator, every commune and the district,
// for a quarter, a half-year, nine months, a year and a cross-year range, with both comparisons.
// Comparable periods are written out by hand here, not taken from lib/indicators/comparison.

interface EnginePeriod {
  code: string;
  quarters: string[];
  previous: { code: string; quarters: string[] };
  yearAgo: { code: string; quarters: string[] };
  /** For the by-period table: each quarter with the quarter before it and the same quarter a year earlier. */
  byQuarter: { q: string; prev: string; ago: string }[];
}
const Y2023 = ["2023Q1", "2023Q2", "2023Q3", "2023Q4"];
const Y2024 = ["2024Q1", "2024Q2", "2024Q3", "2024Q4"];
const ENGINE_PERIODS: EnginePeriod[] = [
  {
    code: "2025Q1",
    quarters: ["2025Q1"],
    previous: { code: "2024Q4", quarters: ["2024Q4"] },
    yearAgo: { code: "2024Q1", quarters: ["2024Q1"] },
    byQuarter: [{ q: "2025Q1", prev: "2024Q4", ago: "2024Q1" }],
  },
  {
    code: "2025S1",
    quarters: ["2025Q1", "2025Q2"],
    previous: { code: "2024S2", quarters: ["2024Q3", "2024Q4"] },
    yearAgo: { code: "2024S1", quarters: ["2024Q1", "2024Q2"] },
    byQuarter: [
      { q: "2025Q1", prev: "2024Q4", ago: "2024Q1" },
      { q: "2025Q2", prev: "2025Q1", ago: "2024Q2" },
    ],
  },
  {
    code: "2025N9",
    quarters: ["2025Q1", "2025Q2", "2025Q3"],
    previous: { code: "2024N9", quarters: ["2024Q1", "2024Q2", "2024Q3"] },
    yearAgo: { code: "2024N9", quarters: ["2024Q1", "2024Q2", "2024Q3"] },
    byQuarter: [
      { q: "2025Q1", prev: "2024Q4", ago: "2024Q1" },
      { q: "2025Q2", prev: "2025Q1", ago: "2024Q2" },
      { q: "2025Q3", prev: "2025Q2", ago: "2024Q3" },
    ],
  },
  {
    code: "2024",
    quarters: Y2024,
    previous: { code: "2023", quarters: Y2023 },
    yearAgo: { code: "2023", quarters: Y2023 },
    byQuarter: Y2024.map((q, i) => ({ q, prev: i === 0 ? "2023Q4" : Y2024[i - 1], ago: Y2023[i] })),
  },
  {
    code: "2024Q3..2025Q2",
    quarters: ["2024Q3", "2024Q4", "2025Q1", "2025Q2"],
    previous: { code: "2023Q3..2024Q2", quarters: ["2023Q3", "2023Q4", "2024Q1", "2024Q2"] },
    yearAgo: { code: "2023Q3..2024Q2", quarters: ["2023Q3", "2023Q4", "2024Q1", "2024Q2"] },
    byQuarter: [
      { q: "2024Q3", prev: "2024Q2", ago: "2023Q3" },
      { q: "2024Q4", prev: "2024Q3", ago: "2023Q4" },
      { q: "2025Q1", prev: "2024Q4", ago: "2024Q1" },
      { q: "2025Q2", prev: "2025Q1", ago: "2024Q2" },
    ],
  },
];

type OracleSide = {
  complete?: boolean;
  contributing?: number;
  num: number | null;
  den: number | null;
  value: number | null;
  missing: number;
};

/** One engine cell against the oracle's figures for the current, previous and year-ago quarters. */
function expectCell(
  def: IndicatorDef,
  cell: IndicatorCell,
  want: { cur: OracleSide; prev: OracleSide; ago: OracleSide; target: number | null; comparable?: boolean },
  at: string,
) {
  const known = (o: OracleSide) => o.complete ?? (o.contributing ?? 0) > 0;
  const num = (o: OracleSide) => (known(o) ? o.num : null);
  const den = (o: OracleSide) => (known(o) && def.kind === "rate" ? o.den : null);
  expect(cell.numerator, at).toBe(num(want.cur));
  expect(cell.denominator, at).toBe(den(want.cur));
  expect(cell.value, at).toBe(want.cur.value);
  expect(cell.target, at).toBe(want.target);
  expect(cell.status, at).toBe(expectedStatus(def, want.cur.value, want.target));
  expect(cell.missingQuarters, at).toBe(want.cur.missing);
  for (const [side, o] of [
    ["previous", want.prev],
    ["yearAgo", want.ago],
  ] as const) {
    const c = cell[side];
    expect([c.value, c.numerator, c.denominator, c.missingQuarters], `${at} ${side}`).toEqual([
      o.value,
      num(o),
      den(o),
      o.missing,
    ]);
    // A period whose quarters after 1 July 2025 cannot be matched to this commune is not compared (delta null).
    const comparable = want.comparable ?? true;
    expect(c.delta, `${at} ${side}`).toBe(
      !comparable || cell.value === null || o.value === null ? null : cell.value - o.value,
    );
  }
}

describeEachEngine("indicator engine: getIndicatorTable over the demo data", (get) => {
  let communes: { id: number; code: string }[] = [];
  let districtId = 0;
  const idOf = (code: string) => communes.find((c) => c.code === code)!.id;
  const rowOf = (rows: IndicatorRow[], code: string) => rows.find((r) => r.kind === "commune" && r.unit.code === code)!;
  const totalOf = (rows: IndicatorRow[]) => rows.find((r) => r.kind === "total")!;

  beforeAll(async () => {
    const { db } = get();
    expect(await loadDemoData(db)).toBe(94);
    communes = await loadDistrictCommunes(db);
    expect(communes.length).toBe(COMMUNES);
    districtId = (await getUnitByCode(db, { structure: "2025-06", code: "525" }))!.id;
  });

  for (const p of ENGINE_PERIODS) {
    it(`${p.code} by unit: every indicator, per commune and for the district, with both comparisons, equals the oracle`, async () => {
      const { db } = get();
      if (communes.length !== COMMUNES) throw new Error("the demo data is not loaded");
      const res = await getIndicatorTable(db, { reader: "system", scope: districtId, period: p.code, by: "unit" });
      expect([res.period.code, res.previousPeriod.code, res.yearAgoPeriod.code]).toEqual([
        p.code,
        p.previous.code,
        p.yearAgo.code,
      ]);
      expect([res.scope.code, res.scope.structure, res.communes, res.by]).toEqual(["525", "2025-06", COMMUNES, "unit"]);
      expect(res.indicators).toEqual(indicators.map((d) => d.code));
      expect(res.rows.map((r) => (r.kind === "total" ? "total" : r.unit.code))).toEqual([
        ...communes.map((c) => c.code),
        "total",
      ]);
      const n = p.quarters.length;
      for (const def of indicators) {
        const target = def.target?.value ?? null;
        const [cur, prev, ago] = [
          await oracle(db, def, p.quarters),
          await oracle(db, def, p.previous.quarters),
          await oracle(db, def, p.yearAgo.quarters),
        ];
        for (const c of communes) {
          const row = rowOf(res.rows, c.code);
          expect([row.period, row.quarters, row.communes, row.expectedQuarters]).toEqual([p.code, p.quarters, 1, n]);
          expect(row.reportedQuarters, c.code).toBe(p.quarters.filter((q) => reportOf(c.code, q)).length);
          // 2025N9 reaches 2025Q3, after the reform: every Trà Bồng commune went into a new commune with others.
          const comparable = !p.quarters.includes("2025Q3");
          expect(row.crossReform?.comparable ?? true, c.code).toBe(comparable);
          const want = {
            cur: cur.units.get(c.id)!,
            prev: prev.units.get(c.id)!,
            ago: ago.units.get(c.id)!,
            target: target === null ? null : def.kind === "count" ? target * n : target,
            comparable,
          };
          expectCell(def, row.values[def.code], want, `${def.code} ${c.code} ${p.code}`);
          expect([row.values[def.code].previous.period, row.values[def.code].yearAgo.period]).toEqual([
            p.previous.code,
            p.yearAgo.code,
          ]);
        }
        const total = totalOf(res.rows);
        expect([total.unit.code, total.communes, total.expectedQuarters]).toEqual(["525", COMMUNES, COMMUNES * n]);
        expect(total.reportedQuarters).toBe(reports.filter((r) => p.quarters.includes(r.period)).length);
        const want = {
          cur: cur.total,
          prev: prev.total,
          ago: ago.total,
          target: target === null ? null : def.kind === "count" ? target * COMMUNES * n : target,
        };
        expectCell(def, total.values[def.code], want, `${def.code} district ${p.code}`);
      }
    });

    it(`${p.code} by period: every indicator, per quarter for the district, with both comparisons, equals the oracle`, async () => {
      const { db } = get();
      const res = await getIndicatorTable(db, { reader: "system", scope: districtId, period: p.code, by: "period" });
      expect(res.rows.map((r) => `${r.kind} ${r.period}`)).toEqual([
        ...p.byQuarter.map((b) => `quarter ${b.q}`),
        `total ${p.code}`,
      ]);
      for (const def of indicators) {
        const target = def.target?.value ?? null;
        for (const b of p.byQuarter) {
          const row = res.rows.find((r) => r.kind === "quarter" && r.period === b.q)!;
          expect([row.unit.code, row.quarters, row.communes, row.expectedQuarters]).toEqual([
            "525",
            [b.q],
            COMMUNES,
            COMMUNES,
          ]);
          const [cur, prev, ago] = [
            await oracle(db, def, [b.q]),
            await oracle(db, def, [b.prev]),
            await oracle(db, def, [b.ago]),
          ];
          const want = {
            cur: cur.total,
            prev: prev.total,
            ago: ago.total,
            target: target === null ? null : def.kind === "count" ? target * COMMUNES : target,
          };
          expectCell(def, row.values[def.code], want, `${def.code} ${b.q}`);
          expect([row.values[def.code].previous.period, row.values[def.code].yearAgo.period]).toEqual([b.prev, b.ago]);
        }
      }
    });
  }

  it("hand-checked comparisons: Trà Tân's online rate 2025Q2 and the district's reception sessions 2025S1", async () => {
    const { db } = get();
    const q2 = await getIndicatorTable(db, {
      reader: "system",
      scope: districtId,
      period: "2025Q2",
      indicators: ["online_rate"],
      by: "unit",
    });
    const pct = (code: string, q: string) =>
      (100 * reportOf(code, q)!.values.procedures_online) / reportOf(code, q)!.values.procedures_received;
    const traTan = rowOf(q2.rows, "21136").values.online_rate;
    expect(traTan.value).toBe(pct("21136", "2025Q2"));
    expect(traTan.previous.period).toBe("2025Q1");
    expect(traTan.previous.value).toBe(pct("21136", "2025Q1"));
    expect(traTan.previous.delta).toBeCloseTo(pct("21136", "2025Q2") - pct("21136", "2025Q1"), 10);
    // Trà Tân's rate rises about 6 points a quarter (the demo's improving commune): 4 quarters ≈ 24 points.
    expect(traTan.previous.delta!).toBeGreaterThan(3);
    expect(traTan.yearAgo.period).toBe("2024Q2");
    expect(traTan.yearAgo.delta).toBeCloseTo(pct("21136", "2025Q2") - pct("21136", "2024Q2"), 10);
    expect(traTan.yearAgo.delta!).toBeGreaterThan(15);
    // Only the indicators asked for come back.
    expect(Object.keys(traTan)).toContain("previous");
    expect(Object.keys(q2.rows[0].values)).toEqual(["online_rate"]);

    const sessions = (qs: string[]) =>
      reports.filter((r) => qs.includes(r.period)).reduce((s, r) => s + r.values.reception_sessions, 0);
    const s1 = await getIndicatorTable(db, {
      reader: "system",
      scope: districtId,
      period: "2025S1",
      indicators: ["reception"],
      by: "unit",
    });
    const t = totalOf(s1.rows).values.reception;
    expect(t.value).toBe(sessions(["2025Q1", "2025Q2"]));
    expect(t.target).toBe(384); // 12 × 16 × 2, as in the spec
    expect(t.previous).toEqual({
      period: "2024S2",
      value: sessions(["2024Q3", "2024Q4"]),
      numerator: sessions(["2024Q3", "2024Q4"]),
      denominator: null,
      missingQuarters: 1,
      delta: sessions(["2025Q1", "2025Q2"]) - sessions(["2024Q3", "2024Q4"]),
    });
    expect(t.yearAgo).toEqual({
      period: "2024S1",
      value: sessions(["2024Q1", "2024Q2"]),
      numerator: sessions(["2024Q1", "2024Q2"]),
      denominator: null,
      missingQuarters: 0,
      delta: sessions(["2025Q1", "2025Q2"]) - sessions(["2024Q1", "2024Q2"]),
    });
  });

  it(
    "counts missing quarters: Trà Bùi (no 2025Q2), Trà Tây (no 2024Q3, so no stock for a range starting " +
      "there), and an empty 2025Q3",
    async () => {
      const { db } = get();
      const s1 = await getIndicatorTable(db, { reader: "system", scope: districtId, period: "2025S1", by: "unit" });
      const traBui = rowOf(s1.rows, "21142");
      expect([traBui.expectedQuarters, traBui.reportedQuarters]).toEqual([2, 1]);
      for (const def of indicators) expect(traBui.values[def.code].missingQuarters, def.code).toBe(1);
      for (const def of indicators) expect(totalOf(s1.rows).values[def.code].missingQuarters, def.code).toBe(1);
      // Nine months 2025: 2025Q3 has no figure at all (16) plus Trà Bùi's 2025Q2 (1) = 17 of 48.
      const n9 = await getIndicatorTable(db, {
        reader: "system",
        scope: districtId,
        period: "2025N9",
        indicators: ["online_rate", "reception"],
        by: "unit",
      });
      expect([totalOf(n9.rows).expectedQuarters, totalOf(n9.rows).reportedQuarters]).toEqual([48, 31]);
      expect(totalOf(n9.rows).values.online_rate.missingQuarters).toBe(17);
      expect(totalOf(n9.rows).values.reception).toMatchObject({ missingQuarters: 17, target: 12 * 16 * 3 });
      // 2024Q3..2025Q2: Trà Tây's stock (2024Q3) is unknown, so its petition rate covers none of its 4 quarters.
      const range = await getIndicatorTable(db, {
        reader: "system",
        scope: districtId,
        period: "2024Q3..2025Q2",
        indicators: ["petition_resolution_rate", "online_rate"],
        by: "unit",
      });
      const traTay = rowOf(range.rows, "21166");
      expect(traTay.values.petition_resolution_rate).toMatchObject({
        value: null,
        numerator: null,
        denominator: null,
        status: null,
        missingQuarters: 4,
      });
      expect(traTay.values.online_rate.missingQuarters).toBe(1);
      expect(totalOf(range.rows).values.petition_resolution_rate.missingQuarters).toBe(4 + 1); // + Trà Bùi's 2025Q2
      expect(totalOf(range.rows).values.online_rate.missingQuarters).toBe(1 + 1);
      // The district's petition denominator over S1 takes the carried-over stock of 2025Q1 only.
      const q1 = reports.filter((r) => r.period === "2025Q1");
      const s1Reports = reports.filter((r) => r.period === "2025Q1" || r.period === "2025Q2");
      const available =
        q1.reduce((s, r) => s + r.values[STOCK], 0) + s1Reports.reduce((s, r) => s + r.values.petitions_received, 0);
      expect(totalOf(s1.rows).values.petition_resolution_rate.denominator).toBe(available);
    },
  );

  it("gives no data for a zero denominator, for a commune and for the district", async () => {
    const { db } = get();
    // Voter requests are only raised at voter contacts, so some commune-quarters received none.
    const zero = reports.find((r) => r.values.voter_requests_received === 0)!;
    expect(zero).toBeDefined();
    const res = await getIndicatorTable(db, {
      reader: "system",
      scope: districtId,
      period: zero.period,
      indicators: ["voter_answer_rate"],
      by: "unit",
    });
    expect(rowOf(res.rows, zero.unitCode).values.voter_answer_rate).toMatchObject({
      value: null,
      numerator: zero.values.voter_requests_answered,
      denominator: 0,
      status: null,
      missingQuarters: 0,
    });
    expect(rowOf(res.rows, zero.unitCode).values.voter_answer_rate.previous.delta).toBeNull();
    class Rollback extends Error {}
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(
          sql`update data_values set value = 0 where period = '2025Q1' and element_code in ('procedures_received', 'procedures_online')`,
        );
        const r = await getIndicatorTable(tx, {
          reader: "system",
          scope: districtId,
          period: "2025Q1",
          indicators: ["online_rate"],
          by: "unit",
        });
        expect(totalOf(r.rows).values.online_rate).toMatchObject({
          value: null,
          numerator: 0,
          denominator: 0,
          target: 80,
          status: null,
          missingQuarters: 0,
        });
        expect(totalOf(r.rows).values.online_rate.previous.delta).toBeNull();
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });

  it("works for any unit of either structure: a commune, the 2025-06 province, the 2025-07 province", async () => {
    const { db } = get();
    const district = await getIndicatorTable(db, { reader: "system", scope: districtId, period: "2025S1", by: "unit" });
    const own = await getIndicatorTable(db, { reader: "system", scope: idOf("21136"), period: "2025S1", by: "unit" });
    expect(own.rows.map((r) => [r.kind, r.unit.code])).toEqual([
      ["commune", "21136"],
      ["total", "21136"],
    ]);
    expect(own.rows[0].values.online_rate.value).toBe(rowOf(district.rows, "21136").values.online_rate.value);
    expect(totalOf(own.rows).values.online_rate.value).toBe(rowOf(district.rows, "21136").values.online_rate.value);
    // The fixture's 2025-06 province holds Trà Bồng only: the same totals.
    const province06 = (await getUnitByCode(db, { structure: "2025-06", code: "51" }))!;
    const p06 = await getIndicatorTable(db, { reader: "system", scope: province06.id, period: "2025S1", by: "unit" });
    expect(totalOf(p06.rows).values).toEqual(totalOf(district.rows).values);
    // 2025-07: six communes, no figure yet (the demo ends in 2025Q2): no data, everything missing.
    const province07 = (await getUnitByCode(db, { structure: "2025-07", code: "51" }))!;
    const p07 = await getIndicatorTable(db, {
      reader: "system",
      scope: province07.id,
      period: "2025Q3",
      indicators: ["reception"],
      by: "unit",
    });
    expect([p07.communes, p07.scope.structure, totalOf(p07.rows).reportedQuarters]).toEqual([6, "2025-07", 0]);
    expect(totalOf(p07.rows).values.reception).toMatchObject({
      value: null,
      target: 72,
      status: null,
      missingQuarters: 6,
    });
  });

  it("refuses an unknown scope, a bad period and an unknown indicator with typed errors", async () => {
    const { db } = get();
    await expect(
      getIndicatorTable(db, { reader: "system", scope: 987654, period: "2025Q1", by: "unit" }),
    ).rejects.toMatchObject({ code: "unit_not_found", status: 404 });
    for (const period of ["2025Q5", "2025S3", "2025Q2..2025Q1", "Q1-2025"]) {
      const err = await getIndicatorTable(db, { reader: "system", scope: districtId, period, by: "unit" }).catch(
        (e: unknown) => e,
      );
      expect(err, period).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).messageVi).toContain("2025S1");
    }
    await expect(
      getIndicatorTable(db, {
        reader: "system",
        scope: districtId,
        period: "2025Q1",
        indicators: ["online_rate", "nope"],
        by: "unit",
      }),
    ).rejects.toMatchObject({ code: "unknown_indicator", status: 400 });
  });

  it("uses an administrator's target, and the catalogue default again once it is reset", async () => {
    const { db } = get();
    const before = await getIndicatorTable(db, {
      reader: "system",
      scope: districtId,
      period: "2025S1",
      indicators: ["online_rate", "reception"],
      by: "unit",
    });
    const online = totalOf(before.rows).values.online_rate.value!;
    expect(totalOf(before.rows).values.online_rate.target).toBe(80);
    // A target just above the district's rate: from meets/near to near; then one 10+ points above: below.
    await upsertTarget(db, { indicator: "online_rate", target: Math.min(100, online + 5), updatedBy: "quản trị" });
    await upsertTarget(db, { indicator: "reception", target: 10, updatedBy: "quản trị" });
    let r = await getIndicatorTable(db, {
      reader: "system",
      scope: districtId,
      period: "2025S1",
      indicators: ["online_rate", "reception"],
      by: "unit",
    });
    expect(totalOf(r.rows).values.online_rate).toMatchObject({ target: Math.min(100, online + 5), status: "near" });
    expect(totalOf(r.rows).values.reception.target).toBe(10 * 16 * 2);
    expect(rowOf(r.rows, "21136").values.reception.target).toBe(10 * 2);
    const listed = await listTargets(db);
    expect(listed.find((t) => t.code === "online_rate")).toMatchObject({
      defaultTarget: 80,
      target: Math.min(100, online + 5),
      overridden: true,
      updatedBy: "quản trị",
    });
    expect(listed.find((t) => t.code === "online_rate")!.updatedAt).toBeInstanceOf(Date);
    // Refused input writes nothing.
    await expect(
      upsertTarget(db, { indicator: "online_rate", target: 120, updatedBy: "quản trị" }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await listTargets(db)).find((t) => t.code === "online_rate")!.target).toBe(Math.min(100, online + 5));
    // Reset: back to the defaults, no stored row left.
    await upsertTarget(db, { indicator: "online_rate", target: null, updatedBy: "quản trị" });
    await upsertTarget(db, { indicator: "reception", target: null, updatedBy: "quản trị" });
    r = await getIndicatorTable(db, {
      reader: "system",
      scope: districtId,
      period: "2025S1",
      indicators: ["online_rate", "reception"],
      by: "unit",
    });
    expect(totalOf(r.rows).values).toEqual(totalOf(before.rows).values);
    const [{ n }] = await queryRows(db, sql`select count(*)::int as n from indicator_targets`, countRow);
    expect(n).toBe(0);
  });

  it("serves GET /api/indicators: JSON unrounded, CSV with BOM, 404 for an unknown scope, 400 for a bad period", async () => {
    const { db } = get();
    routeDb.db = db;
    const { GET } = await import("@/app/api/indicators/route");
    const { NextRequest } = await import("next/server");
    const auth = await adminHeaders(db);
    const call = (qs: string) => GET(new NextRequest(`http://localhost/api/indicators?${qs}`, { headers: auth }));

    // Default scope: the overseeing unit (ORG_UNIT_CODE 525 in 2025-06).
    const res = await call("period=2025s1&indicators=online_rate,reception");
    expect(res.status).toBe(200);
    const body = await res.json();
    const engine = await getIndicatorTable(db, {
      reader: "system",
      scope: districtId,
      period: "2025S1",
      indicators: ["online_rate", "reception"],
      by: "unit",
    });
    expect(body).toEqual(JSON.parse(JSON.stringify(engine)));
    expect(body.rows.at(-1).values.online_rate.value).toBe(totalOf(engine.rows).values.online_rate.value); // not rounded
    const byPeriod = await (
      await call("scope=525&structure=2025-06&period=2024Q3..2025Q2&by=period&indicators=meetings")
    ).json();
    expect(byPeriod.rows.map((r: IndicatorRow) => r.period)).toEqual([
      "2024Q3",
      "2024Q4",
      "2025Q1",
      "2025Q2",
      "2024Q3..2025Q2",
    ]);

    const csv = await call("scope=525&period=2025Q2&indicators=online_rate&format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="indicators-525-2025Q2-unit.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(lines[0].startsWith("row_kind,unit_code,unit_name,period,indicator,value,")).toBe(true);
    expect(lines.length).toBe(1 + 17 + 1); // header, 16 communes + total, final CRLF
    const traBui = lines.find((l) => l.startsWith("commune,21142,"))!;
    expect(traBui.split(",").slice(5, 11)).toEqual(["", "", "", "80", "", "1"]); // no data, target 80, 1 quarter missing

    const unknown = await call("scope=99999&period=2025Q1");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({
      code: "unit_not_found",
      message: expect.stringContaining("Không có đơn vị hành chính mã 99999"),
    });
    const wrongStructure = await call("scope=525&structure=2025-07&period=2025Q1");
    expect(wrongStructure.status).toBe(404);
    for (const qs of [
      "period=2025Q5",
      "period=2025S3",
      "",
      "period=2025Q1&by=commune",
      "period=2025Q1&indicators=online_rate,nope",
      "period=2025Q1&structure=2025-08",
    ]) {
      const bad = await call(qs);
      expect(bad.status, qs).toBe(400);
      expect((await bad.json()).error.code, qs).toBe("bad_request");
    }
    const badPeriod = await (await call("period=2025Q5")).json();
    expect(badPeriod.error.message).toContain(
      "2025Q1, 6 tháng 2025S1 hoặc 2025S2, 9 tháng 2025N9, năm 2025, hoặc khoảng quý 2024Q3..2025Q2",
    );
  });
});
