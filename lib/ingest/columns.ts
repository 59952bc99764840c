/**
 * Header row → what each column holds. Column names are matched by `columnKey` (case, diacritics,
 * đ/d, spaces and punctuation ignored) against the identity columns' English and Vietnamese names
 * and each element's code, Vietnamese label and English label from the catalogue.
 */
import { dataElements } from "../indicators/catalogue";
import { messages } from "./messages";
import type { IssueSink } from "./issues";
import { cellText, columnKey, columnLetter, isBlank, nfc, type RawCell } from "./text";

/** Unknown columns named in the error; the rest are counted. */
const MAX_NAMED_COLUMNS = 20;

export type IdentityRole = "code" | "name" | "period" | "year" | "quarter";
export type ColumnRole =
  | { kind: IdentityRole }
  /** A row-number column (STT): ignored. */
  | { kind: "ignore" }
  | { kind: "element"; element: string }
  /** Long layout: the column naming the element, and the one holding its value. */
  | { kind: "elementName" }
  | { kind: "value" }
  /** No header text: any value below it is an error. */
  | { kind: "blank" }
  | { kind: "unknown" };

export interface Column {
  index: number;
  /** The header as written (NFC, trimmed); for a blank header the Excel column letter. */
  header: string;
  role: ColumnRole;
}

export interface HeaderMap {
  layout: "wide" | "long";
  columns: Column[];
  /** False when the header lacks what every row needs (commune, period, elements); rows are then not read. */
  usable: boolean;
}

const ALIASES: Record<Exclude<ColumnRole["kind"], "element" | "blank" | "unknown">, readonly string[]> = {
  code: ["commune_code", "unit_code", "Mã đơn vị", "Mã xã", "Mã ĐVHC"],
  name: ["commune_name", "unit_name", "Tên đơn vị", "Tên xã"],
  period: ["period", "Kỳ báo cáo"],
  year: ["year", "Năm"],
  quarter: ["quarter", "Quý"],
  ignore: ["STT", "Số thứ tự"],
  elementName: ["element", "data_element", "Chỉ tiêu", "Mã chỉ tiêu"],
  value: ["value", "Giá trị", "Số liệu"],
};

const roleByKey = new Map<string, ColumnRole>();
for (const [kind, names] of Object.entries(ALIASES)) {
  for (const name of names) roleByKey.set(columnKey(name), { kind } as ColumnRole);
}
const elementByKey = new Map<string, string>();
for (const e of dataElements) {
  for (const name of [e.code, e.labelVi, e.labelEn]) elementByKey.set(columnKey(name), e.code);
}

/** Every key the matcher knows with what it means; the tests check that no two names collide. */
export function knownColumnKeys(): { key: string; meaning: string }[] {
  const out: { key: string; meaning: string }[] = [];
  for (const [kind, names] of Object.entries(ALIASES))
    for (const n of names) out.push({ key: columnKey(n), meaning: kind });
  for (const e of dataElements)
    for (const n of [e.code, e.labelVi, e.labelEn]) out.push({ key: columnKey(n), meaning: e.code });
  return out;
}

const elementCache = new Map<string, string | null>();
/**
 * An element code from a code or label as typed, or null.
 * @example matchElement("Số buổi đối thoại với nhân dân") → "dialogues_held"; matchElement("MEETINGS HELD") → "meetings_held"
 */
export function matchElement(text: string): string | null {
  let hit = elementCache.get(text);
  if (hit === undefined) {
    hit = elementByKey.get(columnKey(text)) ?? null;
    if (elementCache.size < 10_000) elementCache.set(text, hit);
  }
  return hit;
}

/** The role of one header cell. @example roleOf("Mã xã") → { kind: "code" } */
export function roleOf(header: RawCell): ColumnRole {
  if (isBlank(header)) return { kind: "blank" };
  const key = columnKey(cellText(header));
  const role = roleByKey.get(key);
  if (role) return role;
  const element = elementByKey.get(key);
  return element ? { kind: "element", element } : { kind: "unknown" };
}

/** A header row is the first row naming a commune or period column (title rows above it are skipped). */
export function isHeaderRow(cells: readonly RawCell[]): boolean {
  return cells.some((c) => {
    const k = roleOf(c).kind;
    return k === "code" || k === "name" || k === "period" || k === "year";
  });
}

/**
 * Map a header row, reporting unknown and duplicate columns and missing identity columns.
 * @example mapHeader(["STT", "Mã xã", "Kỳ báo cáo", "Số buổi đối thoại với Nhân dân"], 3, sink)
 *   → { layout: "wide", usable: true, columns: [ignore, code, period, element dialogues_held] }
 */
export function mapHeader(cells: readonly RawCell[], line: number, sink: IssueSink): HeaderMap {
  const columns: Column[] = cells.map((c, index) => {
    const role = roleOf(c);
    return { index, header: role.kind === "blank" ? columnLetter(index) : nfc(cellText(c)).trim(), role };
  });
  const seen = new Map<string, Column>();
  const unknown: string[] = [];
  for (const col of columns) {
    const { role } = col;
    if (role.kind === "unknown") unknown.push(col.header);
    if (role.kind === "unknown" || role.kind === "blank" || role.kind === "ignore") continue;
    const key = role.kind === "element" ? `element:${role.element}` : role.kind;
    const first = seen.get(key);
    if (first) {
      const target = role.kind === "element" ? role.element : ALIASES[role.kind][0];
      sink.error(
        { line, column: col.header },
        "duplicate_column",
        col.header,
        messages.duplicate_column({ first: first.header, target }),
      );
      col.role = { kind: "ignore" };
    } else seen.set(key, col);
  }
  if (unknown.length > 0) {
    // A header of 200,000 stray cells must not become a message of 200,000 names: the first few, then a count.
    const names = unknown.slice(0, MAX_NAMED_COLUMNS);
    const more = unknown.length - names.length;
    const column = names.join(", ") + (more > 0 ? `, … (+${more})` : "");
    sink.error({ line, column }, "unknown_columns", null, messages.unknown_columns({ names, more }));
  }
  const has = (k: string) => seen.has(k);
  const layout = has("elementName") ? "long" : "wide";
  let usable = true;
  const missing = (what: "commune" | "period" | "element" | "value") => {
    sink.error({ line, column: null }, "missing_column", null, messages.missing_column({ what }));
    usable = false;
  };
  if (!has("code") && !has("name")) missing("commune");
  if (!has("period") && !(has("year") && has("quarter"))) missing("period");
  if (layout === "long" && !has("value")) missing("value");
  if (layout === "wide") {
    if (has("value")) {
      // Without an element column a "value" column means nothing; report it like any unknown column.
      const col = seen.get("value")!;
      col.role = { kind: "unknown" };
      sink.error(
        { line, column: col.header },
        "unknown_columns",
        null,
        messages.unknown_columns({ names: [col.header] }),
      );
    }
    if (![...seen.keys()].some((k) => k.startsWith("element:"))) {
      sink.error({ line, column: null }, "no_element_columns", null, messages.no_element_columns());
      usable = false;
    }
  }
  return { layout, columns, usable };
}
