/**
 * Full-text search over the items of current narrative reports, without diacritics ("tiep cong dan"
 * finds "tiếp công dân"), with phrases ("\"tiếp công dân\""), ranked, with highlighted snippets.
 * Uses the GIN index on narrative_report_items.search (to_tsvector('simple', f_unaccent(…))).
 * The reader's scope is a parameter: rows of communes they may not read never reach a hit or snippet.
 *
 * Cost: ranking (ts_rank_cd) and counting need every hit's tsvector from the table, about 4 µs and one
 * heap visit each; a country-wide search for common words has 160,000 hits and took a second. So at
 * most `maxRanked` hits (default 5,000, and never fewer than offset + limit) are read: up to there the
 * total and the ranking are exact (every hit is ranked); past it the answer says `capped: true`, `total`
 * is the number read (a lower bound), and the hits are the best ranked among the first `maxRanked + 1`
 * matches the database finds. Narrowing by scope, period or topic brings the ranking back to exact.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { float, int } from "../columns";
import { readableUnitsSql, type UserScope } from "./access";

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
 * @example searchReports(db, { q: "tiep cong dan", scope }) → { total: 2, hits: [{ unit: { code: "21136", … }, part:
 * "II", number: 7, snippet: "Tổ chức tốt các buổi " +
   "<mark>tiếp</mark> <mark>công</mark> <mark>dân</mark>…" }, …] }
 */
export async function searchReports(db: DbOrTx, params: SearchParams): Promise<SearchResult> {
  const q = params.q.trim().slice(0, 200);
  if (!q) return { total: 0, capped: false, hits: [] };
  const limit = params.limit ?? 20;
  const offset = params.offset ?? 0;
  const maxRanked = Math.max(params.maxRanked ?? searchMaxRanked(), offset + limit);
  const where = [
    sql`i.is_current`,
    sql`i.search @@ query`,
    readableUnitsSql(params.scope, sql`i.unit_id`),
    params.underUnitId ? underUnitSql(params.underUnitId, sql`i.unit_id`) : sql`true`,
    params.periods?.length
      ? sql`i.period in (${sql.join(
          params.periods.map((p) => sql`${p}`),
          sql`, `,
        )})`
      : sql`true`,
    params.topic ? sql`i.topic = ${params.topic}` : sql`true`,
  ];
  const opts = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  const rows = await queryRows(
    db,
    // At most maxRanked + 1 matches are read and ranked, into a narrow (id, rank) set: the wide rows never
    // go through a sort or a window, and only the page shown gets a headline.
    sql`with q as (select websearch_to_tsquery('simple', public.f_unaccent(${q})) as query),
        m as materialized (
          select i.id, i.period, ts_rank_cd(i.search, query) as rank
          from narrative_report_items i, q
          where ${sql.join(where, sql` and `)}
          limit ${maxRanked + 1}
        ),
        ranked as (
          select id, rank, (select count(*) from m) as total from m
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
  const read = rows[0]?.total ?? (offset > 0 ? await countHits(db, q, where, maxRanked + 1) : 0);
  return {
    total: Math.min(read, maxRanked),
    capped: read > maxRanked,
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
async function countHits(db: DbOrTx, q: string, where: ReturnType<typeof sql>[], cap: number): Promise<number> {
  const [row] = await queryRows(
    db,
    sql`with q as (select websearch_to_tsquery('simple', public.f_unaccent(${q})) as query)
        select count(*)::int as n from (
          select 1 from narrative_report_items i, q where ${sql.join(where, sql` and `)} limit ${cap}
        ) x`,
    z.object({ n: int }),
  );
  return row.n;
}
