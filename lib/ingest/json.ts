/**
 * JSON uploads → records. Two shapes:
 * - reports: `[{ "commune_code": "21115", "period": "2025Q1", "values": { "meetings_held": 12 } }]`
 *   or `{ "reports": [...] }`;
 * - a DHIS2 data value set: `{ "dataValues": [{ "orgUnit": "21115", "period": "2025Q1",
 *   "dataElement": "meetings_held", "value": "12" }] }` (orgUnit and period may be given once at the top).
 * The "line" of a JSON issue or value is the 1-based index of the record in its array (report or
 * data value), since JSON has no meaningful lines; messages then say "Bản ghi" / "Record". Only
 * undecodable bytes are reported by physical line ("Dòng" / "Line"), as in CSV. JSON is parsed whole, not streamed: its size,
 * nesting depth and record count are bounded (lib/ingest/limits.ts), and the values still reach the consumer in batches.
 */
import type { IngestEngine, RecordInput } from "./engine";
import { DEFAULT_LIMITS, limitExceeded, type IngestLimits } from "./limits";
import { messages } from "./messages";
import type { RawCell } from "./text";

const REPORT_FIELDS = ["commune_code", "commune_name", "period", "year", "quarter", "values"] as const;
/** A DHIS2 data value's fields: the four read here, then standard ones that are accepted and ignored. */
const DHIS2_FIELDS = [
  "orgUnit",
  "period",
  "dataElement",
  "value",
  "categoryOptionCombo",
  "attributeOptionCombo",
  "storedBy",
  "created",
  "lastUpdated",
  "comment",
  "followup",
] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (x: unknown): x is Record<string, Json> => typeof x === "object" && x !== null && !Array.isArray(x);

/** JSON scalars pass through; arrays and objects become text so that they fail as "not a number". */
function raw(x: Json | undefined): RawCell {
  if (x === undefined || x === null || typeof x !== "object") return x;
  return JSON.stringify(x);
}

/**
 * Offset of the first syntax error, by a small JSON scanner: V8's messages do not always give a
 * position, and "line 3" is what lets an officer find the mistake. -1 when not found.
 * @example syntaxErrorOffset('{"a": }') → 6
 */
export function syntaxErrorOffset(s: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < s.length && " \t\n\r".includes(s[i])) i++;
  };
  const literal = (word: string) => (s.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    for (i++; i < s.length && s[i] !== '"'; i++) {
      if (s[i] === "\\") i++;
      else if (s.charCodeAt(i) < 0x20) fail();
    }
    if (i >= s.length) fail();
    i++;
  };
  const list = (close: string, item: () => void) => {
    i++;
    ws();
    if (s[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (s[i] === ",") i++;
      else if (s[i] === close) return void i++;
      else fail();
    }
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === "{")
      return list("}", () => (ws(), s[i] === '"' ? string() : fail(), ws(), s[i] === ":" ? i++ : fail(), value()));
    if (c === "[") return list("]", value);
    if (c === '"') return string();
    if (c === "t" || c === "f" || c === "n") return void literal(c === "t" ? "true" : c === "f" ? "false" : "null");
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    if (i < s.length) fail();
    return -1;
  } catch (e) {
    // A RangeError from absurd nesting leaves the position unknown.
    return typeof e === "number" ? e : -1;
  }
}

/**
 * The deepest nesting of arrays and objects in a JSON text (strings skipped), counted up to just past
 * `stop`: checked before JSON.parse, so a document nested 100,000 deep is refused, not recursed into.
 * @example nestingDepth('[{"a":[1]}]', 64) → 3
 */
export function nestingDepth(s: string, stop = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max && (max = depth) > stop) return max;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * Parse a JSON document and feed its records to the engine, yielding after each record so that the
 * caller can hand full value batches on between records.
 * @returns the shape, or null when the document is not usable (the error is already reported)
 * @example
 * const it = jsonRecords('[{"commune_code":"21115","period":"2025Q1","values":{"meetings_held":12}}]', engine);
 * let r = it.next(); while (!r.done) r = it.next(); // r.value === "json"
 */
export function* jsonRecords(
  text: string,
  engine: IngestEngine,
  limits: IngestLimits = DEFAULT_LIMITS,
): Generator<void, "json" | "dhis2" | null> {
  const sink = engine.sink;
  if (nestingDepth(text, limits.jsonMaxDepth) > limits.jsonMaxDepth)
    throw limitExceeded("jsonMaxDepth", limits.jsonMaxDepth);
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const at = syntaxErrorOffset(text);
    const line = at < 0 ? null : text.slice(0, at).split("\n").length;
    sink.error({ line: null, column: null }, "json_invalid", null, messages.json_invalid({ line, detail }));
    return null;
  }
  if (isObject(doc) && Array.isArray(doc.dataValues)) {
    // One data value per record: a commune-quarter's rules can only be checked at the end.
    engine.accumulate = true;
    if (doc.dataValues.length > limits.jsonMaxRecords) throw limitExceeded("jsonMaxRecords", limits.jsonMaxRecords);
    for (let i = 0; i < doc.dataValues.length; i++) {
      dhis2Record(doc.dataValues[i], i + 1, doc, engine);
      yield;
    }
    return "dhis2";
  }
  const reports = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.reports) ? doc.reports : null;
  if (!reports) {
    sink.error({ line: null, column: null }, "json_shape_invalid", null, messages.json_shape_invalid());
    return null;
  }
  if (reports.length > limits.jsonMaxRecords) throw limitExceeded("jsonMaxRecords", limits.jsonMaxRecords);
  for (let i = 0; i < reports.length; i++) {
    reportRecord(reports[i], i + 1, engine);
    yield;
  }
  return "json";
}

function unknownFields(
  obj: Record<string, Json>,
  allowed: readonly string[],
  line: number,
  engine: IngestEngine,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      engine.sink.error({ line, column: key, record: true }, "unknown_field", key, messages.unknown_field({ allowed }));
  }
}

function reportRecord(r: Json, line: number, engine: IngestEngine): void {
  if (!isObject(r)) {
    engine.rowsRead++;
    engine.sink.error({ line, column: null, record: true }, "record_invalid", null, messages.record_invalid());
    return;
  }
  unknownFields(r, REPORT_FIELDS, line, engine);
  const rec: RecordInput = {
    line,
    code: { raw: raw(r.commune_code), column: "commune_code" },
    name: { raw: raw(r.commune_name), column: "commune_name" },
    period: { raw: raw(r.period), column: "period" },
    year: { raw: raw(r.year), column: "year" },
    quarter: { raw: raw(r.quarter), column: "quarter" },
    items: [],
  };
  if (r.values !== undefined && !isObject(r.values)) {
    engine.sink.error(
      { line, column: "values", record: true },
      "values_invalid",
      JSON.stringify(r.values),
      messages.values_invalid(),
    );
  } else {
    for (const [key, value] of Object.entries(r.values ?? {}))
      rec.items.push({ elementText: key, elementColumn: key, raw: raw(value) });
  }
  engine.process(rec);
}

function dhis2Record(dv: Json, line: number, top: Record<string, Json>, engine: IngestEngine): void {
  if (!isObject(dv)) {
    engine.rowsRead++;
    engine.sink.error({ line, column: null, record: true }, "record_invalid", null, messages.record_invalid());
    return;
  }
  unknownFields(dv, DHIS2_FIELDS, line, engine);
  engine.process({
    line,
    code: { raw: raw(dv.orgUnit ?? top.orgUnit), column: "orgUnit" },
    period: { raw: raw(dv.period ?? top.period), column: "period" },
    items: [{ elementText: raw(dv.dataElement), elementColumn: "dataElement", raw: raw(dv.value) }],
  });
}
