/**
 * SQL aggregation for indicators: element sums per commune over sets of quarters. Flow elements sum
 * over the quarters (unknown when blank in a quarter the commune reported); a stock element takes the
 * value of the earliest quarter of the set. The arithmetic (rates, targets, statuses, comparisons) is
 * lib/indicators/.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { pgArray } from "../pg-array";
import type { ElementSums } from "@/lib/indicators/compute";
import { getElement } from "@/lib/indicators/catalogue";
import { parseReportingPeriod } from "@/lib/indicators/comparison";
import { badPeriod, unitIdNotFound, unitNotFound } from "@/lib/indicators/errors";
import { buildRowsFromSource, comparisonWindows, resolveIndicators, windowsNeeded, type AggregateSource, type GroupKey, type IndicatorRow, type RowGroup, type RowGrouping } from "@/lib/indicators/rows";
import type { IndicatorAggregate } from "@/lib/indicators/rollup";
import type { IndicatorDef } from "@/lib/indicators/catalogue";
import type { Period } from "@/lib/periods";
import { getTargets } from "./catalogue";
import { listCommunesByBranch, listCommunesUnder } from "./units";

export interface UnitSums {
  unitId: number;
  sums: ElementSums;
  /** Quarters of the range in which the commune reported at least one figure. */
  quartersReported: string[];
}

/**
 * Element sums of every commune for several sets of quarters at once ("windows", e.g. a period, its
 * previous comparable period and the same period a year earlier), keyed by window key, then unit; every
 * unit asked for is present in every window (empty when it reported nothing there). A flow element left
 * blank in a quarter the commune did report is unknown over the window (absent), never a silent zero;
 * the stock element is the value of the window's first quarter.
 *
 * One statement: figures aggregated per window, commune and element (a hash aggregate), then pivoted to a
 * row per window and commune with a column per element, so a national table leaves the database as one
 * row per commune, not one per figure.
 * @example getWindowElementSums(db, { unitIds: [7, 8], windows: [{ key: "2025S1", quarters: ["2025Q1", "2025Q2"] }], elements: ["procedures_online"] })
 */
export async function getWindowElementSums(
  db: DbOrTx,
  params: { unitIds: readonly number[]; windows: readonly { key: string; quarters: readonly string[] }[]; elements: readonly string[] },
): Promise<Map<string, Map<number, UnitSums>>> {
  const { unitIds, windows, elements } = params;
  const out = new Map<string, Map<number, UnitSums>>();
  for (const w of windows) out.set(w.key, new Map(unitIds.map((id) => [id, { unitId: id, sums: {}, quartersReported: [] }])));
  const triples = windows.flatMap((w) => {
    const qs = [...new Set(w.quarters)].sort();
    return qs.map((q) => [w.key, q, qs[0]] as const);
  });
  if (unitIds.length === 0 || triples.length === 0) return out;
  const units = pgArray(unitIds);
  const pivot = elements.length
    ? sql`, ${sql.join(
        elements.map((e, i) =>
          getElement(e)?.kind === "stock"
            ? sql`max(pe.f) filter (where pe.element_code = ${e})::float8 as ${sql.raw(`e${i}`)}`
            : sql`max(case when pe.c = r.n then pe.s end) filter (where pe.element_code = ${e})::float8 as ${sql.raw(`e${i}`)}`,
        ),
        sql`, `,
      )}`
    : sql``;
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return queryRows<Record<string, unknown> & { win: string; unit_id: number; periods: string[] | string }>(
      tx,
      sql`with
        win as (select * from unnest(${pgArray(triples.map((t) => t[0]))}::text[], ${pgArray(triples.map((t) => t[1]))}::text[], ${pgArray(triples.map((t) => t[2]))}::text[]) as t(win, period, first)),
        fig as (
          select w.win, w.first, v.unit_id, v.period, v.element_code, v.value
          from data_values v join win w on w.period = v.period
          where v.unit_id = any(${units}::int[]) and v.period = any(${pgArray([...new Set(triples.map((t) => t[1]))])}::text[])),
        rep as (
          select win, unit_id, count(*)::int as n, string_agg(period, ',' order by period) as periods
          from (select win, unit_id, period from fig group by win, unit_id, period) q group by win, unit_id),
        pe as (
          select win, unit_id, element_code, sum(value) as s, count(*) as c, max(value) filter (where period = first) as f
          from fig where element_code = any(${pgArray(elements)}::text[]) group by win, unit_id, element_code)
        select r.win, r.unit_id, r.periods ${pivot}
        from rep r left join pe on pe.win = r.win and pe.unit_id = r.unit_id
        group by r.win, r.unit_id, r.n, r.periods`,
    );
  });
  for (const r of rows) {
    const u = out.get(r.win)?.get(Number(r.unit_id));
    if (!u) continue;
    u.quartersReported.push(...String(r.periods).split(","));
    elements.forEach((e, i) => {
      const v = r[`e${i}`];
      if (v !== null && v !== undefined) u.sums[e] = Number(v);
    });
  }
  return out;
}

/**
 * Indicator aggregates computed in the database, for any number of communes: per set of quarters
 * ("window"), per group of communes (the `group` of each member: the commune itself, or the child unit
 * it lies in) and for all members together, each indicator's Σnumerator and Σdenominator over the
 * communes whose figures for it are complete, how many contributed and the quarters they cover — the
 * rule of compute.ts `contribution` and rollup.ts `aggregateUnits`, in SQL.
 *
 * One statement, two passes and no join between aggregates: the first groups the figures by window and
 * commune into one row with a column per element (sum, count of quarters present, first-quarter value
 * for the stock element, quarters reported); the second adds up those rows per group and for the
 * whole, each indicator counting only the communes that have all of its elements. Only a row per
 * window and group leaves the database.
 */
export async function getIndicatorAggregates(
  db: DbOrTx,
  params: { members: readonly { unitId: number; group: number }[]; windows: readonly { key: string; quarters: readonly string[] }[]; defs: readonly IndicatorDef[] },
): Promise<AggregateSource> {
  const aggregates = new Map<string, IndicatorAggregate>();
  const reported = new Map<string, number>();
  const key = (win: string, group: GroupKey, code = "") => `${win}|${group}|${code}`;
  const source: AggregateSource = {
    aggregate: (win, group, code) => aggregates.get(key(win, group, code)),
    reportedQuarters: (win, group) => reported.get(key(win, group)) ?? 0,
  };
  const triples = params.windows.flatMap((w) => {
    const qs = [...new Set(w.quarters)].sort();
    return qs.map((q) => [w.key, q, qs[0]] as const);
  });
  if (params.members.length === 0 || triples.length === 0 || params.defs.length === 0) return source;
  const quarters = [...new Set(triples.map((t) => t[1]))].sort();
  const elements = [...new Set(params.defs.flatMap((d) => [...d.numerator, ...(d.kind === "rate" ? d.denominator : [])]))];
  const col = (e: string) => sql.raw(`e${elements.indexOf(e)}`);
  // Pass 1: per window, commune and element its sum, quarters present and first-quarter value (a hash
  // aggregate over the raw figures), and per window and commune the quarters it reported anything in.
  // Pass 2 turns each commune's elements into one row (a column per element); pass 3 adds those rows up
  // per group and in total, each indicator over the communes that know all of its elements.
  const known = elements.map((e, i) =>
    getElement(e)?.kind === "stock"
      ? sql`max(f) filter (where element_code = ${e}) as ${sql.raw(`e${i}`)}`
      : sql`max(case when c = r.n then s end) filter (where element_code = ${e}) as ${sql.raw(`e${i}`)}`,
  );
  const perIndicator = params.defs.map((d, i) => {
    const all = [...d.numerator, ...(d.kind === "rate" ? d.denominator : [])];
    const complete = sql.join(all.map((e) => sql`${col(e)} is not null`), sql` and `);
    const num = sql.join(d.numerator.map((e) => col(e)), sql` + `);
    const den = d.kind === "rate" ? sql.join(d.denominator.map((e) => col(e)), sql` + `) : sql`0`;
    const tag = (x: string) => sql.raw(`${x}${i}`);
    return sql`sum(${num}) filter (where ${complete})::float8 as ${tag("num")}, coalesce(sum(${den}) filter (where ${complete}), 0)::float8 as ${tag("den")},
               count(*) filter (where ${complete})::int as ${tag("k")}, coalesce(sum(n) filter (where ${complete}), 0)::int as ${tag("q")}`;
  });
  const units = pgArray(params.members.map((m) => m.unitId));
  const rows = await db.transaction(async (tx) => {
    // Room for the hash aggregates of a national table, instead of sorting it on disk.
    await tx.execute(sql`set local work_mem = '64MB'`);
    return queryRows<Record<string, number | string | null>>(
      tx,
      sql`with
      win as (select * from unnest(${pgArray(triples.map((t) => t[0]))}::text[], ${pgArray(triples.map((t) => t[1]))}::text[], ${pgArray(triples.map((t) => t[2]))}::text[]) as t(win, period, first)),
      grp as (select * from unnest(${units}::int[], ${pgArray(params.members.map((m) => m.group))}::int[]) as t(unit_id, grp)),
      fig as (
        select w.win, w.first, v.unit_id, v.period, v.element_code, v.value
        from data_values v join win w on w.period = v.period
        where v.unit_id = any(${units}::int[]) and v.period = any(${pgArray(quarters)}::text[])),
      rep as (select win, unit_id, count(*)::int as n from (select win, unit_id, period from fig group by win, unit_id, period) q group by win, unit_id),
      pe as (
        select win, unit_id, element_code, sum(value) as s, count(*) as c, max(value) filter (where period = first) as f
        from fig where element_code = any(${pgArray(elements)}::text[]) group by win, unit_id, element_code),
      per_unit as (
        select r.win, r.unit_id, r.n, ${sql.join(known, sql`, `)}
        from rep r left join pe on pe.win = r.win and pe.unit_id = r.unit_id
        group by r.win, r.unit_id, r.n)
      select u.win, g.grp, sum(u.n)::int as reported, ${sql.join(perIndicator, sql`, `)}
      from per_unit u join grp g on g.unit_id = u.unit_id
      group by grouping sets ((u.win, g.grp), (u.win))`,
    );
  });
  for (const r of rows) {
    const group: GroupKey = r.grp === null ? "total" : Number(r.grp);
    const win = String(r.win);
    reported.set(key(win, group), Number(r.reported));
    params.defs.forEach((d, i) => {
      if (Number(r[`k${i}`]) === 0) return;
      aggregates.set(key(win, group, d.code), {
        numerator: Number(r[`num${i}`]),
        denominator: Number(r[`den${i}`]),
        contributors: Number(r[`k${i}`]),
        coveredQuarters: Number(r[`q${i}`]),
      });
    });
  }
  return source;
}

/** Element sums per commune over one set of quarters (see getWindowElementSums). */
export async function getUnitElementSums(
  db: DbOrTx,
  params: { unitIds: readonly number[]; quarters: readonly string[]; elements: readonly string[] },
): Promise<Map<number, UnitSums>> {
  const byWindow = await getWindowElementSums(db, { unitIds: params.unitIds, windows: [{ key: "w", quarters: params.quarters }], elements: params.elements });
  return byWindow.get("w")!;
}

/** The latest quarter holding any figure of the given communes, or null when there is none. */
export async function getLatestQuarter(db: DbOrTx, params: { unitIds: readonly number[] }): Promise<string | null> {
  if (params.unitIds.length === 0) return null;
  const rows = await queryRows<{ period: string | null }>(
    db,
    sql`select max(period) as period from data_values where unit_id = any(${pgArray(params.unitIds)}::int[])`,
  );
  return rows[0]?.period ?? null;
}

export interface ScopeUnit {
  id: number;
  code: string;
  name: string;
  /** "country": every unit of a structure (id 0, code "VN"). */
  level: "country" | "province" | "district" | "commune";
  structure: string;
}

/** The whole country in one structure, as a scope. */
export function countryScope(structure: string): ScopeUnit {
  return { id: 0, code: "VN", name: "Toàn quốc", level: "country", structure };
}

/** A unit by id, or AppError unit_not_found (404). */
export async function getScopeUnit(db: DbOrTx, params: { unitId: number }): Promise<ScopeUnit> {
  const [row] = await queryRows<ScopeUnit>(db, sql`select id, code, name, level, structure from units where id = ${params.unitId}`);
  if (!row) throw unitIdNotFound(params.unitId);
  return { ...row, id: Number(row.id) };
}

export interface IndicatorRowsParams {
  /** A unit id, or { country: structure } for every commune of the country in that structure. */
  scopeUnitId: number | { country: string };
  /** A period code (`2025Q1`, `2025S1`, `2025N9`, `2025`, `2024Q3..2025Q2`) or a parsed period. */
  period: string | Period;
  /** Indicator codes; all of the catalogue when absent or empty. */
  indicators?: readonly string[];
  /** unit: a row per commune below the scope, then the scope's total; period: a row per quarter, then the total. */
  by: RowGrouping;
}

export interface IndicatorRowsResult {
  scope: ScopeUnit;
  period: Period;
  previousPeriod: Period;
  yearAgoPeriod: Period;
  by: RowGrouping;
  indicators: string[];
  /** Communes below the scope (in its own structure), all expected to report. */
  communes: number;
  rows: IndicatorRow[];
}

/**
 * The indicator engine: every indicator asked for, by commune or by quarter, for any unit of the tree,
 * with targets, statuses, missing quarters and comparisons. Five queries whatever the size: the scope,
 * its communes, the targets, and the element sums and reported quarters for every set of quarters involved.
 * @example getIndicatorRows(db, { scopeUnitId: 2, period: "2025S1", by: "unit" }) → 16 commune rows + 1 total row
 */
export async function getIndicatorRows(db: DbOrTx, params: IndicatorRowsParams): Promise<IndicatorRowsResult> {
  const period = typeof params.period === "string" ? parseReportingPeriod(params.period) : params.period;
  if (!period) throw badPeriod(String(params.period));
  const defs = resolveIndicators(params.indicators);
  const country = typeof params.scopeUnitId === "object" ? params.scopeUnitId.country : null;
  const scope = country ? countryScope(country) : await getScopeUnit(db, { unitId: params.scopeUnitId as number });
  const byBranch =
    params.by === "child" || country
      ? await listCommunesByBranch(db, country ? { structure: country } : { unitId: scope.id })
      : null;
  const communes = (byBranch ? byBranch.communes : await listCommunesUnder(db, { unitId: scope.id })).map((c) => ({ id: Number(c.id), code: c.code, name: c.name }));
  const windows = windowsNeeded(period, params.by);
  const branchOf = new Map<number, number>((byBranch?.communes ?? []).map((c) => [Number(c.id), Number(c.branchId)]));
  // Rows by quarter need only the scope's totals: one group, so few rows leave the database.
  const groupOf = (id: number) => (params.by === "child" ? branchOf.get(id)! : params.by === "period" ? 0 : id);
  const members = communes.map((c) => ({ unitId: c.id, group: groupOf(c.id) }));
  const sizes = new Map<number, number>();
  for (const m of members) sizes.set(m.group, (sizes.get(m.group) ?? 0) + 1);
  const groups: RowGroup[] =
    params.by === "child"
      ? byBranch!.branches.map((b) => ({ kind: "child" as const, unit: { id: Number(b.id), code: b.code, name: b.name }, key: Number(b.id), communes: sizes.get(Number(b.id)) ?? 0 }))
      : communes.map((c) => ({ kind: "commune" as const, unit: c, key: c.id, communes: 1 }));
  const [source, targets] = await Promise.all([
    getIndicatorAggregates(db, { members, windows: windows.map((w) => ({ key: w.code, quarters: w.quarters })), defs }),
    getTargets(db),
  ]);
  const rows = buildRowsFromSource({
    scope: { id: scope.id, code: scope.code, name: scope.name },
    totalCommunes: communes.length,
    period,
    by: params.by,
    defs,
    targets,
    groups,
    source,
  });
  const { previous, yearAgo } = comparisonWindows(period);
  return {
    scope,
    period,
    previousPeriod: previous,
    yearAgoPeriod: yearAgo,
    by: params.by,
    indicators: defs.map((d) => d.code),
    communes: communes.length,
    rows,
  };
}

/** A unit by code in a structure, or AppError unit_not_found (404) naming both. */
export async function getScopeUnitByCode(db: DbOrTx, params: { structure: string; code: string }): Promise<ScopeUnit> {
  const [row] = await queryRows<ScopeUnit>(
    db,
    sql`select id, code, name, level, structure from units where structure = ${params.structure} and code = ${params.code}`,
  );
  if (!row) throw unitNotFound(params.code, params.structure);
  return { ...row, id: Number(row.id) };
}
