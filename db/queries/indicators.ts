/**
 * The one read path for figures: `getIndicatorTable` computes every indicator and element total that a
 * page, an export or an API route shows, aggregated in SQL and narrowed to the reader's scope inside the
 * query. The arithmetic on the sums (rates, targets, statuses, comparisons) is lib/indicators/.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRawRows, queryRows, type DbOrTx } from "../client";
import { cachedJsonBytes, cachedResult } from "./result-cache";
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
import { REFORM_QUARTER, structureForQuarter, type Period } from "@/lib/periods";
import { plainMembers, planReform, type Crossing, type ReformMember } from "@/lib/indicators/reform";
import { readerAccess, type Reader, type ScopeAccess } from "./access";
import { getTargets } from "./catalogue";
import {
  countryScope,
  getReformEdges,
  getScopeUnit,
  listCommunesByBranch,
  listCommunesUnder,
  type ScopeUnit,
} from "./units";

interface Window {
  key: string;
  quarters: readonly string[];
}

/** The total's group id inside the statement (row groups are unit ids, or 0 for rows by quarter). */
const TOTAL = -2;

interface AggregateParams {
  members: readonly ReformMember[];
  /** The scope's structure: a quarter of the other one is read from the members' foreign units. */
  structure: string;
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
 * record; every value is a float8/int cast in the statement (text for `win`; the total's `grp` is null under grouping sets, else TOTAL).
 */
/**
 * One cell of the pivot as a number: the drivers give float8 and int as numbers (or numeric text);
 * null stays null; anything else is a bug in the statement, not data to guess at.
 */
function cell(row: Record<string, unknown>, column: string): number | null {
  const v = row[column];
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : Number.NaN;
  if (Number.isNaN(n)) throw new Error(`The indicator pivot's column ${column} holds ${typeof v}, not a number`);
  return n;
}

/**
 * Whether every member is a commune read in its own structure only (no quarter of the other structure, no
 * composed territory): then a member's figures are its own rows of data_values.
 */
function isPlain(params: AggregateParams, quarters: readonly string[]): boolean {
  return (
    params.members.every((m) => m.home.length === 1 && m.home[0] === m.id) &&
    quarters.every((q) => structureForQuarter(q) === params.structure)
  );
}

/**
 * The figures of every member per quarter it reported: one row per member and quarter, a column per
 * element (`e0`, `e1`, … in the order of `elements`), null where the element is not known.
 *
 * First one pass over data_values, one row per unit and quarter (a unit reported a quarter when it has
 * any figure in it), the elements pivoted into columns. Plain members are those rows. Otherwise a member's
 * quarter is the sum over its source units of that quarter's structure: reported when every source
 * reported the quarter, an element known when every source has it.
 */
function memberQuartersSql(params: AggregateParams, elements: readonly string[], quarters: readonly string[]): SQL {
  const cols = (f: (c: SQL, i: number) => SQL) =>
    sql.join(
      elements.map((_, i) => f(sql.raw(`e${i}`), i)),
      sql`, `,
    );
  const pivot = sql.join(
    elements.map((e, i) => sql`max(v.value) filter (where v.element_code = ${e}) as ${sql.raw(`e${i}`)}`),
    sql`, `,
  );
  const perUnit = (units: string) => sql`select v.unit_id, v.period, ${pivot}
    from data_values v
    where v.unit_id = any(${units}::int[]) and v.period = any(${pgArray(quarters)}::text[])
    group by v.unit_id, v.period`;
  if (isPlain(params, quarters)) {
    return sql`select q.unit_id as member, q.period, ${cols((c) => sql`q.${c}`)}
      from (${perUnit(pgArray(params.members.map((m) => m.id)))}) q`;
  }
  const other = params.structure === "2025-06" ? "2025-07" : "2025-06";
  const src = params.members.flatMap((m) => [
    ...m.home.map((u) => [m.id, u, params.structure, m.home.length] as const),
    ...m.foreign.map((u) => [m.id, u, other, m.foreign.length] as const),
  ]);
  const units = pgArray([...new Set(src.map((x) => x[1]))]);
  return sql`select s.member, q.period, ${cols((c) => sql`case when count(q.${c}) = s.need then sum(q.${c}) end as ${c}`)}
    from (${perUnit(units)}) q
    join unnest(${pgArray(src.map((x) => x[0]))}::int[], ${pgArray(src.map((x) => x[1]))}::int[],
                ${pgArray(src.map((x) => x[2]))}::text[], ${pgArray(src.map((x) => x[3]))}::int[]) as
      s(member, unit_id, structure, need)
      on s.unit_id = q.unit_id and s.structure = case when q.period >= ${REFORM_QUARTER} then '2025-07' else '2025-06' end
    group by s.member, q.period, s.need
    having count(*) = s.need`;
}

/**
 * Indicator aggregates and element totals per set of quarters ("window"), per row group and for the
 * whole scope. Each indicator's Σnumerator and Σdenominator count only the members whose figures for it
 * are complete; an element total counts every member that reported that element (and says how many did).
 *
 * One statement: one pass over data_values pivots the figures into one row per unit and quarter with a
 * column per element (a hash aggregate, no row per element kept), members' quarters are composed from
 * those rows (memberQuartersSql), rolled up into one row per window and member, then added up per group
 * (each member counts in its row group and in the total). Only one row per window and group leaves the
 * database, and a group the reader may not see is dropped inside the statement.
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
  if (params.members.length === 0 || triples.length === 0 || (params.defs.length === 0 && params.elements.length === 0))
    return source;
  const quarters = [...new Set(triples.map((t) => t[1]))].sort();
  const elements = [
    ...new Set([
      ...params.defs.flatMap((d) => [...d.numerator, ...(d.kind === "rate" ? d.denominator : [])]),
      ...params.elements,
    ]),
  ];
  const col = (e: string) => sql.raw(`e${elements.indexOf(e)}`);
  // Members with no source in a window's first quarter did not exist then: their opening balance is 0.
  const absent = params.windows.flatMap((w) => {
    const first = [...w.quarters].sort()[0];
    const home = structureForQuarter(first) === params.structure;
    return params.members
      .filter((m) => (home ? m.home.length === 0 : m.foreign.length === 0))
      .map((m) => [m.id, w.key] as const);
  });
  // Per window and member: a flow is known when known in every quarter the member reported; the stock is
  // the first quarter's value, 0 for a member that did not exist then (see `absent`).
  const known = elements.map((e, i) => {
    const c = sql.raw(`e${i}`);
    return getElement(e)?.kind === "stock"
      ? sql`max(m.${c}) filter (where m.period = w.first) as ${c}`
      : sql`case when count(m.${c}) = count(*) then sum(m.${c}) end as ${c}`;
  });
  const opened = elements.map((e, i) => {
    const c = sql.raw(`e${i}`);
    return getElement(e)?.kind === "stock" && absent.length
      ? sql`coalesce(p.${c}, case when af.member is not null then 0 end) as ${c}`
      : sql`p.${c}`;
  });
  const outputs: SQL[] = params.defs.map((d, i) => {
    const all = [...d.numerator, ...(d.kind === "rate" ? d.denominator : [])];
    const complete = sql.join(
      all.map((e) => sql`${col(e)} is not null`),
      sql` and `,
    );
    const num = sql.join(
      d.numerator.map((e) => col(e)),
      sql` + `,
    );
    const den =
      d.kind === "rate"
        ? sql.join(
            d.denominator.map((e) => col(e)),
            sql` + `,
          )
        : sql`0`;
    const tag = (x: string) => sql.raw(`${x}${i}`);
    return sql`sum(${num}) filter (where ${complete})::float8 as ${tag("num")},
      coalesce(sum(${den}) filter (where ${complete}), 0)::float8 as ${tag("den")},
      coalesce(sum(g.w) filter (where ${complete}), 0)::int as ${tag("k")},
      coalesce(sum(u.n * g.w) filter (where ${complete}), 0)::int as ${tag("q")}`;
  });
  params.elements.forEach((e, i) =>
    outputs.push(
      sql`sum(${col(e)})::float8 as ${sql.raw(`t${i}`)}, coalesce(sum(g.w) filter (where ${col(e)} is not null),
        0)::int as ${sql.raw(`c${i}`)}`,
    ),
  );
  // Usually each member counts in one row group and in the total: grouping sets add both up in one pass.
  // Across the reform a member may count in the total only (a territory shared by several rows), or in a
  // row only: then each (member, group) pair is listed, the total as group TOTAL.
  const simple = params.members.every(
    (m) => m.groups.length === 2 && m.groups[1] === "total" && m.groups[0] !== "total",
  );
  const membership = simple
    ? params.members.map((m) => [m.id, m.groups[0] as number, m.weight] as const)
    : params.members.flatMap((m) => m.groups.map((g) => [m.id, g === "total" ? TOTAL : g, m.weight] as const));
  const grouping = simple ? sql`group by grouping sets ((u.win, g.grp), (u.win))` : sql`group by u.win, g.grp`;
  const isTotal = simple ? sql`grouping(g.grp) = 1` : sql`g.grp = ${TOTAL}`;
  const visible =
    params.readableGroups === null
      ? sql``
      : sql`having ${isTotal} or g.grp = any(${pgArray(params.readableGroups)}::int[])`;
  const crossing = !isPlain(params, quarters);
  const rows = await db.transaction(async (tx) => {
    // Room for the hash aggregates of a national table, instead of sorting it on disk.
    // Across the reform the unit quarters are also added up per member: more room, still in memory.
    await tx.execute(crossing ? sql`set local work_mem = '256MB'` : sql`set local work_mem = '64MB'`);
    // Across the reform the planner underestimates the composed rows (by ~100×) and would join them by
    // nested loops, quadratic in the members; hash and merge joins are right at every size here.
    if (crossing) await tx.execute(sql`set local enable_nestloop = off`);
    // The pivot's columns are generated, so its rows are read raw and each cell converted by `cell`.
    return queryRawRows(
      tx,
      sql`with
      win as (select * from unnest(${pgArray(triples.map((t) => t[0]))}::text[], ${pgArray(triples.map((t) => t[1]))}::text[],
                                   ${pgArray(triples.map((t) => t[2]))}::text[]) as t(win, period, first)),
      grp as (select * from unnest(${pgArray(membership.map((m) => m[0]))}::int[], ${pgArray(membership.map((m) => m[1]))}::int[],
                                   ${pgArray(membership.map((m) => m[2]))}::int[]) as t(member, grp, w)),
      mq as (${memberQuartersSql(params, elements, quarters)}),
      pm as (
        select w.win, m.member, count(*)::int as n, ${sql.join(known, sql`, `)}
        from mq m join win w on w.period = m.period
        group by w.win, m.member),
      af as (select distinct * from unnest(${pgArray(absent.map((a) => a[0]))}::int[],
        ${pgArray(absent.map((a) => a[1]))}::text[]) as t(member, win)),
      per_member as (
        select p.win, p.member, p.n, ${sql.join(opened, sql`, `)}
        from pm p ${absent.length ? sql`left join af on af.win = p.win and af.member = p.member` : sql``})
      select u.win, g.grp, sum(u.n * g.w)::int as reported, ${sql.join(outputs, sql`, `)}
      from per_member u join grp g on g.member = u.member
      ${grouping}
      ${visible}`,
    );
  });
  for (const r of rows) {
    const grp = cell(r, "grp");
    const group: GroupKey = grp === null || grp === TOTAL ? "total" : grp;
    const win = String(r.win);
    reported.set(key(win, group), cell(r, "reported") ?? 0);
    params.defs.forEach((d, i) => {
      const k = cell(r, `k${i}`) ?? 0;
      if (k === 0) return;
      aggregates.set(key(win, group, d.code), {
        numerator: cell(r, `num${i}`) ?? 0,
        denominator: cell(r, `den${i}`) ?? 0,
        contributors: k,
        coveredQuarters: cell(r, `q${i}`) ?? 0,
      });
    });
    params.elements.forEach((e, i) => {
      const n = cell(r, `c${i}`) ?? 0;
      totals.set(key(win, group, e), { value: n > 0 ? cell(r, `t${i}`) : null, communes: n });
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
  // Served from the shared result cache while no figure it depends on has changed (result-cache.ts).
  return cachedResult(db, "indicators", cacheParts(params), () => computeIndicatorTable(db, params));
}

/**
 * The same table as the UTF-8 bytes of its JSON text (what GET /api/indicators sends), from the cache when it
 * holds it: this process encodes a held result once, not on every answer.
 */
export async function getIndicatorTableJson(db: DbOrTx, params: IndicatorTableParams): Promise<Uint8Array<ArrayBuffer>> {
  return cachedJsonBytes(db, "indicators", cacheParts(params), async () =>
    JSON.stringify(await computeIndicatorTable(db, params)),
  );
}

/** Everything a table depends on besides the data (whose version the cache checks). */
function cacheParts(params: IndicatorTableParams) {
  const { reader, scope, period, indicators, by, elements } = params;
  return { reader, scope, period, indicators, by, elements };
}

async function computeIndicatorTable(db: DbOrTx, params: IndicatorTableParams): Promise<IndicatorTable> {
  const period = typeof params.period === "string" ? parseReportingPeriod(params.period) : params.period;
  if (!period) throw badPeriod(String(params.period));
  const defs = resolveIndicators(params.indicators);
  const country = typeof params.scope === "object" ? params.scope.country : null;
  const scope = country ? countryScope(country) : await getScopeUnit(db, { unitId: params.scope as number });
  const access = await readerAccess(db, params.reader, scope);
  const byBranch =
    params.by === "child" || country
      ? await listCommunesByBranch(db, country ? { structure: country } : { unitId: scope.id })
      : null;
  const communes = (byBranch ? byBranch.communes : await listCommunesUnder(db, { unitId: scope.id })).map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
  }));
  const branchOf = new Map((byBranch?.communes ?? []).map((c) => [c.id, c.branchId]));
  // Rows by quarter need only the scope's totals: one group, so few rows leave the database.
  const groupOf = (id: number) => (params.by === "child" ? branchOf.get(id)! : params.by === "period" ? 0 : id);
  const placed = communes.map((c) => ({ id: c.id, group: groupOf(c.id) }));
  const sizes = new Map<number, number>();
  for (const m of placed) sizes.set(m.group, (sizes.get(m.group) ?? 0) + 1);
  // With aggregate access a reader sees the totals and their own communes' rows, nothing else.
  const reader = params.reader;
  const readableGroups =
    access === "full" || reader === "system"
      ? null
      : params.by === "unit"
        ? communes.filter((c) => reader.readUnitIds.includes(c.id)).map((c) => c.id)
        : [];
  const allGroups: RowGroup[] =
    params.by === "child"
      ? byBranch!.branches.map((b) => ({
          kind: "child" as const,
          unit: { id: b.id, code: b.code, name: b.name },
          key: b.id,
          communes: sizes.get(b.id) ?? 0,
        }))
      : communes.map((c) => ({ kind: "commune" as const, unit: c, key: c.id, communes: 1 }));
  const groups =
    readableGroups === null ? allGroups : allGroups.filter((g) => readableGroups.includes(g.key as number));
  const windows = windowsNeeded(period, params.by);
  // Quarters of the other structure (before or after 1 July 2025) are read through the mapping.
  const foreignQuarters = (w: Period) => w.quarters.filter((q) => structureForQuarter(q) !== scope.structure);
  const groupRows = params.by !== "period";
  let members = plainMembers(placed, groupRows);
  let crossings: Map<GroupKey, Crossing> | null = null;
  if (windows.some((w) => foreignQuarters(w).length > 0)) {
    const { edges, names } = await getReformEdges(db, {
      unitIds: communes.map((c) => c.id),
      structure: scope.structure,
    });
    const plan = planReform({ communes: placed, edges, names, groupRows });
    members = plan.members;
    crossings = plan.crossings;
  }
  const [base, targets] = await Promise.all([
    getAggregates(db, {
      members,
      structure: scope.structure,
      windows: windows.map((w) => ({ key: w.code, quarters: w.quarters })),
      defs,
      elements: params.elements ?? [],
      readableGroups,
    }),
    getTargets(db),
  ]);
  const byCode = new Map(windows.map((w) => [w.code, w]));
  const source: AggregateSource = {
    ...base,
    crossing: (win, group) => {
      const quarters = foreignQuarters(byCode.get(win)!);
      const c = quarters.length && crossings ? crossings.get(group) : undefined;
      return c ? { ...c, quarters } : null;
    },
  };
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
