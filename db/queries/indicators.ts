/**
 * The one read path for figures: `getIndicatorTable` computes every indicator and element total that a
 * page, an export or an API route shows, aggregated in SQL and narrowed to the reader's scope inside the
 * query. The arithmetic on the sums (rates, targets, statuses, comparisons) is lib/indicators/.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { pgArray } from "../pg-array";
import { getElement, type IndicatorDef } from "@/lib/indicators/catalogue";
import { parseReportingPeriod } from "@/lib/indicators/comparison";
import { badPeriod } from "@/lib/indicators/errors";
import {
  buildRowsFromSource,
  comparisonWindows,
  resolveIndicators,
  windowsNeeded,
  type AggregateSource,
  type ElementTotal,
  type GroupKey,
  type IndicatorRow,
  type RowGroup,
  type RowGrouping,
} from "@/lib/indicators/rows";
import type { IndicatorAggregate } from "@/lib/indicators/rollup";
import type { Period } from "@/lib/periods";
import { readerAccess, type Reader, type ScopeAccess } from "./access";
import { getTargets } from "./catalogue";
import { countryScope, getScopeUnit, listCommunesByBranch, listCommunesUnder, type ScopeUnit } from "./units";

interface Window {
  key: string;
  quarters: readonly string[];
}

interface AggregateParams {
  members: readonly { unitId: number; group: number }[];
  windows: readonly Window[];
  defs: readonly IndicatorDef[];
  /** Elements whose totals each group carries (Σ over the communes that reported the element). */
  elements: readonly string[];
  /** Groups whose rows may leave the database (the total always does); null = every group. */
  readableGroups: readonly number[] | null;
}

/**
 * A row of getAggregates' pivot: `win`, `grp`, `reported`, then columns named from the request (`num0`,
 * `den0`, `k0`, `q0`, … per indicator, `t0`, `c0`, … per element). The names are generated, so the row is a
 * record; every value is a float8/int cast in the statement (text for `win`, null for the total's `grp`).
 */
const pivotRowSchema = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

/**
 * Indicator aggregates and element totals per set of quarters ("window"), per group of communes (a
 * commune, or the child unit it lies in) and for all members together. Each indicator's Σnumerator and
 * Σdenominator count only the communes whose figures for it are complete; an element total counts every
 * commune that reported that element (and says how many did).
 *
 * One statement in three steps: the figures are summed per window, commune and element (a hash
 * aggregate), pivoted into one row per window and commune with a column per element, then added up per
 * group and in total with grouping sets. Only one row per window and group leaves the database, and a
 * group the reader may not see is dropped inside the statement.
 */
async function getAggregates(db: DbOrTx, params: AggregateParams): Promise<AggregateSource> {
  const aggregates = new Map<string, IndicatorAggregate>();
  const totals = new Map<string, ElementTotal>();
  const reported = new Map<string, number>();
  const key = (win: string, group: GroupKey, code = "") => `${win}|${group}|${code}`;
  const source: AggregateSource = {
    aggregate: (win, group, code) => aggregates.get(key(win, group, code)),
    elementTotal: (win, group, code) => totals.get(key(win, group, code)) ?? { value: null, communes: 0 },
    reportedQuarters: (win, group) => reported.get(key(win, group)) ?? 0,
  };
  const triples = params.windows.flatMap((w) => {
    const qs = [...new Set(w.quarters)].sort();
    return qs.map((q) => [w.key, q, qs[0]] as const);
  });
  if (params.members.length === 0 || triples.length === 0 || (params.defs.length === 0 && params.elements.length === 0)) return source;
  const quarters = [...new Set(triples.map((t) => t[1]))].sort();
  const elements = [
    ...new Set([...params.defs.flatMap((d) => [...d.numerator, ...(d.kind === "rate" ? d.denominator : [])]), ...params.elements]),
  ];
  const col = (e: string) => sql.raw(`e${elements.indexOf(e)}`);
  const known = elements.map((e, i) =>
    getElement(e)?.kind === "stock"
      ? sql`max(f) filter (where element_code = ${e}) as ${sql.raw(`e${i}`)}`
      : sql`max(case when c = r.n then s end) filter (where element_code = ${e}) as ${sql.raw(`e${i}`)}`,
  );
  const outputs: SQL[] = params.defs.map((d, i) => {
    const all = [...d.numerator, ...(d.kind === "rate" ? d.denominator : [])];
    const complete = sql.join(all.map((e) => sql`${col(e)} is not null`), sql` and `);
    const num = sql.join(d.numerator.map((e) => col(e)), sql` + `);
    const den = d.kind === "rate" ? sql.join(d.denominator.map((e) => col(e)), sql` + `) : sql`0`;
    const tag = (x: string) => sql.raw(`${x}${i}`);
    return sql`sum(${num}) filter (where ${complete})::float8 as ${tag("num")},
      coalesce(sum(${den}) filter (where ${complete}), 0)::float8 as ${tag("den")},
      count(*) filter (where ${complete})::int as ${tag("k")}, coalesce(sum(n) filter (where ${complete}), 0)::int as ${tag("q")}`;
  });
  params.elements.forEach((e, i) => outputs.push(sql`sum(${col(e)})::float8 as ${sql.raw(`t${i}`)}, count(${col(e)})::int as ${sql.raw(`c${i}`)}`));
  const units = pgArray(params.members.map((m) => m.unitId));
  const visible = params.readableGroups === null ? sql`` : sql`having grouping(g.grp) = 1 or g.grp = any(${pgArray(params.readableGroups)}::int[])`;
  const rows = await db.transaction(async (tx) => {
    // Room for the hash aggregates of a national table, instead of sorting it on disk.
    await tx.execute(sql`set local work_mem = '64MB'`);
    return queryRows(
      tx,
      sql`with
      win as (select * from unnest(${pgArray(triples.map((t) => t[0]))}::text[], ${pgArray(triples.map((t) => t[1]))}::text[],
                                   ${pgArray(triples.map((t) => t[2]))}::text[]) as t(win, period, first)),
      grp as (select * from unnest(${units}::int[], ${pgArray(params.members.map((m) => m.group))}::int[]) as t(unit_id, grp)),
      fig as (
        select w.win, w.first, v.unit_id, v.period, v.element_code, v.value
        from data_values v join win w on w.period = v.period
        where v.unit_id = any(${units}::int[]) and v.period = any(${pgArray(quarters)}::text[])),
      rep as (
        select win, unit_id, count(*)::int as n
        from (select win, unit_id, period from fig group by win, unit_id, period) q group by win, unit_id),
      pe as (
        select win, unit_id, element_code, sum(value) as s, count(*) as c, max(value) filter (where period = first) as f
        from fig where element_code = any(${pgArray(elements)}::text[]) group by win, unit_id, element_code),
      per_unit as (
        select r.win, r.unit_id, r.n, ${sql.join(known, sql`, `)}
        from rep r left join pe on pe.win = r.win and pe.unit_id = r.unit_id
        group by r.win, r.unit_id, r.n)
      select u.win, g.grp, sum(u.n)::int as reported, ${sql.join(outputs, sql`, `)}
      from per_unit u join grp g on g.unit_id = u.unit_id
      group by grouping sets ((u.win, g.grp), (u.win))
      ${visible}`,
      pivotRowSchema,
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
    params.elements.forEach((e, i) => {
      const n = Number(r[`c${i}`]);
      totals.set(key(win, group, e), { value: n > 0 ? Number(r[`t${i}`]) : null, communes: n });
    });
  }
  return source;
}

/** The latest quarter holding any figure of the given communes, or null when there is none. */
export async function getLatestQuarter(db: DbOrTx, params: { unitIds: readonly number[] }): Promise<string | null> {
  if (params.unitIds.length === 0) return null;
  const rows = await queryRows(
    db,
    sql`select max(period) as period from data_values where unit_id = any(${pgArray(params.unitIds)}::int[])`,
    z.object({ period: z.string().nullable() }),
  );
  return rows[0]?.period ?? null;
}

export interface IndicatorTableParams {
  /** Whose figures these are: rows the reader may not see never leave the database. */
  reader: Reader;
  /** A unit id, or { country: structure } for every commune of the country in that structure. */
  scope: number | { country: string };
  /** A period code (`2025Q1`, `2025S1`, `2025N9`, `2025`, `2024Q3..2025Q2`) or a parsed period. */
  period: string | Period;
  /** Indicator codes; all of the catalogue when absent or empty. */
  indicators?: readonly string[];
  /** unit: a row per commune, then the total; child: a row per direct child unit; period: a row per quarter. */
  by: RowGrouping;
  /** Element codes whose totals every row carries in `elements` (for raw figures beside the rates). */
  elements?: readonly string[];
}

export interface IndicatorTable {
  scope: ScopeUnit;
  /** full: every row; aggregate (a reporter on the unit above their commune): totals and their own rows. */
  access: ScopeAccess;
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
 * The indicator engine: every indicator asked for, by commune, child unit or quarter, for any unit of
 * the tree or the whole country, with targets, statuses, missing quarters, comparisons and (on request)
 * element totals; narrowed to what the reader may see. A handful of queries whatever the size.
 * @example getIndicatorTable(db, { reader, scope: 2, period: "2025S1", by: "unit" }) → 16 commune rows + 1 total row
 */
export async function getIndicatorTable(db: DbOrTx, params: IndicatorTableParams): Promise<IndicatorTable> {
  const period = typeof params.period === "string" ? parseReportingPeriod(params.period) : params.period;
  if (!period) throw badPeriod(String(params.period));
  const defs = resolveIndicators(params.indicators);
  const country = typeof params.scope === "object" ? params.scope.country : null;
  const scope = country ? countryScope(country) : await getScopeUnit(db, { unitId: params.scope as number });
  const access = await readerAccess(db, params.reader, scope);
  const byBranch =
    params.by === "child" || country ? await listCommunesByBranch(db, country ? { structure: country } : { unitId: scope.id }) : null;
  const communes = (byBranch ? byBranch.communes : await listCommunesUnder(db, { unitId: scope.id })).map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
  }));
  const branchOf = new Map((byBranch?.communes ?? []).map((c) => [c.id, c.branchId]));
  // Rows by quarter need only the scope's totals: one group, so few rows leave the database.
  const groupOf = (id: number) => (params.by === "child" ? branchOf.get(id)! : params.by === "period" ? 0 : id);
  const members = communes.map((c) => ({ unitId: c.id, group: groupOf(c.id) }));
  const sizes = new Map<number, number>();
  for (const m of members) sizes.set(m.group, (sizes.get(m.group) ?? 0) + 1);
  // With aggregate access a reader sees the totals and their own communes' rows, nothing else.
  const reader = params.reader;
  const readableGroups =
    access === "full" || reader === "system" ? null : params.by === "unit" ? communes.filter((c) => reader.readUnitIds.includes(c.id)).map((c) => c.id) : [];
  const allGroups: RowGroup[] =
    params.by === "child"
      ? byBranch!.branches.map((b) => ({
          kind: "child" as const,
          unit: { id: b.id, code: b.code, name: b.name },
          key: b.id,
          communes: sizes.get(b.id) ?? 0,
        }))
      : communes.map((c) => ({ kind: "commune" as const, unit: c, key: c.id, communes: 1 }));
  const groups = readableGroups === null ? allGroups : allGroups.filter((g) => readableGroups.includes(g.key as number));
  const windows = windowsNeeded(period, params.by);
  const [source, targets] = await Promise.all([
    getAggregates(db, {
      members,
      windows: windows.map((w) => ({ key: w.code, quarters: w.quarters })),
      defs,
      elements: params.elements ?? [],
      readableGroups,
    }),
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
    elements: params.elements,
  });
  const { previous, yearAgo } = comparisonWindows(period);
  return {
    scope,
    access,
    period,
    previousPeriod: previous,
    yearAgoPeriod: yearAgo,
    by: params.by,
    indicators: defs.map((d) => d.code),
    communes: communes.length,
    rows,
  };
}
