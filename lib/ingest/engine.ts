/**
 * The shape-independent half of the pipeline: one record (a wide row, a long row, a JSON report, a
 * DHIS2 data value) → period, commune, counts, duplicates, rules → valid values in batches.
 * State is compact on purpose (numbers in maps) so a large upload streams in bounded memory.
 */
import { elementCodes } from "../indicators/catalogue";
import { quarterFromIndex, quarterIndex, structureForQuarter } from "../periods";
import { calendarNow, currentQuarter } from "../calendar";
import { matchElement } from "./columns";
import { CommuneResolver, normalizeUnitCode } from "./communes";
import { parseCount } from "./counts";
import { IssueSink } from "./issues";
import { messages } from "./messages";
import { parsePeriodText, parseYearQuarter, periodRangeProblem } from "./period-parse";
import { checkRules, RULE_ELEMENTS, type RuleCell } from "./rules";
import { SeenValues } from "./seen";
import { cellText, isBlank, nfc, type RawCell } from "./text";
import type { Subject } from "./figure-messages";
import type { IngestContext, IngestValue, ScopeUnit } from "./types";

/** A cell and the name of its column (or field) as written in the file. */
export interface CellRef {
  raw: RawCell;
  column: string;
}

export type RecordItem =
  /** Wide layouts: the element is known from the header. */
  | { element: string; column: string; raw: RawCell }
  /** Long layouts: the element is named in a cell (or a JSON key) that still needs matching. */
  | { elementText: RawCell; elementColumn: string; raw: RawCell };

export interface RecordInput {
  line: number;
  code?: CellRef;
  name?: CellRef;
  period?: CellRef;
  year?: CellRef;
  quarter?: CellRef;
  items: RecordItem[];
}

export interface EngineOptions {
  /** JSON and DHIS2 count records, not lines; messages say "Bản ghi" / "Record". */
  record: boolean;
  accumulate?: boolean;
  batchSize?: number;
  maxErrors?: number;
  maxWarnings?: number;
}

const elementIndex = new Map(elementCodes.map((c, i) => [c, i]));
const ruleIndex = new Map(RULE_ELEMENTS.map((c, i) => [c, i]));
/** Quarter indexes stay below 40 000 (year ≤ 9999); a key combines unit and quarter in one safe integer. */
const QUARTERS = 40_000;

export class IngestEngine {
  readonly sink: IssueSink;
  /** Long layouts spread one commune-quarter over many records: rules then wait for `finish`. */
  accumulate: boolean;
  rowsRead = 0;
  valueCount = 0;
  private batch: IngestValue[] = [];
  private readonly batchSize: number;
  private readonly resolver: CommuneResolver;
  private readonly current: string;
  /** (unit, quarter, element) → line of its first value, for duplicate errors naming both lines. */
  private readonly seen = new SeenValues(elementCodes.length);
  /** (unit, quarter) → [value, line] per rule element (NaN when absent); long layouts only. */
  private readonly acc = new Map<number, Float64Array>();

  constructor(
    private readonly ctx: IngestContext,
    private readonly opts: EngineOptions,
  ) {
    this.sink = new IssueSink(opts.maxErrors, opts.maxWarnings);
    this.accumulate = opts.accumulate ?? false;
    this.batchSize = opts.batchSize ?? 1000;
    this.resolver = new CommuneResolver(ctx);
    this.current = ctx.currentQuarter ?? currentQuarter(calendarNow());
  }

  private where(line: number | null, column: string | null, subject?: Subject, named?: boolean) {
    return { line, column, record: this.opts.record, subject, named };
  }

  /** A full batch to hand to the consumer, or (with `flush`) whatever is left. */
  takeBatch(flush = false): IngestValue[] | null {
    if (this.batch.length === 0 || (!flush && this.batch.length < this.batchSize)) return null;
    if (this.batch.length <= this.batchSize) {
      const out = this.batch;
      this.batch = [];
      return out;
    }
    return this.batch.splice(0, this.batchSize);
  }

  private period(rec: RecordInput): string | null {
    let code: string | null;
    let ref: CellRef;
    if (rec.period && !isBlank(rec.period.raw)) {
      ref = rec.period;
      code = parsePeriodText(cellText(ref.raw));
      if (!code)
        this.sink.error(
          this.where(rec.line, ref.column),
          "period_invalid",
          cellText(ref.raw),
          messages.period_invalid({ value: cellText(ref.raw) }),
        );
    } else if (rec.year && rec.quarter && !(isBlank(rec.year.raw) && isBlank(rec.quarter.raw))) {
      if (isBlank(rec.year.raw) || isBlank(rec.quarter.raw)) {
        const column = isBlank(rec.year.raw) ? rec.year.column : rec.quarter.column;
        this.sink.error(this.where(rec.line, column), "period_missing", null, messages.period_missing());
        return null;
      }
      code = parseYearQuarter(rec.year.raw, rec.quarter.raw);
      const yearBad = parseYearQuarter(rec.year.raw, 1) === null;
      ref = yearBad ? rec.year : rec.quarter;
      if (!code)
        this.sink.error(
          this.where(rec.line, ref.column),
          "period_invalid",
          cellText(ref.raw),
          messages.period_invalid({ value: cellText(ref.raw) }),
        );
    } else {
      const column = rec.period?.column ?? rec.quarter?.column ?? null;
      this.sink.error(this.where(rec.line, column), "period_missing", null, messages.period_missing());
      return null;
    }
    if (!code) return null;
    const problem = periodRangeProblem(code, this.current);
    if (problem) {
      const detail =
        problem === "period_future"
          ? messages.period_future({ period: code, current: this.current })
          : messages.period_too_early({ period: code });
      this.sink.error(this.where(rec.line, ref.column), problem, cellText(ref.raw), detail);
      return null;
    }
    return code;
  }

  private commune(rec: RecordInput, period: string): ScopeUnit | null {
    const structure = structureForQuarter(period);
    const r = this.resolver.resolve({ code: rec.code?.raw, name: rec.name?.raw }, structure, period);
    if (!r.ok) {
      const ref = r.via === "code" ? rec.code : rec.name;
      const column = ref?.column ?? rec.code?.column ?? rec.name?.column ?? null;
      this.sink.error(
        this.where(rec.line, column),
        r.code,
        ref && !isBlank(ref.raw) ? cellText(ref.raw) : null,
        r.detail,
      );
      return null;
    }
    // A name beside a code that names another unit usually means an old code in a new quarter: warn.
    const given = rec.name && !isBlank(rec.name.raw) ? nfc(cellText(rec.name.raw)).replace(/\s+/g, " ").trim() : null;
    const codeNorm = rec.code && !isBlank(rec.code.raw) ? normalizeUnitCode(rec.code.raw) : null;
    const byCode = codeNorm !== null && codeNorm !== "name";
    if (given && byCode && !this.resolver.nameMatches(r.unit, given)) {
      const detail = messages.commune_name_mismatch({ code: r.unit.code, period, actual: r.unit.name, given });
      this.sink.warn(this.where(rec.line, rec.name!.column), "commune_name_mismatch", given, detail);
    }
    return r.unit;
  }

  /** Validate one record; its valid values join the current batch. */
  process(rec: RecordInput): void {
    this.rowsRead++;
    const period = this.period(rec);
    const unit = period ? this.commune(rec, period) : null;
    const base = unit && period ? Number(unit.code) * QUARTERS + quarterIndex(period) : null;
    const subject: Subject | undefined =
      unit && period ? { unitCode: unit.code, unitName: unit.name, period } : undefined;
    const rowCells = new Map<string, RuleCell>();
    for (const item of rec.items) {
      let element: string;
      let column: string;
      if ("element" in item) {
        element = item.element;
        column = item.column;
      } else {
        const text = nfc(cellText(item.elementText)).trim();
        if (text === "") {
          if (!isBlank(item.raw))
            this.sink.error(
              this.where(rec.line, item.elementColumn, subject),
              "element_missing",
              null,
              messages.element_missing(),
            );
          continue;
        }
        const found = matchElement(text);
        if (!found) {
          this.sink.error(
            this.where(rec.line, item.elementColumn, subject),
            "element_unknown",
            text,
            messages.element_unknown({ value: text }),
          );
          continue;
        }
        element = found;
        column = text;
      }
      const parsed = parseCount(item.raw);
      if (parsed.kind === "empty") continue;
      if (parsed.kind === "error") {
        const value = cellText(item.raw).trim();
        this.sink.error(
          this.where(rec.line, column, subject),
          parsed.code,
          value,
          messages[parsed.code]({ value, max: 2_147_483_647 }),
        );
        continue;
      }
      if (base === null || !unit || !period || !subject) continue;
      const firstLine = this.seen.check(base, elementIndex.get(element)!, rec.line);
      if (firstLine !== undefined) {
        const detail = messages.duplicate_value({ element, subject, firstLine, record: this.opts.record });
        this.sink.error(
          this.where(rec.line, column, subject, true),
          "duplicate_value",
          cellText(item.raw).trim(),
          detail,
        );
        continue;
      }
      this.batch.push({
        unitCode: unit.code,
        structure: unit.structure,
        period,
        element,
        value: parsed.value,
        line: rec.line,
      });
      this.valueCount++;
      const ri = ruleIndex.get(element);
      if (ri === undefined) continue;
      if (this.accumulate) this.remember(base, ri, parsed.value, rec.line);
      else rowCells.set(element, { value: parsed.value, column, line: rec.line });
    }
    if (!this.accumulate && subject && rowCells.size > 0) {
      checkRules(
        (e) => rowCells.get(e),
        this.ctx.unansweredVoterRequests?.get(`${subject.unitCode}|${subject.period}`),
        this.sink,
        this.opts.record,
        subject,
      );
    }
  }

  private remember(base: number, ri: number, value: number, line: number): void {
    let slots = this.acc.get(base);
    if (!slots) {
      slots = new Float64Array(RULE_ELEMENTS.length * 2).fill(NaN);
      this.acc.set(base, slots);
    }
    slots[ri * 2] = value;
    slots[ri * 2 + 1] = line;
  }

  /** End of file: the rules of long layouts, now that every commune-quarter is complete. */
  finish(): void {
    const names = new Map(this.acc.size === 0 ? [] : this.ctx.scope.map((u) => [`${u.structure}|${u.code}`, u.name]));
    for (const [base, slots] of this.acc) {
      const unitCode = String(Math.floor(base / QUARTERS)).padStart(5, "0");
      const period = quarterFromIndex(base % QUARTERS);
      const get = (element: string): RuleCell | undefined => {
        const i = ruleIndex.get(element)!;
        return Number.isNaN(slots[i * 2])
          ? undefined
          : { value: slots[i * 2], line: slots[i * 2 + 1], column: element };
      };
      const name = names.get(`${structureForQuarter(period)}|${unitCode}`) ?? unitCode;
      checkRules(get, this.ctx.unansweredVoterRequests?.get(`${unitCode}|${period}`), this.sink, this.opts.record, {
        unitCode,
        unitName: name,
        period,
      });
    }
    this.acc.clear();
  }
}
