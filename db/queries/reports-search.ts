/**
 * Full-text search over the items of current narrative reports, without diacritics ("tiep cong dan"
 * finds "tiếp công dân"), with phrases ("\"tiếp công dân\""), ranked, with highlighted snippets.
 * Uses the GIN index on narrative_report_items.search (to_tsvector('simple', f_unaccent(…))), all of the query,
 * its rarest words, or none of it (the scope's rows read), whichever the table's statistics say is cheapest
 * (chooseStrategy): the hits are the same.
 * The reader's scope is a parameter: rows of communes they may not read never reach a hit or snippet.
 *
 * Cost: ranking (ts_rank_cd, ~8 µs a hit) and counting need every hit's tsvector from the table; a
 * country-wide search for common words has 160,000 hits and took a second. So at most `maxRanked` hits
 * (default 5,000, and never fewer than offset + limit) are read: up to there the total and the ranking are
 * exact (every hit is ranked); past it the answer says `capped: true`, `total` is the number read (a lower
 * bound), and the hits are the best ranked among the first `cappedRanked` (1,000) matches the database
 * finds. Narrowing by scope, period or topic brings the ranking back to exact.
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { float, int } from "../columns";
import { readableUnitsArraySql, type UserScope } from "./access";

export interface SearchHit {
  reportId: number;
  unit: { code: string; name: string };
  period: string;
  part: string;
  number: number;
  topic: string;
  title: string;
  /** HTML-escaped text with the matches in <mark>…</mark>. */
  snippet: string;
  rank: number;
}

export interface SearchParams {
  q: string;
  scope: UserScope;
  /** Only communes below this unit (the `scope=` of the request). */
  underUnitId?: number | null;
  periods?: string[];
  topic?: string;
  limit?: number;
  offset?: number;
  /** Hits read and ranked at most (see above); REPORT_SEARCH_MAX_RANKED overrides the default. */
  maxRanked?: number;
}

export interface SearchResult {
  /** Every hit when `capped` is false; else the number of hits read, a lower bound. */
  total: number;
  /** True when there are more than `maxRanked` hits: `total` is a lower bound, the ranking partial. */
  capped: boolean;
  hits: SearchHit[];
}

/** Hits read and ranked by one search at most (REPORT_SEARCH_MAX_RANKED, default 5,000). */
export function searchMaxRanked(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.REPORT_SEARCH_MAX_RANKED);
  return Number.isInteger(n) && n >= 1 ? n : 5000;
}

const START = "\uE000";
const STOP = "\uE001";

/** ts_headline output (markers around matches) → safe HTML with <mark>. */
export function snippetHtml(raw: string): string {
  const escaped = raw.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return escaped.split(START).join("<mark>").split(STOP).join("</mark>");
}

/** Communes below a unit (any depth) as a SQL condition on `column`. */
export function underUnitSql(unitId: number, column: ReturnType<typeof sql>) {
  return sql`${column} in (with recursive tree as (
      select id, level from units where id = ${unitId}
      union all select u.id, u.level from units u join tree t on u.parent_id = t.id
    ) select id from tree where level = 'commune')`;
}

/**
 * How the matches are found: `indexed` lexemes of the query (the rarest first) go through the GIN index and the
 * whole query is tested on the rows it yields; 0 reads the candidate rows (scope, period, topic) and tests each;
 * "all" hands the whole query to the index (as before). The hits are the same whichever is chosen (ranked the same);
 * only which matches are read first, when there are more than maxRanked, differs.
 */
export type SearchStrategy = { indexed: number | "all" };

/**
 * Costs in "rows read and tested" (~1.3 µs each on the bench corpus): decoding one GIN posting entry costs about
 * 1/16 of that, adding a matching row to the index's bitmap (before the first row comes out) about 0.4.
 */
const POSTING_COST = 1 / 16;
const BITMAP_COST = 0.4;

/** What the planner's statistics say about a query's words (pg_stats of narrative_report_items). */
export interface SearchStats {
  /** Lexemes of the indexable part of the query (querytree), and whether it holds only AND and phrases. */
  lexemes: string[];
  andOnly: boolean;
  /** Share of items holding each lexeme (most_common_elems), the smallest listed share for the others. */
  freqs: number[];
  items: number;
  units: number;
  periods: number;
  topics: number;
}

/** The lexemes of querytree() output (`'tiep' & 'cong' <-> 'dan'`) and whether it holds only AND and phrase operators. */
export function parseQueryTree(tree: string): { lexemes: string[]; andOnly: boolean } {
  const quoted = /'((?:[^']|'')*)'/g;
  const lexemes = [...tree.matchAll(quoted)].map((m) => m[1].replace(/''/g, "'"));
  const operators = tree.replace(quoted, "");
  // Prefixes and weights (':*', ':A') are never written by websearch_to_tsquery; treat them as not plain.
  return { lexemes: [...new Set(lexemes)], andOnly: lexemes.length > 0 && !/[|!:]/.test(operators) };
}

/**
 * Which way is cheapest for this query and these filters, from the statistics (ANALYZE) of the table. The GIN
 * index reads every posting of the words it is given (a common syllable such as "công" or "dân" has hundreds of
 * thousands) and puts every row holding them all into a bitmap before the first row comes out, however few hits
 * are wanted; reading rows costs more per row but stops after maxRanked + 1 matches. With only AND and phrases,
 * any of the query's words narrow the rows to test, so the rarest k go through the index and the rows they yield
 * are tested against the whole query: k is chosen to minimise postings + bitmap + rows tested (words taken as
 * independent). Without statistics (a new or small database, PGlite before ANALYZE): "all".
 *
 * @example chooseStrategy({ lexemes: ["tiep", "cong", "dan"], andOnly: true, freqs: [0.48, 0.67, 0.73], items:
 * 463_000, units: 9_800, periods: 4, topics: 8 }, { readUnits: 547, maxRanked: 5000 }) → { indexed: 0 }
 */
export function chooseStrategy(
  stats: SearchStats | null,
  filters: { readUnits: number | null; periods?: number; topic?: boolean; maxRanked: number },
): SearchStrategy {
  if (!stats || !stats.lexemes.length || stats.items < 1) return { indexed: "all" };
  const share =
    (filters.readUnits === null ? 1 : Math.min(1, filters.readUnits / Math.max(1, stats.units))) *
    (filters.periods ? Math.min(1, filters.periods / Math.max(1, stats.periods)) : 1) *
    (filters.topic ? 1 / Math.max(1, stats.topics) : 1);
  const n = stats.items;
  const wanted = filters.maxRanked + 1;
  const f = [...stats.freqs].sort((a, b) => a - b);
  const product = (xs: number[]) => xs.reduce((p, x) => p * x, 1);
  const sum = (xs: number[]) => xs.reduce((p, x) => p + x, 0);
  /** Rows read and tested until `wanted` matches, when a share `hold` of the candidates matches. */
  const rowsFor = (candidates: number, hold: number) => Math.min(candidates, wanted / Math.max(hold, 1e-12));
  if (!stats.andOnly) {
    // An OR (or a NOT): the whole query through the index, or a scan, which stops once enough rows hold a word.
    const union = Math.min(1, sum(f));
    const index = n * sum(f) * POSTING_COST + n * union * BITMAP_COST + Math.min(n * share * union, wanted);
    const scan = rowsFor(n * share, f[f.length - 1]);
    return scan < index ? { indexed: 0 } : { indexed: "all" };
  }
  let best = { k: 0, cost: rowsFor(n * share, product(f)) };
  for (let k = 1; k <= f.length; k++) {
    // AND: the index skips through the postings of common words to those of the rarest (fast scan), about so far.
    const postings = n * sum(f.slice(0, k).map((x) => Math.min(x, 4 * f[0])));
    const bitmap = n * product(f.slice(0, k));
    const cost = postings * POSTING_COST + bitmap * BITMAP_COST + rowsFor(bitmap * share, product(f.slice(k)));
    if (cost < best.cost) best = { k, cost };
  }
  return { indexed: best.k === f.length ? "all" : best.k };
}

/** The `k` rarest lexemes as a tsquery text (`'dinh' & 'ky'`), for the index. */
export function rarestQuery(stats: SearchStats, k: number): string {
  return stats.lexemes
    .map((l, i) => ({ l, f: stats.freqs[i] }))
    .sort((a, b) => a.f - b.f)
    .slice(0, k)
    .map(({ l }) => `'${l.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`)
    .join(" & ");
}

/** pg_stats of the table, read again at most once a minute per database handle (they change with ANALYZE). */
const statsCache: WeakMap<object, { at: number; value: TableStats | null }> = ((
  globalThis as { __reportSearchStats?: WeakMap<object, { at: number; value: TableStats | null }> }
).__reportSearchStats ??= new WeakMap());

interface TableStats {
  elems: Map<string, number>;
  least: number;
  items: number;
  units: number;
  periods: number;
  topics: number;
}

/** Read the statistics again at the next search (after an ANALYZE, in tests). */
export function forgetSearchStats(db: DbOrTx): void {
  statsCache.delete(db);
}

async function tableStats(db: DbOrTx): Promise<TableStats | null> {
  const cached = statsCache.get(db);
  if (cached && Date.now() - cached.at < 60_000) return cached.value;
  const [row] = await queryRows(
    db,
    sql`select
          (select most_common_elems::text from pg_stats
            where schemaname = 'public' and tablename = 'narrative_report_items' and attname = 'search') as elems,
          (select most_common_elem_freqs::text from pg_stats
            where schemaname = 'public' and tablename = 'narrative_report_items' and attname = 'search') as freqs,
          (select reltuples::float8 from pg_class where oid = 'public.narrative_report_items'::regclass) as items,
          (select json_object_agg(attname, n_distinct::float8)::text from pg_stats
            where schemaname = 'public' and tablename = 'narrative_report_items'
              and attname in ('unit_id', 'period', 'topic')) as distinct`,
    z.object({
      elems: z.string().nullable(),
      freqs: z.string().nullable(),
      items: z.coerce.number().nullable(),
      distinct: z.string().nullable(),
    }),
  );
  let value: TableStats | null = null;
  if (row?.elems && row.freqs && row.items && row.items >= 1 && row.distinct) {
    const elems = parsePgTextArray(row.elems);
    const freqs = row.freqs.replace(/[{}]/g, "").split(",").map(Number);
    // After the listed elements' shares come the smallest and largest of them and the share of null rows.
    const least = freqs[elems.length] ?? Math.min(...freqs.slice(0, elems.length));
    const distinct = JSON.parse(row.distinct) as Record<string, number>;
    // n_distinct < 0 is a share of the rows.
    const count = (x: number | undefined) => (x === undefined ? 1 : x < 0 ? -x * row.items! : x);
    value = {
      elems: new Map(elems.map((e, i) => [e, freqs[i]])),
      least,
      items: row.items,
      units: count(distinct.unit_id),
      periods: count(distinct.period),
      topics: count(distinct.topic),
    };
  }
  statsCache.set(db, { at: Date.now(), value });
  return value;
}

/** The query's lexemes, with their shares when the table has statistics (else items 0: no choice is made). */
export async function searchStats(db: DbOrTx, q: string, lexemesAnyway = false): Promise<SearchStats | null> {
  const table = await tableStats(db);
  // Without statistics there is nothing to choose: no second query (PGlite, a new database).
  if (!table && !lexemesAnyway) return null;
  const [row] = await queryRows(
    db,
    sql`select querytree(websearch_to_tsquery('simple', public.f_unaccent(${q})))::text as tree`,
    z.object({ tree: z.string() }),
  );
  const { lexemes, andOnly } = parseQueryTree(row?.tree ?? "");
  if (!lexemes.length) return null;
  return {
    lexemes,
    andOnly,
    freqs: lexemes.map((l) => (table ? (table.elems.get(l) ?? table.least) : 1)),
    items: table?.items ?? 0,
    units: table?.units ?? 1,
    periods: table?.periods ?? 1,
    topics: table?.topics ?? 1,
  };
}

/** A PostgreSQL text[] literal ({a,"b c",d}) → strings (lexemes of the simple configuration hold no backslashes but may be quoted). */
export function parsePgTextArray(text: string): string[] {
  const inner = text.replace(/^\{/, "").replace(/\}$/, "");
  const out: string[] = [];
  for (const m of inner.matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g))
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]);
  return out;
}

/** Hits ranked when the search is capped (REPORT_SEARCH_CAPPED_RANKED, default 1,000; never more than maxRanked). */
export function searchCappedRanked(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.REPORT_SEARCH_CAPPED_RANKED);
  return Number.isInteger(n) && n >= 1 ? n : 1000;
}

/**
 * @example searchReports(db, { q: "tiep cong dan", scope }) → { total: 2, hits: [{ unit: { code: "21136", … }, part:
 * "II", number: 7, snippet: "Tổ chức tốt các buổi " +
   "<mark>tiếp</mark> <mark>công</mark> <mark>dân</mark>…" }, …] }
 */
export async function searchReports(
  db: DbOrTx,
  params: SearchParams & { strategy?: SearchStrategy; cappedRanked?: number },
): Promise<SearchResult> {
  const q = params.q.trim().slice(0, 200);
  if (!q) return { total: 0, capped: false, hits: [] };
  const limit = params.limit ?? 20;
  const offset = params.offset ?? 0;
  const maxRanked = Math.max(params.maxRanked ?? searchMaxRanked(), offset + limit);
  const cappedRanked = Math.max(Math.min(params.cappedRanked ?? searchCappedRanked(), maxRanked), offset + limit);
  const forced = params.strategy?.indexed;
  // Statistics (and the query's lexemes) are needed to choose, and to name the rarest lexemes.
  const needsLexemes = forced !== undefined && forced !== "all";
  const stats = forced === undefined || needsLexemes ? await searchStats(db, q, needsLexemes) : null;
  const chosen =
    forced ??
    chooseStrategy(stats, {
      readUnits: params.scope.all ? null : params.scope.readUnitIds.length,
      periods: params.periods?.length,
      topic: Boolean(params.topic),
      maxRanked,
    }).indexed;
  const indexed =
    chosen !== "all" && chosen > 0 && (!stats?.andOnly || chosen >= stats.lexemes.length) ? "all" : chosen;
  const filters = [
    sql`i.is_current`,
    // One array parameter rather than a list of hundreds (a province's communes): cheaper to send and to plan.
    readableUnitsArraySql(params.scope, sql`i.unit_id`),
    params.underUnitId ? underUnitSql(params.underUnitId, sql`i.unit_id`) : sql`true`,
    params.periods?.length
      ? sql`i.period in (${sql.join(
          params.periods.map((p) => sql`${p}`),
          sql`, `,
        )})`
      : sql`true`,
    params.topic ? sql`i.topic = ${params.topic}` : sql`true`,
  ];
  // ts_match_vq is the function behind @@: the same test, which no index serves. With none of the words indexed
  // the candidate rows are read (by scope, period, topic, or all); with some, the index yields the rows holding them.
  // The rarest words come in through the CTE as the query does, so the planner treats both alike (an estimate it
  // cannot make from a value it does not see): with a constant it underestimates compounds ("đất đai") and reads
  // every row of the country holding them instead of combining the index with the scope's.
  // Read without the index, the rows are first tested for the two rarest words (a lookup each), which spares most
  // of them the whole query (a phrase is checked position by position).
  const prefilter = indexed === 0 && stats?.andOnly && stats.lexemes.length > 1;
  const match =
    indexed === "all"
      ? sql`i.search @@ query`
      : indexed === 0
        ? prefilter
          ? sql`ts_match_vq(i.search, sub) and ts_match_vq(i.search, query)`
          : sql`ts_match_vq(i.search, query)`
        : sql`i.search @@ sub and ts_match_vq(i.search, query)`;
  const sub =
    typeof indexed === "number" && indexed > 0
      ? rarestQuery(stats!, indexed)
      : prefilter
        ? rarestQuery(stats!, 2)
        : null;
  const qCte = sql`q as (select websearch_to_tsquery('simple', public.f_unaccent(${q})) as query, ${sub}::tsquery as sub)`;
  const where = [match, ...filters];
  const opts = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  const read = (d: DbOrTx) =>
    queryRows(
      d,
      // At most maxRanked + 1 matches are read into a narrow (id, period, tsvector) set. Up to maxRanked every one is
      // ranked; past it (capped) only the first cappedRanked read are: ranking costs ~5 µs a hit, reading ~1. Only the
      // page shown gets a headline.
      sql`with ${qCte},
        m as materialized (
          select i.id, i.period, i.search
          from narrative_report_items i, q
          where ${sql.join(where, sql` and `)}
          limit ${maxRanked + 1}
        ),
        n as (select count(*) as total from m),
        r as materialized (
          select m.id, m.period, ts_rank_cd(m.search, q.query) as rank from m, q
          limit (select case when total > ${maxRanked}::int then ${cappedRanked}::int else ${maxRanked + 1}::int end from n)
        ),
        ranked as (
          select id, rank, (select total from n) as total from r
          order by rank desc, period desc, id
          limit ${limit} offset ${offset}
        )
        select r.id, r.rank::float8 as rank, r.total::int as total, i.report_id as "reportId", u.code, u.name,
          i.period, i.part, i.number, i.topic, i.title,
          ts_headline('public.vn_unaccent', i.text, q.query, ${opts}) as snippet
        from ranked r join narrative_report_items i on i.id = r.id join units u on u.id = i.unit_id, q
        order by r.rank desc, i.period desc, i.id`,
      z.object({
        id: int,
        rank: float,
        total: int,
        reportId: int,
        code: z.string(),
        name: z.string(),
        period: z.string(),
        part: z.string(),
        number: int,
        topic: z.string(),
        title: z.string(),
        snippet: z.string(),
      }),
    );
  // A sequential scan that stops early leaves its position for the next one to start from (synchronize_seqscans):
  // the first maxRanked + 1 matches read would then differ from one search to the next.
  const rows =
    indexed === 0
      ? await db.transaction(async (tx) => {
          await tx.execute(sql`set local synchronize_seqscans = off`);
          return read(tx);
        })
      : await read(db);
  const found = rows[0]?.total ?? (offset > 0 ? await countHits(db, qCte, where, maxRanked + 1) : 0);
  return {
    total: Math.min(found, maxRanked),
    capped: found > maxRanked,
    hits: rows.map((r) => ({
      reportId: r.reportId,
      unit: { code: r.code, name: r.name },
      period: r.period,
      part: r.part,
      number: r.number,
      topic: r.topic,
      title: r.title,
      snippet: snippetHtml(r.snippet),
      rank: r.rank,
    })),
  };
}

/** Matches counted up to `cap` (a page past the last hit has no row to carry the total). */
async function countHits(db: DbOrTx, qCte: SQL, where: SQL[], cap: number): Promise<number> {
  const [row] = await queryRows(
    db,
    sql`with ${qCte}
        select count(*)::int as n from (
          select 1 from narrative_report_items i, q where ${sql.join(where, sql` and `)} limit ${cap}
        ) x`,
    z.object({ n: int }),
  );
  return row.n;
}
