import { expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { describeEachEngine } from "../test-utils";
import { queryRows, type DbOrTx } from "../client";
import { loadDemoData } from "../bootstrap";
import { getLatestQuarter, getUnitElementSums } from "./indicators";
import { getUnitByCode } from "./units";
import { aggregateIndicator, computeIndicator, type ElementSums } from "@/lib/indicators/compute";
import { elementCodes, indicators, type IndicatorDef } from "@/lib/indicators/catalogue";
import { generateDemoReports, type DemoReport } from "@/lib/demo/generate";

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
const reportOf = (code: string, period: string): DemoReport | undefined => reports.find((r) => r.unitCode === code && r.period === period);

const sqlList = (xs: readonly string[]): SQL => sql.join(xs.map((x) => sql`${x}::text`), sql`, `);

/**
 * The oracle: numerator and denominator per commune of district 525, straight from data_values, written
 * independently of db/queries/indicators.ts. A flow element of a commune is known over the range only
 * when it is present in every quarter in which the commune reported anything (an element left blank in
 * a reported quarter makes its sum unknown, never a silent zero); the stock element is the value of the
 * earliest quarter of the range. A commune contributes only when every element of the indicator is known.
 */
function oracleCte(def: IndicatorDef, quarters: readonly string[]): SQL {
  const roles = [...def.numerator.map((e) => sql`(${e}::text, 'num')`), ...def.denominator.map((e) => sql`(${e}::text, 'den')`)];
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
        end as v
      from communes c cross join roles r),
    per_unit as (
      select unit_id,
        bool_and(v is not null) as complete,
        coalesce(sum(v) filter (where role = 'num'), 0)::float8 as num,
        coalesce(sum(v) filter (where role = 'den'), 0)::float8 as den
      from element_value group by unit_id)`;
}

interface OracleUnit {
  unit_id: number;
  complete: boolean;
  num: number;
  den: number;
  value: number | null;
}
interface OracleTotal {
  contributing: number;
  num: number | null;
  den: number | null;
  value: number | null;
}

async function oracle(db: DbOrTx, def: IndicatorDef, quarters: readonly string[]): Promise<{ units: Map<number, OracleUnit>; total: OracleTotal }> {
  const rate = def.kind === "rate";
  const units = await queryRows<OracleUnit>(
    db,
    sql`${oracleCte(def, quarters)}
        select unit_id, complete, num, den,
          case when not complete then null when ${!rate} then num when den > 0 then 100 * num / den end as value
        from per_unit order by unit_id`,
  );
  const [total] = await queryRows<OracleTotal>(
    db,
    sql`${oracleCte(def, quarters)}, t as (
          select count(*) filter (where complete)::int as contributing,
                 sum(num) filter (where complete) as num, sum(den) filter (where complete) as den
          from per_unit)
        select contributing, num, case when ${rate} then den end as den,
          case when contributing = 0 then null when ${!rate} then num when den > 0 then 100 * num / den end as value
        from t`,
  );
  return { units: new Map(units.map((u) => [Number(u.unit_id), u])), total };
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

describeEachEngine("indicators: sums and values over the demo data", (get) => {
  let communes: { id: number; code: string }[] = [];
  const idOf = (code: string) => communes.find((c) => c.code === code)!.id;
  const ids = () => {
    // The communes come from the first test; fail rather than loop over nothing if it did not run.
    if (communes.length !== COMMUNES) throw new Error("the demo data is not loaded");
    return communes.map((c) => c.id);
  };

  it("loads the 94 demo reports", async () => {
    const { db } = get();
    expect(await loadDemoData(db)).toBe(94);
    communes = await queryRows<{ id: number; code: string }>(
      db,
      sql`select c.id, c.code from units c join units d on d.id = c.parent_id
          where c.structure = '2025-06' and d.structure = '2025-06' and d.code = '525' order by c.code`,
    );
    expect(communes.length).toBe(COMMUNES);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from data_values`);
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
      const sums = await getUnitElementSums(get().db, { unitIds: ids(), quarters: range.quarters, elements: elementCodes });
      expect([...sums.keys()]).toEqual(ids());
      for (const c of communes) {
        const got = sums.get(c.id)!;
        expect(got.unitId).toBe(c.id);
        expect(got.sums, `${c.code} ${range.name}`).toEqual(sumsFromReports(c.code, range.quarters));
        expect(got.quartersReported, `${c.code} ${range.name}`).toEqual(range.quarters.filter((q) => reportOf(c.code, q)));
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
        const district = aggregateIndicator(def, [...sums.values()].map((s) => s.sums), { target, communes: COMMUNES, quarters: n });
        const at = `${def.code} district ${range.name}`;
        expect(o.total.contributing, at).toBeGreaterThan(0);
        expect(district.numerator, at).toBe(o.total.num);
        expect(district.denominator, at).toBe(o.total.den);
        expect(district.value, at).toBe(o.total.value);
        expect(district.target, at).toBe(target === null ? null : def.kind === "count" ? target * COMMUNES * n : target);
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
    const q2 = await getUnitElementSums(db, { unitIds: [idOf("21136")], quarters: ["2025Q2"], elements: ["procedures_online", "procedures_received"] });
    expect(q2.get(idOf("21136"))!.sums).toEqual({ procedures_online: traTan.procedures_online, procedures_received: traTan.procedures_received });
    const tt = computeIndicator(online, q2.get(idOf("21136"))!.sums, { target: 80, communes: 1, quarters: 1 });
    expect(tt.numerator).toBe(traTan.procedures_online);
    expect(tt.denominator).toBe(traTan.procedures_received);
    expect(tt.value).toBeCloseTo((traTan.procedures_online / traTan.procedures_received) * 100, 10);

    // District online rate, 2025S1: Σ over the 31 reports of the half-year / Σ, not the mean of the 16 commune rates.
    const s1 = reports.filter((r) => r.period === "2025Q1" || r.period === "2025Q2");
    expect(s1.length).toBe(31);
    const sOnline = s1.reduce((s, r) => s + r.values.procedures_online, 0);
    const sReceived = s1.reduce((s, r) => s + r.values.procedures_received, 0);
    const half = await getUnitElementSums(db, { unitIds: ids(), quarters: ["2025Q1", "2025Q2"], elements: elementCodes });
    const perUnit = [...half.values()].map((u) => u.sums);
    const districtOnline = aggregateIndicator(online, perUnit, { target: 80, communes: 16, quarters: 2 });
    expect(districtOnline.numerator).toBe(sOnline);
    expect(districtOnline.denominator).toBe(sReceived);
    expect(districtOnline.value).toBeCloseTo((sOnline / sReceived) * 100, 10);
    const communeRates = perUnit.map((s) => computeIndicator(online, s, { target: 80, communes: 1, quarters: 2 }).value!);
    const meanOfRates = communeRates.reduce((a, b) => a + b, 0) / communeRates.length;
    expect(Math.abs(districtOnline.value! - meanOfRates)).toBeGreaterThan(1e-6);

    // District petition resolution rate, 2025S1: Σ resolved / (Σ carried over at 2025Q1 + Σ received in Q1..Q2).
    const q1 = reports.filter((r) => r.period === "2025Q1");
    const resolved = s1.reduce((s, r) => s + r.values.petitions_resolved, 0);
    const available = q1.reduce((s, r) => s + r.values.petitions_carried_over, 0) + s1.reduce((s, r) => s + r.values.petitions_received, 0);
    const districtPetitions = aggregateIndicator(petitions, perUnit, { target: 85, communes: 16, quarters: 2 });
    expect([districtPetitions.numerator, districtPetitions.denominator]).toEqual([resolved, available]);
    expect(districtPetitions.value).toBeCloseTo((resolved / available) * 100, 10);

    // Reception sessions in 2024 (63 reports: Trà Tây missed 2024Q3), target 12 × 16 × 4 = 768.
    const y2024 = reports.filter((r) => r.period.startsWith("2024"));
    expect(y2024.length).toBe(63);
    const year = await getUnitElementSums(db, { unitIds: ids(), quarters: ["2024Q1", "2024Q2", "2024Q3", "2024Q4"], elements: ["reception_sessions"] });
    const districtReception = aggregateIndicator(reception, [...year.values()].map((u) => u.sums), { target: 12, communes: 16, quarters: 4 });
    expect(districtReception.value).toBe(y2024.reduce((s, r) => s + r.values.reception_sessions, 0));
    expect(districtReception.target).toBe(768);
  });

  it("takes the stock element from the earliest quarter of the range, not the sum", async () => {
    const { db } = get();
    const half = await getUnitElementSums(db, { unitIds: ids(), quarters: ["2025Q1", "2025Q2"], elements: [STOCK, "petitions_received"] });
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
    const reversed = await getUnitElementSums(db, { unitIds: ids(), quarters: ["2025Q2", "2025Q1"], elements: [STOCK, "petitions_received"] });
    for (const c of communes) expect(reversed.get(c.id)!.sums, c.code).toEqual(half.get(c.id)!.sums);
    // Trà Tây missed 2024Q3, the first quarter of 2024Q3..2025Q2: its stock is unknown, so its petition
    // rate contributes nothing over that range, while its flows still sum the three quarters it reported.
    const cross = await getUnitElementSums(db, { unitIds: [idOf("21166")], quarters: ["2024Q3", "2024Q4", "2025Q1", "2025Q2"], elements: [STOCK, "petitions_received"] });
    const traTay = cross.get(idOf("21166"))!;
    expect(traTay.sums[STOCK]).toBeUndefined();
    expect(traTay.sums.petitions_received).toBe(["2024Q4", "2025Q1", "2025Q2"].reduce((s, q) => s + reportOf("21166", q)!.values.petitions_received, 0));
    expect(traTay.quartersReported).toEqual(["2024Q4", "2025Q1", "2025Q2"]);
  });

  it("says which quarters a commune reported: Trà Bùi in 2025S1 has 2025Q1 only", async () => {
    const { db } = get();
    const half = await getUnitElementSums(db, { unitIds: ids(), quarters: ["2025Q1", "2025Q2"], elements: elementCodes });
    const traBui = half.get(idOf("21142"))!;
    expect(traBui.quartersReported).toEqual(["2025Q1"]);
    expect(traBui.sums).toEqual(reportOf("21142", "2025Q1")!.values); // Q1 alone, no zeros for Q2
    for (const c of communes.filter((x) => x.code !== "21142")) expect(half.get(c.id)!.quartersReported).toEqual(["2025Q1", "2025Q2"]);
    const year = await getUnitElementSums(db, { unitIds: [idOf("21166")], quarters: ["2024Q1", "2024Q2", "2024Q3", "2024Q4"], elements: ["meetings_held"] });
    expect(year.get(idOf("21166"))!.quartersReported).toEqual(["2024Q1", "2024Q2", "2024Q4"]);
    // Only the elements asked for come back; no unit or no quarter gives empty results.
    expect(Object.keys(year.get(idOf("21166"))!.sums)).toEqual(["meetings_held"]);
    expect((await getUnitElementSums(db, { unitIds: [], quarters: ["2025Q1"], elements: elementCodes })).size).toBe(0);
    expect((await getUnitElementSums(db, { unitIds: [idOf("21136")], quarters: [], elements: elementCodes })).get(idOf("21136"))).toEqual({
      unitId: idOf("21136"),
      sums: {},
      quartersReported: [],
    });
  });

  it("never pairs a numerator with a partial denominator when one element is blank in one quarter", async () => {
    const { db } = get();
    const online = indicators.find((i) => i.code === "online_rate")!;
    const traTan = idOf("21136");
    class Rollback extends Error {}
    // Trà Tân leaves procedures_received blank in 2025Q1 (the rest of its report stays); undone afterwards.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`delete from data_values where unit_id = ${traTan} and period = '2025Q1' and element_code = 'procedures_received'`);
        for (const quarters of [["2025Q1"], ["2025Q1", "2025Q2"]]) {
          const sums = await getUnitElementSums(tx, { unitIds: ids(), quarters, elements: elementCodes });
          const own = sums.get(traTan)!;
          expect(own.quartersReported).toEqual(quarters);
          // Not the 2025Q2 figure alone: that would divide two quarters of online files by one quarter of files.
          expect(own.sums.procedures_received, quarters.join()).toBeUndefined();
          expect(own.sums.procedures_online).toBe(quarters.reduce((s, q) => s + reportOf("21136", q)!.values.procedures_online, 0));
          expect(computeIndicator(online, own.sums, { target: 80, communes: 1, quarters: quarters.length }).value).toBeNull();
          const district = aggregateIndicator(online, [...sums.values()].map((u) => u.sums), { target: 80, communes: 16, quarters: quarters.length });
          const o = await oracle(tx, online, quarters);
          expect(o.units.get(traTan)!.complete).toBe(false);
          expect(o.total.contributing).toBe(15); // Trà Bùi has no 2025Q2, but its complete 2025Q1 counts
          expect([district.numerator, district.denominator, district.value]).toEqual([o.total.num, o.total.den, o.total.value]);
        }
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from data_values`);
    expect(n).toBe(94 * elementCodes.length);
  });
});
