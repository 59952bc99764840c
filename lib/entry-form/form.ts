/**
 * The data-entry form of one commune's quarter (app/units/[code]/[period]), as pure functions shared by
 * the browser (live checks as the officer types) and the server (the save). Nothing here is a copy of
 * the import rules: numbers are read by the import's `parseCount`, the consistency rules are the
 * import's `checkRules`, the messages are the import's, and the indicators are `computeIndicator`.
 * The server then saves through the import store (db/queries/entry-form.ts → runImport), which checks
 * everything again.
 */
import { dataElements, indicators, type ElementGroup } from "../indicators/catalogue";
import { computeIndicator, type IndicatorValue } from "../indicators/compute";
import { parseCount, MAX_COUNT, type CountErrorCode } from "../ingest/counts";
import { carriedOverMismatch, unusualValue, type Subject } from "../ingest/figure-messages";
import { IssueSink } from "../ingest/issues";
import { messages, VOTER_RULE_CODE, type Bilingual, type IssueCode, type Where } from "../ingest/messages";
import { checkRules, VOTER_RULE, type RuleCell } from "../ingest/rules";
import { consistencyRules } from "../indicators/catalogue";

/** The catalogue's groups in catalogue order, each with its elements in catalogue order. */
export const FORM_GROUPS: readonly { group: ElementGroup; elements: readonly string[] }[] = (() => {
  const out: { group: ElementGroup; elements: string[] }[] = [];
  for (const e of dataElements) {
    const last = out[out.length - 1];
    if (last && last.group === e.group) last.elements.push(e.code);
    else out.push({ group: e.group, elements: [e.code] });
  }
  return out;
})();

/** What the officer typed, field by field (element code → text); a missing or blank field is "not reported". */
export type FormInputs = Record<string, string>;
/** Reported values (element code → count); an element absent from the record is not reported. */
export type FormValues = Record<string, number>;

export interface FieldIssue {
  code: IssueCode | CountErrorCode;
  /** The fields it concerns: one for a number that cannot be read, every field of a broken rule. */
  fields: string[];
  messageVi: string;
  messageEn: string;
}

export interface FormCheck {
  values: FormValues;
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

/** The previous quarter's petitions, to prefill and check the carried-over stock. */
export interface PreviousPetitions {
  period: string;
  carried: number | null;
  received: number | null;
  resolved: number | null;
}

export interface FormContext {
  subject: Subject;
  /** The previous quarter's petition figures (same commune, or its predecessors' sums across the reform). */
  previous?: PreviousPetitions | null;
  /** The commune's median of earlier quarters per element, for the "unusual value" warning. */
  medians?: Readonly<Record<string, number | null>>;
  /** Voters' requests unanswered from earlier quarters, when known (the import skips that rule otherwise). */
  unansweredBefore?: number;
}

/** The import's unusual-value test (db/queries/staging.ts stagedUnusualValues): > 3 × median and ≥ 10 above it. */
export const UNUSUAL_FACTOR = 3;
export const UNUSUAL_MIN_EXCESS = 10;

export function isUnusual(value: number, median: number | null | undefined): boolean {
  return (
    median !== null &&
    median !== undefined &&
    median > 0 &&
    value > UNUSUAL_FACTOR * median &&
    value - median >= UNUSUAL_MIN_EXCESS
  );
}

/**
 * The carried-over petitions a quarter starts with: what the previous quarter left, carried + received −
 * resolved; null when one of the three is not reported (or the figures give less than 0).
 * @example prefillCarriedOver({ period: "2026Q3", carried: 4, received: 10, resolved: 9 }) → 5
 */
export function prefillCarriedOver(previous: PreviousPetitions | null | undefined): number | null {
  if (!previous) return null;
  const { carried, received, resolved } = previous;
  if (carried === null || received === null || resolved === null) return null;
  const left = carried + received - resolved;
  return left >= 0 ? left : null;
}

/** Collects the rule violations as `checkRules` reports them, before any line/column prefix. */
class FieldSink extends IssueSink {
  readonly found: { column: string | null; code: IssueCode; detail: Bilingual }[] = [];
  override error(where: Where, code: IssueCode, _value: string | null, detail: Bilingual): void {
    this.errorCount++;
    this.found.push({ column: where.column, code, detail });
  }
}

/** Every field a rule reads, by the rule's code. */
const RULE_FIELDS = new Map<string, string[]>([
  ...consistencyRules.map((r) => [r.code, [r.lhs, ...r.rhs]] as [string, string[]]),
  [VOTER_RULE_CODE, [VOTER_RULE.lhs, ...VOTER_RULE.rhs]],
]);

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Read the inputs and check them the way an import checks a file: each number (`1.234` and `1234` are
 * both 1234; blank is not reported, 0 is a value), then the consistency rules among the reported ones
 * (errors), then the warnings (carried-over petitions that do not follow from the previous quarter,
 * values far above the commune's usual).
 */
export function checkForm(inputs: FormInputs, ctx: FormContext): FormCheck {
  const values: FormValues = {};
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  for (const e of dataElements) {
    const raw = inputs[e.code] ?? "";
    const parsed = parseCount(raw);
    if (parsed.kind === "ok") values[e.code] = parsed.value;
    else if (parsed.kind === "error") {
      const text = raw.trim();
      const m =
        parsed.code === "value_too_large"
          ? messages.value_too_large({ value: text, max: MAX_COUNT })
          : messages[parsed.code]({ value: text });
      errors.push({ code: parsed.code, fields: [e.code], messageVi: cap(m.vi), messageEn: cap(m.en) });
    }
  }
  const sink = new FieldSink();
  const get = (element: string): RuleCell | undefined =>
    values[element] === undefined ? undefined : { value: values[element], column: element, line: 0 };
  checkRules(get, ctx.unansweredBefore, sink, false, ctx.subject);
  for (const f of sink.found)
    errors.push({
      code: f.code,
      fields: RULE_FIELDS.get(f.code) ?? (f.column ? [f.column] : []),
      messageVi: f.detail.vi,
      messageEn: f.detail.en,
    });
  const carried = values.petitions_carried_over;
  const prev = ctx.previous;
  const expected = prefillCarriedOver(prev);
  if (carried !== undefined && prev && expected !== null && carried !== expected) {
    const m = carriedOverMismatch({
      value: carried,
      previous: { period: prev.period, carried: prev.carried!, received: prev.received!, resolved: prev.resolved! },
      subject: ctx.subject,
    });
    warnings.push({
      code: "carried_over_mismatch",
      fields: ["petitions_carried_over"],
      messageVi: m.vi,
      messageEn: m.en,
    });
  }
  for (const e of dataElements) {
    const v = values[e.code];
    const median = ctx.medians?.[e.code];
    if (v === undefined || !isUnusual(v, median)) continue;
    const m = unusualValue({ element: e.code, value: v, median: median!, subject: ctx.subject });
    warnings.push({ code: "unusual_value", fields: [e.code], messageVi: m.vi, messageEn: m.en });
  }
  return { values, errors, warnings };
}

/**
 * The quarter's indicators from the form's values, as the dashboard computes them for one commune and
 * one quarter (an unreported element makes its indicator "no data").
 */
export function formIndicators(values: FormValues, targets: Readonly<Record<string, number | null>> = {}) {
  return indicators.map((def): IndicatorValue & { kind: "count" | "rate" } => ({
    ...computeIndicator(def, values, {
      target: def.code in targets ? targets[def.code] : (def.target?.value ?? null),
      communes: 1,
      quarters: 1,
    }),
    kind: def.kind,
  }));
}

/** Reported values as they were when the form was opened, element → value (null = not reported). */
export type FormBase = Record<string, number | null>;

export interface FieldChange {
  element: string;
  /** What the form was opened with. */
  was: number | null;
  /** What is stored now. */
  now: number | null;
}

/**
 * The elements stored differently from what the form was opened with: someone saved in between.
 * @example changedSince({ meetings_held: 3 }, { meetings_held: 4 }) → [{ element: "meetings_held", was: 3, now: 4 }]
 */
export function changedSince(base: FormBase, current: FormBase): FieldChange[] {
  const out: FieldChange[] = [];
  for (const e of dataElements) {
    const was = base[e.code] ?? null;
    const now = current[e.code] ?? null;
    if (was !== now) out.push({ element: e.code, was, now });
  }
  return out;
}

/** The values as the import's long CSV (commune_code, period, element, value): one line per reported element. */
export function valuesToCsv(unitCode: string, period: string, values: FormValues): string {
  const lines = ["commune_code,period,element,value"];
  for (const e of dataElements)
    if (values[e.code] !== undefined) lines.push(`${unitCode},${period},${e.code},${values[e.code]}`);
  return lines.join("\n") + "\n";
}

/** Fields reported before and now left blank: the store keeps figures, so clearing one is not a save. */
export function clearedFields(base: FormBase, values: FormValues): string[] {
  return dataElements
    .map((e) => e.code)
    .filter((c) => base[c] !== null && base[c] !== undefined && values[c] === undefined);
}
