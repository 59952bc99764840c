/**
 * Completeness and timeliness of reporting for a scope and a period: who reported each quarter, who was
 * late, who is missing, and when each of them last sent anything. The deadline day is a setting.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { cachedResult, reviveDates } from "./result-cache";
import { z } from "zod";
import { date, dateOrNull, int } from "../columns";
import { pgArray } from "../pg-array";
import { ValidationError } from "@/lib/errors";
import { parseReportingPeriod } from "@/lib/indicators/comparison";
import { buildCompleteness, type CompletenessCounts, type QuarterCompleteness } from "@/lib/indicators/completeness";
import { deadlineDaySchema, parseDeadlineDay } from "@/lib/indicators/deadline";
import { badPeriod } from "@/lib/indicators/errors";
import { structureForQuarter, type Period } from "@/lib/periods";
import { filterCompletenessForScope, readerAccess, type Reader } from "./access";
import { getReformEdges, getScopeUnit, listCommunesUnder, type ScopeUnit } from "./units";

const DEADLINE_KEY = "deadline_day";

/** Day of the quarter's last month by which reports are due (settings `deadline_day`, default 18). */
export async function getDeadlineDay(db: DbOrTx): Promise<number> {
  const rows = await queryRows(
    db,
    sql`select value from settings where key = ${DEADLINE_KEY}`,
    z.object({ value: z.string() }),
  );
  return parseDeadlineDay(rows[0]?.value);
}

/** Set the deadline day (integer 1–30); throws ValidationError, writing nothing, otherwise. */
export async function setDeadlineDay(db: DbOrTx, params: { day: number }): Promise<number> {
  const r = deadlineDaySchema.safeParse(params.day);
  if (!r.success) {
    throw new ValidationError(
      [
        {
          column: "day",
          value: String(params.day),
          code: "invalid_deadline_day",
          messageVi: r.error.issues[0].message,
          messageEn: "The deadline day must be an integer from 1 to 30.",
        },
      ],
      "Ngày hạn báo cáo không hợp lệ, chưa ghi gì.",
      "Invalid deadline day; nothing was written.",
    );
  }
  await db.execute(
    sql`insert into settings (key, value, updated_at) values (${DEADLINE_KEY}, ${String(r.data)}, now())
        on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`,
  );
  return r.data;
}

export interface CompletenessReport {
  scope: ScopeUnit;
  period: Period;
  deadlineDay: number;
  /** One entry per quarter of the period, oldest first. */
  quarters: QuarterCompleteness[];
  /** The quarters added up: commune-quarters expected, reported, on time, late, missing. */
  total: CompletenessCounts;
}

/**
 * Who reported, on time or late, and who is missing, per quarter of the period, for the communes below
 * a unit, narrowed to what the reader may see. A first arrival is the earliest change that stored a figure (reverts excluded).
 * @example getCompleteness(db, { reader, scopeUnitId: 2, period: "2025Q2" }) → quarters[0]: { expected: 16,
 * reported: 15, missingCommunes: [Trà Bùi], … }
 */
export async function getCompleteness(
  db: DbOrTx,
  params: { reader: Reader; scopeUnitId: number; period: string | Period },
): Promise<CompletenessReport> {
  // Served from the shared result cache while nothing it depends on has changed (result-cache.ts).
  const { reader, scopeUnitId, period } = params;
  return cachedResult(db, "completeness", { reader, scopeUnitId, period }, () => computeCompleteness(db, params), {
    revive: (value) => reviveDates(value) as CompletenessReport,
  });
}

async function computeCompleteness(
  db: DbOrTx,
  params: { reader: Reader; scopeUnitId: number; period: string | Period },
): Promise<CompletenessReport> {
  const period = typeof params.period === "string" ? parseReportingPeriod(params.period) : params.period;
  if (!period) throw badPeriod(String(params.period));
  const scope = await getScopeUnit(db, { unitId: params.scopeUnitId });
  const access = await readerAccess(db, params.reader, scope);
  const communes = await listCommunesUnder(db, { unitId: scope.id });
  const deadlineDay = await getDeadlineDay(db);
  const units = pgArray(communes.map((c) => c.id));
  // Stored quarters of each commune (any quarter: the latest is shown beside a missing commune).
  const stored = communes.length
    ? await queryRows(
        db,
        sql`select distinct unit_id, period from data_values where unit_id = any(${units}::int[])`,
        z.object({ unit_id: int, period: z.string() }),
      )
    : [];
  // Arrivals per commune and quarter; a revert re-stores old figures but is not the commune reporting.
  const arrivals = communes.length
    ? await queryRows(
        db,
        sql`select h.unit_id, h.period, min(h.changed_at) as first_at, max(h.changed_at) as last_at
            from value_history h join imports i on i.id = h.import_id
            where h.unit_id = any(${units}::int[]) and h.new_value is not null and i.source <> 'revert'
            group by h.unit_id, h.period`,
        z.object({ unit_id: int, period: z.string(), first_at: date, last_at: date }),
      )
    : [];
  const activity = new Map<number, { lastReportedAt: Date | null; lastPeriod: string | null }>();
  const touch = (id: number) => {
    let a = activity.get(id);
    if (!a) activity.set(id, (a = { lastReportedAt: null, lastPeriod: null }));
    return a;
  };
  for (const s of stored) {
    const a = touch(s.unit_id);
    if (a.lastPeriod === null || s.period > a.lastPeriod) a.lastPeriod = s.period;
  }
  for (const r of arrivals) {
    const a = touch(r.unit_id);
    const last = r.last_at;
    if (a.lastReportedAt === null || last > a.lastReportedAt) a.lastReportedAt = last;
  }
  const inPeriod = new Set(period.quarters);
  let reported = stored.filter((s) => inPeriod.has(s.period)).map((s) => ({ unitId: s.unit_id, period: s.period }));
  let firstArrivals = arrivals
    .filter((r) => inPeriod.has(r.period))
    .map((r) => ({ unitId: r.unit_id, period: r.period, firstAt: r.first_at }));
  const foreign = period.quarters.filter((q) => structureForQuarter(q) !== scope.structure);
  if (foreign.length && communes.length) {
    const crossed = await foreignReports(db, {
      communes: communes.map((c) => c.id),
      structure: scope.structure,
      quarters: foreign,
    });
    reported = [...reported.filter((r) => !foreign.includes(r.period)), ...crossed.reported];
    firstArrivals = [...firstArrivals.filter((r) => !foreign.includes(r.period)), ...crossed.arrivals];
  }
  const { quarters, total } = buildCompleteness({
    communes,
    quarters: period.quarters,
    deadlineDay,
    reported,
    arrivals: firstArrivals,
    activity,
  });
  // With aggregate access (a reporter on their district) the counts stay whole; the lists name only their own communes.
  const visible = params.reader === "system" ? quarters : filterCompletenessForScope(quarters, params.reader, access);
  return { scope, period, deadlineDay, quarters: visible, total };
}

/**
 * Quarters of the other structure (before or after 1 July 2025), commune by commune: a commune of the
 * scope reported such a quarter when every unit mapped to it did (its territory's figures exist, even
 * when a split commune's share cannot be told apart), and its first arrival is the latest of theirs.
 */
async function foreignReports(
  db: DbOrTx,
  params: { communes: readonly number[]; structure: string; quarters: readonly string[] },
): Promise<{
  reported: { unitId: number; period: string }[];
  arrivals: { unitId: number; period: string; firstAt: Date }[];
}> {
  const { edges } = await getReformEdges(db, { unitIds: params.communes, structure: params.structure });
  const adjacent = new Map<number, number[]>();
  for (const e of edges) adjacent.set(e.home, [...(adjacent.get(e.home) ?? []), e.foreign]);
  const foreignIds = [...new Set(edges.map((e) => e.foreign))];
  const rows = foreignIds.length
    ? await queryRows(
        db,
        sql`select s.unit_id, s.period, a.first_at
            from (select distinct unit_id, period from data_values
                  where unit_id = any(${pgArray(foreignIds)}::int[]) and period = any(${pgArray(params.quarters)}::text[])) s
            left join (
              select h.unit_id, h.period, min(h.changed_at) as first_at
              from value_history h join imports i on i.id = h.import_id
              where h.unit_id = any(${pgArray(foreignIds)}::int[]) and h.period = any(${pgArray(params.quarters)}::text[])
                and h.new_value is not null and i.source <> 'revert'
              group by h.unit_id, h.period) a on a.unit_id = s.unit_id and a.period = s.period`,
        z.object({ unit_id: int, period: z.string(), first_at: dateOrNull }),
      )
    : [];
  const seen = new Map(rows.map((r) => [`${r.unit_id}|${r.period}`, r.first_at]));
  const reported: { unitId: number; period: string }[] = [];
  const arrivals: { unitId: number; period: string; firstAt: Date }[] = [];
  for (const c of params.communes) {
    const sources = adjacent.get(c) ?? [];
    for (const q of params.quarters) {
      if (sources.length === 0 || !sources.every((f) => seen.has(`${f}|${q}`))) continue;
      reported.push({ unitId: c, period: q });
      const times = sources.map((f) => seen.get(`${f}|${q}`) ?? null);
      if (times.every((t) => t !== null))
        arrivals.push({ unitId: c, period: q, firstAt: new Date(Math.max(...times.map((t) => t!.getTime()))) });
    }
  }
  return { reported, arrivals };
}
