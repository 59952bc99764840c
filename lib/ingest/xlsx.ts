/**
 * Excel (.xlsx) → rows, streamed and bounded: the zip's directory is checked before inflating
 * (lib/ingest/zip.ts), the workbook's sheet list is read first so the chosen sheet is always the same
 * one (the named one, else the first visible one in tab order), and the sheet's XML is parsed as it
 * inflates, one row at a time. Limits (lib/ingest/limits.ts) on compressed and inflated size, rows,
 * columns and cell length refuse a workbook with `too_large` before memory grows. Row numbers are
 * Excel's own, so errors point at the row the user sees.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { AppError } from "../errors";
import { DEFAULT_LIMITS, limitExceeded, type IngestLimits } from "./limits";
import { messages } from "./messages";
import type { IssueSink } from "./issues";
import { fold, nfc, type RawCell } from "./text";
import { openZip, type ZipReader } from "./zip";

export interface SheetRow {
  /** Excel row number. */
  line: number;
  cells: RawCell[];
}

/** Workbook metadata parts (sheet list, relationships) are small; anything larger is not a real workbook. */
const META_MAX = 4 * 1024 * 1024;

const local = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * Feed a part's bytes to a SAX parser, yielding after each chunk so the caller can hand rows on.
 * Text that runs on without any tag for longer than `maxGap` bytes (one giant cell or attribute) is
 * refused here: the parser would otherwise buffer all of it.
 */
async function* saxFeed(
  parser: SaxesParser,
  bytes: AsyncIterable<Buffer>,
  maxGap: number,
  touched: { tag: boolean },
): AsyncGenerator<void> {
  const decoder = new TextDecoder("utf-8");
  let gap = 0;
  for await (const chunk of bytes) {
    touched.tag = false;
    parser.write(decoder.decode(chunk, { stream: true }));
    gap = touched.tag ? 0 : gap + chunk.length;
    if (gap > maxGap) throw new CellTooLong();
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  yield;
}

class CellTooLong extends Error {}

/** Column index (0-based) of a cell reference: "AB12" → 27; null when there is none. */
function columnOf(ref: string | undefined): number | null {
  if (!ref) return null;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    if (col > 1_000_000) return col;
  }
  return i === 0 ? null : col - 1;
}

async function readText(zip: ZipReader, name: string): Promise<string> {
  const parts: Buffer[] = [];
  for await (const b of zip.read(name, META_MAX, "xlsxMaxInflatedBytes")) parts.push(b);
  return Buffer.concat(parts).toString("utf8");
}

/** Every element of `xml` named `tag` (local name), with its attributes. */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const p = new SaxesParser();
  p.on("opentag", (t: SaxesTagPlain) => {
    if (local(t.name) === tag) out.push(t.attributes as Record<string, string>);
  });
  p.write(xml).close();
  return out;
}

interface SheetEntry {
  name: string;
  state: string;
  part: string;
}

/** The sheets in tab order with the zip part holding each. */
async function sheetList(zip: ZipReader): Promise<SheetEntry[]> {
  const book = zip.sizes.has("xl/workbook.xml")
    ? "xl/workbook.xml"
    : [...zip.sizes.keys()].find((k) => /(^|\/)workbook\.xml$/.test(k));
  if (!book) throw new Error("no workbook part");
  const dir = book.slice(0, book.lastIndexOf("/") + 1);
  const relsName = `${dir}_rels/${book.slice(dir.length)}.rels`;
  const rels = new Map(elements(await readText(zip, relsName), "Relationship").map((r) => [r.Id, r.Target]));
  return elements(await readText(zip, book), "sheet").map((s) => {
    const rid = Object.entries(s).find(([k]) => local(k) === "id" && k !== "sheetId")?.[1] ?? "";
    const target = rels.get(rid) ?? "";
    const part = target.startsWith("/") ? target.slice(1) : `${dir}${target}`;
    return { name: nfc(s.name ?? ""), state: s.state ?? "visible", part: part.replace(/[^/]+\/\.\.\//g, "") };
  });
}

/** The shared-string table (rich-text runs joined, phonetic runs left out), bounded by the limits. */
async function sharedStrings(zip: ZipReader, limits: IngestLimits): Promise<string[]> {
  const name = [...zip.sizes.keys()].find((k) => /(^|\/)sharedStrings\.xml$/i.test(k));
  if (!name) return [];
  const strings: string[] = [];
  let current: string | null = null;
  let inT = false;
  let phonetic = 0;
  const touched = { tag: false };
  const p = new SaxesParser();
  p.on("opentag", (t: SaxesTagPlain) => {
    touched.tag = true;
    const n = local(t.name);
    if (n === "si") current = "";
    else if (n === "rPh") phonetic++;
    else if (n === "t" && phonetic === 0) inT = true;
  });
  p.on("closetag", (t: SaxesTagPlain) => {
    touched.tag = true;
    const n = local(t.name);
    if (n === "si") {
      strings.push(nfc(current ?? ""));
      current = null;
    } else if (n === "rPh") phonetic--;
    else if (n === "t") inT = false;
  });
  p.on("text", (s: string) => {
    if (!inT || current === null) return;
    current += s;
    if (current.length > limits.maxCellChars) throw new CellTooLong();
  });
  for await (const _ of saxFeed(
    p,
    zip.read(name, limits.xlsxMaxSharedStringsBytes, "xlsxMaxSharedStringsBytes"),
    limits.maxCellChars * 4 + 4096,
    touched,
  ));
  return strings;
}

/**
 * One Excel cell → a plain cell, as Excel shows it: shared and inline strings (rich text joined),
 * numbers, booleans, error values (#DIV/0!) as text so they fail as "not a number", a formula by its
 * cached result (by `=formula` when it has none).
 * @example cellValue("s", "3", null, "", strings) → strings[3]; cellValue("e", "#DIV/0!", "A1/0", "", []) → "#DIV/0!"
 */
export function cellValue(
  type: string,
  v: string,
  formula: string | null,
  inline: string,
  strings: readonly string[],
): RawCell {
  switch (type) {
    case "s":
      return v === "" ? null : (strings[Number(v)] ?? null);
    case "inlineStr":
      return nfc(inline);
    case "str":
    case "e":
      return v === "" && formula !== null ? `=${formula}` : nfc(v);
    case "b":
      return v === "" ? null : v === "1" || v === "true";
    case "d":
      return v === "" ? null : new Date(v);
    default:
      if (v === "") return formula !== null && formula !== "" ? `=${formula}` : null;
      return Number(v);
  }
}

/**
 * Rows of one sheet: the named one (case and diacritics aside), else the first visible one in tab order.
 * Problems opening the workbook or finding the sheet are reported to `sink`; a workbook past a limit
 * throws `too_large` (AppError, 413).
 * @example for await (const row of xlsxRows(chunks, undefined, sink)) console.log(row.line, row.cells)
 */
export async function* xlsxRows(
  chunks: AsyncIterable<Uint8Array>,
  sheetName: string | undefined,
  sink: IssueSink,
  limits: IngestLimits = DEFAULT_LIMITS,
): AsyncGenerator<SheetRow> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > limits.xlsxMaxBytes) throw limitExceeded("xlsxMaxBytes", limits.xlsxMaxBytes);
    parts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  }
  const invalid = (e: unknown) => {
    if (e instanceof AppError) throw e;
    if (e instanceof CellTooLong) throw limitExceeded("maxCellChars", limits.maxCellChars);
    const detail = e instanceof Error ? e.message : String(e);
    sink.error({ line: null, column: null }, "xlsx_invalid", null, messages.xlsx_invalid({ detail }));
  };
  let zip: ZipReader;
  try {
    zip = await openZip(Buffer.concat(parts), {
      left: limits.xlsxMaxInflatedBytes,
      total: limits.xlsxMaxInflatedBytes,
    });
  } catch (e) {
    return invalid(e);
  }
  parts.length = 0;
  try {
    let sheets: SheetEntry[];
    let strings: string[];
    try {
      sheets = await sheetList(zip);
      strings = await sharedStrings(zip, limits);
    } catch (e) {
      return invalid(e);
    }
    const sheet =
      sheetName !== undefined
        ? sheets.find((s) => fold(s.name) === fold(sheetName))
        : sheets.find((s) => s.state !== "hidden" && s.state !== "veryHidden");
    if (!sheet || !zip.sizes.has(sheet.part)) {
      if (sheetName !== undefined)
        sink.error(
          { line: null, column: null },
          "sheet_not_found",
          sheetName,
          messages.sheet_not_found({ sheet: sheetName, available: sheets.map((s) => s.name) }),
        );
      else sink.error({ line: null, column: null }, "xlsx_invalid", null, messages.xlsx_invalid({ detail: null }));
      return;
    }
    try {
      yield* sheetRows(zip, sheet.part, strings, limits);
    } catch (e) {
      return invalid(e);
    }
  } finally {
    zip.close();
  }
}

async function* sheetRows(
  zip: ZipReader,
  part: string,
  strings: readonly string[],
  limits: IngestLimits,
): AsyncGenerator<SheetRow> {
  const ready: SheetRow[] = [];
  let rows = 0;
  let line = 0;
  let cells: RawCell[] | null = null;
  let col = -1;
  let type = "";
  let capture: "v" | "f" | "t" | null = null;
  let v = "";
  let f: string | null = null;
  let inline = "";
  let inIs = false;
  let phonetic = 0;
  const touched = { tag: false };
  const grow = (s: string, add: string) => {
    if (s.length + add.length > limits.maxCellChars) throw new CellTooLong();
    return s + add;
  };
  const p = new SaxesParser();
  p.on("opentag", (t: SaxesTagPlain) => {
    touched.tag = true;
    const n = local(t.name);
    if (n === "row") {
      if (++rows > limits.maxRows) throw limitExceeded("maxRows", limits.maxRows);
      const r = Number(t.attributes.r);
      line = Number.isInteger(r) && r > line ? r : line + 1;
      cells = [];
      col = -1;
    } else if (n === "c" && cells) {
      const c = columnOf(t.attributes.r as string | undefined);
      col = c ?? col + 1;
      if (col >= limits.maxColumns) throw limitExceeded("maxColumns", limits.maxColumns);
      type = (t.attributes.t as string | undefined) ?? "n";
      v = "";
      f = null;
      inline = "";
    } else if (n === "v") capture = "v";
    else if (n === "f") {
      capture = "f";
      f = "";
    } else if (n === "is") inIs = true;
    else if (n === "rPh") phonetic++;
    else if (n === "t" && inIs && phonetic === 0) capture = "t";
  });
  p.on("text", (s: string) => {
    if (capture === "v") v = grow(v, s);
    else if (capture === "f") f = grow(f ?? "", s);
    else if (capture === "t") inline = grow(inline, s);
  });
  p.on("closetag", (t: SaxesTagPlain) => {
    touched.tag = true;
    const n = local(t.name);
    if (n === "v" || n === "f" || n === "t") capture = null;
    else if (n === "is") inIs = false;
    else if (n === "rPh") phonetic--;
    else if (n === "c" && cells) {
      const value = cellValue(type, v, f, inline, strings);
      if (value !== null) {
        while (cells.length < col) cells.push(null);
        cells[col] = value;
      }
    } else if (n === "row" && cells) {
      if (cells.length > 0) ready.push({ line, cells });
      cells = null;
    }
  });
  for await (const _ of saxFeed(
    p,
    zip.read(part, limits.xlsxMaxInflatedBytes, "xlsxMaxInflatedBytes"),
    limits.maxCellChars * 4 + 4096,
    touched,
  )) {
    yield* ready;
    ready.length = 0;
  }
}
