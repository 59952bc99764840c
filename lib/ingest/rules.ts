/**
 * Consistency rules of one commune and quarter (indicators.md), checked only when every element a
 * rule involves is present in the upload for that commune and quarter.
 */
import { consistencyRules } from "../indicators/catalogue";
import { messages, UNANSWERED_EARLIER, VOTER_RULE_CODE, type RuleIssueCode } from "./messages";
import type { IssueSink } from "./issues";
import type { Subject } from "./figure-messages";

/** One reported value as the rules see it: where it came from, to point the error at its cell. */
export interface RuleCell {
  value: number;
  /** The column (or element) name as written in the file. */
  column: string;
  line: number;
}

export const VOTER_RULE = {
  code: VOTER_RULE_CODE,
  lhs: "voter_requests_answered",
  rhs: ["voter_requests_received"],
} as const;

/** Every element some rule reads; the only ones the long-shape accumulator keeps. */
export const RULE_ELEMENTS: readonly string[] = [
  ...new Set([...consistencyRules.flatMap((r) => [r.lhs, ...r.rhs]), VOTER_RULE.lhs, ...VOTER_RULE.rhs]),
];

/**
 * Check all rules for one commune and quarter.
 * @param get the value of an element for this commune and quarter, if present in the file
 * @param unansweredBefore voters' requests unanswered from earlier quarters, when known (else the voter rule is skipped)
 * @param subject the commune and quarter, named in every message
 * @example with procedures_online 130 (line 14) and procedures_received 120 of Xã Trà Bình, 2025Q2 the error reads
 *   "Dòng 14: Số hồ sơ tiếp nhận trực tuyến (130) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (120) của
 *   Xã Trà Bình (21115), Quý II/2025: kiểm tra lại một trong hai số."
 */
export function checkRules(
  get: (element: string) => RuleCell | undefined,
  unansweredBefore: number | undefined,
  sink: IssueSink,
  record: boolean,
  subject: Subject,
): void {
  for (const rule of consistencyRules) {
    const lhs = get(rule.lhs);
    const rhs = rule.rhs.map(get);
    if (!lhs || rhs.some((r) => r === undefined)) continue;
    const cells = rhs as RuleCell[];
    const total = cells.reduce((s, r) => s + r.value, 0);
    if (lhs.value <= total) continue;
    const detail = messages.rule_violation({
      lhs: rule.lhs,
      value: lhs.value,
      rhs: rule.rhs.map((e, i) => ({ name: e, value: cells[i].value })),
      subject,
    });
    sink.error(
      { line: lhs.line, column: lhs.column, record, named: true },
      rule.code as RuleIssueCode,
      String(lhs.value),
      detail,
    );
  }
  if (unansweredBefore === undefined) return;
  const answered = get(VOTER_RULE.lhs);
  const received = get(VOTER_RULE.rhs[0]);
  if (!answered || !received || answered.value <= received.value + unansweredBefore) return;
  const detail = messages.rule_violation({
    lhs: VOTER_RULE.lhs,
    value: answered.value,
    subject,
    rhs: [
      { name: VOTER_RULE.rhs[0], value: received.value },
      { name: UNANSWERED_EARLIER, value: unansweredBefore },
    ],
  });
  sink.error(
    { line: answered.line, column: answered.column, record, named: true },
    VOTER_RULE.code,
    String(answered.value),
    detail,
  );
}
