/**
 * Reporting deadlines (pure): a quarter's report is due by the end of day N (default 18) of the quarter's
 * last month, Vietnam time, whatever the server's time zone.
 */
import { z } from "zod";
import { parseQuarterCode, vietnamTime } from "../periods";

export const DEFAULT_DEADLINE_DAY = 18;

/** Day of the quarter's last month; 1–30 exists in March, June, September and December alike. */
export const deadlineDaySchema = z
  .number({ error: "Ngày hạn báo cáo phải là một số nguyên từ 1 đến 30." })
  .int("Ngày hạn báo cáo phải là một số nguyên từ 1 đến 30.")
  .min(1, "Ngày hạn báo cáo phải từ 1 đến 30.")
  .max(30, "Ngày hạn báo cáo phải từ 1 đến 30.");

export interface Deadline {
  /** The deadline's date in Vietnam, ISO `YYYY-MM-DD`. */
  date: string;
  /** The first instant past the deadline (00:00 Vietnam time the next day): on time means strictly before. */
  dueBefore: Date;
}

/**
 * @example reportingDeadline("2025Q2", 18) → { date: "2025-06-18", dueBefore: 2025-06-18T17:00:00.000Z }
 */
export function reportingDeadline(quarter: string, day: number = DEFAULT_DEADLINE_DAY): Deadline {
  const q = parseQuarterCode(quarter);
  if (!q) throw new Error(`Not a quarter code: ${quarter}`);
  const month = q.quarter * 3; // 1-based last month of the quarter
  const date = `${q.year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { date, dueBefore: vietnamTime(q.year, month - 1, day + 1) };
}

/** Whether a report that first arrived at `at` is on time for `deadline`. */
export function isOnTime(at: Date, deadline: Deadline): boolean {
  return at.getTime() < deadline.dueBefore.getTime();
}

/** A stored setting back to a day; anything unusable falls back to the default. */
export function parseDeadlineDay(stored: string | null | undefined): number {
  if (stored === null || stored === undefined) return DEFAULT_DEADLINE_DAY;
  const r = deadlineDaySchema.safeParse(Number(stored));
  return r.success ? r.data : DEFAULT_DEADLINE_DAY;
}
