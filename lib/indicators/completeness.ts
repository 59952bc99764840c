/**
 * Completeness and timeliness (pure): every commune below a scope is expected to report every quarter;
 * a commune-quarter is reported when any figure is stored for it, and on time when its first figure
 * arrived before the end of the deadline day (lib/indicators/deadline.ts).
 */
import { isOnTime, reportingDeadline } from "./deadline";
import type { UnitRef } from "./rows";

export interface CommuneReportStatus extends UnitRef {
  /** When the first figure for this quarter arrived; null = never. */
  firstArrivalAt: Date | null;
  /** When the commune last sent any figure, for any quarter; null = never. */
  lastReportedAt: Date | null;
  /** The latest quarter for which the commune has figures stored; null = none. */
  lastPeriod: string | null;
}

export interface CompletenessCounts {
  expected: number;
  reported: number;
  onTime: number;
  /** Reported, but the first figure arrived after the deadline. */
  late: number;
  missing: number;
  /** 100 × reported / expected; null when nothing is expected. Unrounded. */
  reportingRate: number | null;
  /** 100 × on time / expected; null when nothing is expected. Unrounded. */
  onTimeRate: number | null;
}

export interface QuarterCompleteness extends CompletenessCounts {
  period: string;
  /** The deadline's date in Vietnam, `YYYY-MM-DD`. */
  deadline: string;
  /** The first instant past the deadline. */
  dueBefore: Date;
  /** Communes with no figure stored for the quarter, by code. */
  missingCommunes: CommuneReportStatus[];
  /** Communes that reported after the deadline, by code. */
  lateCommunes: CommuneReportStatus[];
}

export interface CompletenessInput {
  communes: readonly UnitRef[];
  quarters: readonly string[];
  deadlineDay: number;
  /** Commune-quarters with at least one figure stored. */
  reported: readonly { unitId: number; period: string }[];
  /** First arrival of a figure per commune-quarter (quarters of the period at least). */
  arrivals: readonly { unitId: number; period: string; firstAt: Date }[];
  /** Per commune: last figure sent (any quarter) and latest quarter stored. */
  activity: ReadonlyMap<number, { lastReportedAt: Date | null; lastPeriod: string | null }>;
}

function counts(expected: number, reported: number, onTime: number): CompletenessCounts {
  return {
    expected,
    reported,
    onTime,
    late: reported - onTime,
    missing: expected - reported,
    reportingRate: expected === 0 ? null : (100 * reported) / expected,
    onTimeRate: expected === 0 ? null : (100 * onTime) / expected,
  };
}

/**
 * Per quarter: expected, reported, on time, late and missing communes, with the lists to chase;
 * `total` adds the quarters up (commune-quarters).
 * @example 16 communes, 2025Q2, one missing, one late → { expected: 16, reported: 15, onTime: 14, late: 1, missing:
 * 1, reportingRate: 93.75 }
 */
export function buildCompleteness(input: CompletenessInput): {
  quarters: QuarterCompleteness[];
  total: CompletenessCounts;
} {
  const key = (unitId: number, period: string) => `${unitId}|${period}`;
  const reported = new Set(input.reported.map((r) => key(r.unitId, r.period)));
  const firstAt = new Map(input.arrivals.map((a) => [key(a.unitId, a.period), a.firstAt]));
  const communes = [...input.communes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  let [reportedAll, onTimeAll] = [0, 0];
  const quarters = input.quarters.map((period): QuarterCompleteness => {
    const deadline = reportingDeadline(period, input.deadlineDay);
    const missingCommunes: CommuneReportStatus[] = [];
    const lateCommunes: CommuneReportStatus[] = [];
    let [nReported, nOnTime] = [0, 0];
    for (const c of communes) {
      const first = firstAt.get(key(c.id, period)) ?? null;
      const status = (): CommuneReportStatus => ({
        ...c,
        firstArrivalAt: first,
        lastReportedAt: input.activity.get(c.id)?.lastReportedAt ?? null,
        lastPeriod: input.activity.get(c.id)?.lastPeriod ?? null,
      });
      if (!reported.has(key(c.id, period))) {
        missingCommunes.push(status());
        continue;
      }
      nReported++;
      // Figures stored without a recorded arrival cannot be shown to be on time: they count as late.
      if (first !== null && isOnTime(first, deadline)) nOnTime++;
      else lateCommunes.push(status());
    }
    reportedAll += nReported;
    onTimeAll += nOnTime;
    return {
      period,
      deadline: deadline.date,
      dueBefore: deadline.dueBefore,
      ...counts(communes.length, nReported, nOnTime),
      missingCommunes,
      lateCommunes,
    };
  });
  return { quarters, total: counts(communes.length * input.quarters.length, reportedAll, onTimeAll) };
}
