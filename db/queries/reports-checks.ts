/**
 * What a report is checked against: the figures the commune submitted for the period (data_values),
 * and the text of other reports (its previous report, its neighbours' reports of the period) and of
 * its own other items, for recycled passages.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { int } from "../columns";
import { addQuarters, parsePeriod } from "@/lib/periods";
import { getElement } from "@/lib/indicators/catalogue";
import { MIN_SHARE_OTHER_REPORT, ShingleIndex } from "@/lib/reports/repetition";
import type { ItemRef } from "@/lib/reports/parse";
import type { StatedFigure } from "@/lib/reports/figures";
import type { ReportItem } from "@/lib/reports/structure";

export interface FigureCheck {
  text: string;
  value: number;
  element: string | null;
  part: string | null;
  itemNumber: number | null;
  /** The figure the commune submitted for the element and period (sum of quarters for a flow), or null. */
  submitted: number | null;
  check: "agree" | "differ" | "none" | null;
}

/**
 * Stated figures next to submitted ones.
 * @example a report stating "05 buổi đối thoại" where data_values holds dialogues_held = 4 → { value: 5, submitted: 4, check: "differ" }
 */
export async function submittedFigures(
  db: DbOrTx,
  params: { unitId: number; period: string; figures: (StatedFigure & { at: ItemRef | null })[] },
): Promise<FigureCheck[]> {
  const quarters = parsePeriod(params.period)?.quarters ?? [];
  const elements = [...new Set(params.figures.map((f) => f.element).filter((e): e is string => !!e))];
  const values = new Map<string, number>();
  if (elements.length && quarters.length) {
    const rows = await queryRows(
      db,
      sql`select element_code as element, period, value from data_values
          where unit_id = ${params.unitId}
            and period in (${sql.join(
              quarters.map((q) => sql`${q}`),
              sql`, `,
            )})
            and element_code in (${sql.join(
              elements.map((e) => sql`${e}`),
              sql`, `,
            )})`,
      z.object({ element: z.string(), period: z.string(), value: int }),
    );
    for (const e of elements) {
      const mine = rows.filter((r) => r.element === e).sort((a, b) => a.period.localeCompare(b.period));
      if (!mine.length) continue;
      values.set(
        e,
        getElement(e)?.kind === "stock" ? mine[mine.length - 1].value : mine.reduce((s, r) => s + r.value, 0),
      );
    }
  }
  return params.figures.map((f) => {
    const submitted = f.element ? (values.get(f.element) ?? null) : null;
    const check = !f.element ? null : submitted === null ? "none" : submitted === f.value ? "agree" : "differ";
    return {
      text: f.text,
      value: f.value,
      element: f.element,
      part: f.at?.part ?? null,
      itemNumber: f.at?.number ?? null,
      submitted,
      check,
    };
  });
}

export interface RepetitionSource {
  /** null until the report is stored, for a repeat inside the same report; null too when hidden from the reader. */
  reportId: number | null;
  unitId: number;
  unit: { code: string; name: string };
  period: string;
  part: string;
  number: number;
}

export interface RepetitionEntry {
  part: string;
  number: number;
  kind: "same_report" | "previous" | "other_commune";
  share: number;
  source: RepetitionSource;
  ranges: [number, number][];
}

/** The period before: the previous quarter, or the same kind of period a year earlier. */
export function previousPeriod(period: string): string | null {
  const p = parsePeriod(period);
  if (!p) return null;
  if (p.kind === "quarter") return addQuarters(p.code, -1);
  const year = Number(p.code.slice(0, 4)) - 1;
  return `${year}${p.code.slice(4)}`;
}

const candidateRowSchema = z.object({
  reportId: int,
  unitId: int,
  code: z.string(),
  name: z.string(),
  period: z.string(),
  part: z.string(),
  number: int,
  text: z.string(),
});
type CandidateRow = z.infer<typeof candidateRowSchema>;

/**
 * Per item, the best source of recycled text of each kind (its earlier items, the commune's previous
 * report, another commune's report of the same period under the same parent unit).
 */
export async function findRepetition(
  db: DbOrTx,
  params: {
    unit: { id: number; code: string; name: string; parentId: number | null };
    period: string;
    items: ReportItem[];
    excludeReportId: number | null;
  },
): Promise<RepetitionEntry[]> {
  const prev = previousPeriod(params.period);
  const rows = await queryRows(
    db,
    sql`with mine as (
          select ${params.unit.id}::int as id
          union select new_unit_id from unit_merges where old_unit_id = ${params.unit.id}
          union select old_unit_id from unit_merges where new_unit_id = ${params.unit.id}
        )
        select i.report_id as "reportId", i.unit_id as "unitId", u.code, u.name, i.period, i.part, i.number, i.text
        from narrative_report_items i join units u on u.id = i.unit_id
        where i.is_current
          and ((i.period = ${prev ?? ""} and i.unit_id in (select id from mine))
            or (i.period = ${params.period} and i.unit_id <> ${params.unit.id}
                and u.parent_id ${params.unit.parentId === null ? sql`is null` : sql`= ${params.unit.parentId}`}))
          ${params.excludeReportId ? sql`and i.report_id <> ${params.excludeReportId}` : sql``}`,
    candidateRowSchema,
  );
  const previous = new ShingleIndex<CandidateRow>();
  const others = new ShingleIndex<CandidateRow>();
  for (const r of rows) (r.period === params.period ? others : previous).add(r, r.text);
  const own = new ShingleIndex<ReportItem>();
  const out: RepetitionEntry[] = [];
  const me = { code: params.unit.code, name: params.unit.name };
  for (const it of params.items) {
    const at = { part: it.part, number: it.number };
    const inside = own.best(it.text);
    if (inside)
      out.push({
        ...at,
        kind: "same_report",
        share: inside.share,
        ranges: inside.ranges,
        source: {
          reportId: null,
          unitId: params.unit.id,
          unit: me,
          period: params.period,
          part: inside.source.part,
          number: inside.source.number,
        },
      });
    for (const [kind, index] of [
      ["previous", previous],
      ["other_commune", others],
    ] as const) {
      if (!index.size) continue;
      const best = index.best(it.text, MIN_SHARE_OTHER_REPORT);
      if (best) {
        const s = best.source;
        out.push({
          ...at,
          kind,
          share: best.share,
          ranges: best.ranges,
          source: {
            reportId: s.reportId,
            unitId: s.unitId,
            unit: { code: s.code, name: s.name },
            period: s.period,
            part: s.part,
            number: s.number,
          },
        });
      }
    }
    own.add(it, it.text);
  }
  return out;
}

/**
 * Sources in communes the reader may not read keep only their period and item: no commune, no link
 * (a reporter learns that an item repeats another report, never whose).
 */
export function redactRepetition<E extends { source: RepetitionSource }>(
  entries: readonly E[],
  canRead: (unitId: number) => boolean,
): E[] {
  return entries.map((e) =>
    canRead(e.source.unitId)
      ? e
      : { ...e, source: { ...e.source, reportId: null, unitId: 0, unit: { code: "", name: "một xã khác" } } },
  );
}
