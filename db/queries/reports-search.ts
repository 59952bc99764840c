/**
 * Full-text search over the items of current narrative reports, without diacritics ("tiep cong dan"
 * finds "tiếp công dân"), with phrases ("\"tiếp công dân\""), ranked, with highlighted snippets.
 * Uses the GIN index on narrative_report_items.search (to_tsvector('simple', f_unaccent(…))).
 * The reader's scope is a parameter: rows of communes they may not read never reach a hit or snippet.
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
export async function searchReports(db: DbOrTx, params: SearchParams): Promise<{ total: number; hits: SearchHit[] }> {
  const q = params.q.trim().slice(0, 200);
  if (!q) return { total: 0, hits: [] };
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
    // Matches are ranked once into a narrow (id, rank) set: the wide rows never go through a sort or a window.
    sql`with q as (select websearch_to_tsquery('simple', public.f_unaccent(${q})) as query),
        m as materialized (
          select i.id, i.period, ts_rank_cd(i.search, query) as rank
          from narrative_report_items i, q
          where ${sql.join(where, sql` and `)}
        ),
        ranked as (
          select id, rank, (select count(*) from m) as total from m
          order by rank desc, period desc, id
          limit ${params.limit ?? 20} offset ${params.offset ?? 0}
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
  return {
    total: rows[0]?.total ?? 0,
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
