/**
 * The reporting calendar of "now": which quarter is running, which is the last closed one, and which
 * unit structure each quarter is reported in. Pure (the clock is an argument), with one exception:
 * `calendarNow()` is the single place that reads the clock, and honours `DVCQ_TODAY` so tests and the
 * browser tests can pin the date.
 *
 * Dates are Vietnam's (Asia/Ho_Chi_Minh, UTC+07:00 all year) whatever the server's time zone:
 * 2026-09-30T17:30Z is already 1 October 2026 in Vietnam, hence in 2026Q4.
 *
 * "Closed" means ended: a quarter is closed from 00:00 Vietnam time on the first day of the next
 * quarter. The reporting deadline (lib/indicators/deadline.ts: day 18 of the quarter's *last* month)
 * falls inside the quarter, so every closed quarter's deadline has passed too, but a quarter whose
 * deadline has passed is not closed until it ends (its late reports and corrections still come in).
 * The last closed quarter is therefore the latest quarter that is complete and overdue: the default
 * of templates, views and the demo data's last quarter. `lastDueQuarter` gives the deadline-based
 * answer for whoever needs it (e.g. from 19 December the running quarter's reports are late).
 */
import {
  addQuarters,
  parseQuarterCode,
  quarterOfDate,
  structureForQuarter,
  vietnamTime,
  inVietnam,
  REFORM_QUARTER,
  type StructureCode,
} from "./periods";
import { DEFAULT_DEADLINE_DAY, reportingDeadline } from "./indicators/deadline";

/** `DVCQ_TODAY`: a Vietnamese calendar date `YYYY-MM-DD` (read as noon that day in Vietnam) or a full ISO instant. */
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant `DVCQ_TODAY` names, or null when it is unset or blank; throws on anything unusable so a
 * typo does not silently fall back to the real clock.
 */
export function parseToday(value: string | undefined): Date | null {
  const v = value?.trim();
  if (!v) return null;
  const m = DAY_RE.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const at = vietnamTime(y, mo - 1, d, 12);
    // Reject 2026-02-30 and the like instead of letting Date roll it over.
    if (vietnamDate(at) !== v) throw new Error(`DVCQ_TODAY is not a valid date: ${value}`);
    return at;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const at = new Date(v);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new Error(`DVCQ_TODAY must be a date YYYY-MM-DD (Vietnam) or an ISO instant, got: ${value}`);
}

/** Now: `DVCQ_TODAY` when set, else the clock. The one function of lib/ that reads the clock for the calendar. */
export function calendarNow(
  env: Record<string, string | undefined> = process.env,
  clock: () => Date = () => new Date(),
): Date {
  return parseToday(env.DVCQ_TODAY) ?? clock();
}

/** The calendar date in Vietnam at an instant, `YYYY-MM-DD`. */
export function vietnamDate(at: Date): string {
  return inVietnam(at).toISOString().slice(0, 10);
}

/** The quarter running at `now` (Vietnam calendar). */
export function currentQuarter(now: Date): string {
  return quarterOfDate(now);
}

/** The latest quarter that has ended at `now`: the one before the running quarter. */
export function lastClosedQuarter(now: Date): string {
  return addQuarters(currentQuarter(now), -1);
}

/** The latest quarter whose reporting deadline has passed at `now` (the running one from the day after its deadline). */
export function lastDueQuarter(now: Date, deadlineDay: number = DEFAULT_DEADLINE_DAY): string {
  const current = currentQuarter(now);
  return now.getTime() >= reportingDeadline(current, deadlineDay).dueBefore.getTime()
    ? current
    : addQuarters(current, -1);
}

/** The unit structure a quarter is reported in: `2025-06` (with districts) up to 2025Q2, `2025-07` from 2025Q3. */
export function structureFor(quarter: string): StructureCode {
  if (!parseQuarterCode(quarter)) throw new Error(`Not a quarter code: ${quarter}`);
  return structureForQuarter(quarter);
}

/** The quarters reported in a structure, clipped to `[from, to]`: `2025-06` ends with 2025Q2, `2025-07` starts with 2025Q3. */
export function quartersOfStructure(
  structure: StructureCode,
  from: string,
  to: string,
): { from: string; to: string } | null {
  const lo = structure === "2025-07" && from < REFORM_QUARTER ? REFORM_QUARTER : from;
  const lastOld = addQuarters(REFORM_QUARTER, -1);
  const hi = structure === "2025-06" && to > lastOld ? lastOld : to;
  return lo <= hi ? { from: lo, to: hi } : null;
}

/**
 * The quarter a view opens on: the latest quarter with figures that has closed, so early uploads for the
 * running quarter do not make the default a half-reported quarter; the latest with figures when none has.
 * `quarters` is sorted oldest first. Within a structure this stays in that structure's quarters, e.g.
 * a district of 2025-06 opens on 2025Q2 and the new province on the last closed quarter.
 */
export function defaultViewQuarter(quarters: readonly string[], lastClosed: string): string {
  if (!quarters.length) throw new Error("defaultViewQuarter: no quarter with figures");
  const closed = quarters.filter((q) => q <= lastClosed);
  return closed.length ? closed[closed.length - 1] : quarters[quarters.length - 1];
}

export interface ReportingCalendar {
  /** Today's date in Vietnam, `YYYY-MM-DD`. */
  today: string;
  current: string;
  lastClosed: string;
  lastDue: string;
  /** The structure in force today (that of the running quarter). */
  structure: StructureCode;
}

export function reportingCalendar(now: Date, deadlineDay: number = DEFAULT_DEADLINE_DAY): ReportingCalendar {
  const current = currentQuarter(now);
  return {
    today: vietnamDate(now),
    current,
    lastClosed: lastClosedQuarter(now),
    lastDue: lastDueQuarter(now, deadlineDay),
    structure: structureFor(current),
  };
}
