/**
 * Entry points of the ingest pipeline. One code path for the web upload, the HTTP API and the
 * command line: bytes in (whole or as a stream of chunks), typed values and issues out.
 */
import { CsvRowReader, detectDelimiter, type CsvRow } from "./csv";
import { decode, detectEncoding, ENCODING_LABEL, TextChunker } from "./decode";
import { IngestEngine } from "./engine";
import { sortIssues } from "./issues";
import { jsonRecords } from "./json";
import { limitExceeded, withLimits, type IngestLimits } from "./limits";
import { messages } from "./messages";
import { TableReader } from "./table";
import type {
  IngestContext,
  IngestOptions,
  IngestResult,
  IngestShape,
  IngestSummary,
  IngestValue,
  TextEncodingName,
} from "./types";
import { xlsxRows } from "./xlsx";

/**
 * A whole file, or its bytes as chunks from any iterable: a Node Readable (`fs.createReadStream`),
 * a web `ReadableStream` (async-iterable in Node 20), an array of buffers.
 */
export type IngestInput = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Bytes looked at before choosing encoding and shape when the input is a stream. */
const SNIFF_BYTES = 1 << 20;
/** Text gathered before choosing the CSV delimiter. */
const DELIMITER_SAMPLE = 64 * 1024;
/** Pieces a whole buffer is cut into, so that small and large inputs take the same streaming path. */
const PIECE = 64 * 1024;

/** Lets the first bytes be examined and then read again with the rest. */
class ByteSource {
  private head: Uint8Array[] = [];
  private iterator: AsyncIterator<Uint8Array> | Iterator<Uint8Array> | null;
  private done = false;

  constructor(private readonly input: IngestInput) {
    this.iterator =
      input instanceof Uint8Array
        ? null
        : Symbol.asyncIterator in input
          ? input[Symbol.asyncIterator]()
          : input[Symbol.iterator]();
  }

  /** The first `n` bytes (fewer at the end of input) and whether they are the whole input. */
  async peek(n: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
    if (this.input instanceof Uint8Array) return { bytes: this.input, complete: true };
    let size = this.head.reduce((s, c) => s + c.length, 0);
    while (size < n && !this.done) {
      const r = await this.iterator!.next();
      if (r.done) this.done = true;
      else if (r.value.length > 0) {
        this.head.push(r.value);
        size += r.value.length;
      }
    }
    return { bytes: concat(this.head), complete: this.done };
  }

  async *chunks(): AsyncGenerator<Uint8Array> {
    if (this.input instanceof Uint8Array) {
      for (let i = 0; i < this.input.length; i += PIECE) yield this.input.subarray(i, i + PIECE);
      return;
    }
    const head = this.head;
    this.head = [];
    yield* head;
    while (!this.done) {
      const r = await this.iterator!.next();
      if (r.done) this.done = true;
      else yield r.value;
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type Kind = { kind: "xlsx" } | { kind: "json" } | { kind: "csv" } | { kind: "unsupported"; what: string };

/**
 * The file's kind from its first bytes and its name. Content wins where it is unambiguous (a zip is
 * a workbook even if renamed .csv); a .json name forces JSON so that a syntax error is reported as such.
 * @example sniffKind(bytesOf("[{...}]"), "data.txt") → { kind: "json" }
 */
export function sniffKind(prefix: Uint8Array, fileName = ""): Kind {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  const starts = (...b: number[]) => b.every((x, i) => prefix[i] === x);
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    return ["docx", "pptx", "odt", "ods", "zip"].includes(ext)
      ? { kind: "unsupported", what: `.${ext}` }
      : { kind: "xlsx" };
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return { kind: "unsupported", what: ext === "doc" ? "Word .doc" : "Excel 97-2003 .xls" };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { kind: "unsupported", what: "PDF" };
  if (ext === "json") return { kind: "json" };
  if (ext === "xlsx") return { kind: "xlsx" };
  const enc = detectEncoding(prefix.subarray(0, 4096), prefix.length <= 4096);
  const first = decodeStart(prefix, enc).trimStart()[0];
  return first === "{" || first === "[" ? { kind: "json" } : { kind: "csv" };
}

function decodeStart(prefix: Uint8Array, enc: TextEncodingName): string {
  const chunker = new TextChunker(enc, () => {});
  return (chunker.push(prefix.subarray(0, 256)) + chunker.end()).replace(/^\uFEFF/, "");
}

/**
 * Read, validate and type an upload, handing valid values to `options.onValues` in batches as the
 * file is read (CSV and Excel stream; JSON is parsed whole). Memory stays bounded by the batch size,
 * the capped issue lists and the duplicate-key map.
 * @example
 * const summary = await ingest(fs.createReadStream("q1.csv"), ctx, { fileName: "q1.csv", onValues: (b) => stage(b) });
 */
export async function ingest(
  input: IngestInput,
  ctx: IngestContext,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const limits = withLimits(options.limits);
  const source = new ByteSource(input);
  const { bytes: prefix, complete } = await source.peek(SNIFF_BYTES);
  const kind = prefix.length === 0 ? null : sniffKind(prefix, options.fileName);
  const engine = new IngestEngine(ctx, {
    record: kind?.kind === "json",
    batchSize: options.batchSize,
    maxErrors: options.maxErrors,
    maxWarnings: options.maxWarnings,
  });
  const sink = engine.sink;
  const flush = async (all = false) => {
    for (let b = engine.takeBatch(all); b; b = engine.takeBatch(all)) await options.onValues?.(b);
  };
  let shape: IngestShape | null = null;
  let encoding: TextEncodingName | null = null;

  if (kind === null) {
    sink.error({ line: null, column: null }, "file_empty", null, messages.file_empty());
  } else if (kind.kind === "unsupported") {
    sink.error(
      { line: null, column: null },
      "file_format_unsupported",
      null,
      messages.file_format_unsupported({ what: kind.what }),
    );
  } else if (kind.kind === "xlsx") {
    shape = "xlsx";
    const table = new TableReader(engine);
    for await (const row of xlsxRows(source.chunks(), options.sheetName, sink, limits)) {
      table.row(row.line, row.cells);
      await flush();
      if (table.stopped) break;
    }
    if (sink.errors.every((e) => e.code !== "xlsx_invalid" && e.code !== "sheet_not_found")) table.finish();
  } else if (kind.kind === "json") {
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const c of source.chunks()) {
      if ((size += c.length) > limits.jsonMaxBytes) throw limitExceeded("jsonMaxBytes", limits.jsonMaxBytes);
      parts.push(c);
    }
    const decoded = decode(concat(parts));
    parts.length = 0;
    encoding = decoded.encoding;
    for (const e of decoded.errors)
      sink.error(
        { line: e.line, column: null },
        "encoding_invalid",
        null,
        messages.encoding_invalid({ encoding: ENCODING_LABEL[decoded.encoding] }),
      );
    const it = jsonRecords(decoded.text, engine, limits);
    let r = it.next();
    while (!r.done) {
      await flush();
      r = it.next();
    }
    // A document that could not be read is still JSON; "dhis2" only once its dataValues were seen.
    shape = r.value ?? "json";
  } else {
    encoding = detectEncoding(prefix, complete);
    const table = await readCsv(source, encoding, engine, flush, limits);
    shape = table.layout ?? "wide";
  }
  engine.finish();
  await flush(true);
  return {
    encoding,
    shape,
    rowsRead: engine.rowsRead,
    valueCount: engine.valueCount,
    errors: sortIssues(sink.errors),
    errorCount: sink.errorCount,
    warnings: sortIssues(sink.warnings),
    warningCount: sink.warningCount,
  };
}

async function readCsv(
  source: ByteSource,
  encoding: TextEncodingName,
  engine: IngestEngine,
  flush: () => Promise<void>,
  limits: IngestLimits,
): Promise<TableReader> {
  const sink = engine.sink;
  const table = new TableReader(engine);
  // Rows on a line with undecodable bytes are reported once, as an encoding error, not again per cell.
  const badLines = new Set<number>();
  const chunker = new TextChunker(encoding, (line) => {
    if (badLines.size < 100_000) badLines.add(line);
    sink.error(
      { line, column: null },
      "encoding_invalid",
      null,
      messages.encoding_invalid({ encoding: ENCODING_LABEL[encoding] }),
    );
  });
  const onBadBytes = (row: CsvRow) => {
    if (badLines.size === 0 || !table.header) return false;
    const last = row.line + row.cells.reduce((s, c) => s + c.split("\n").length - 1, 0);
    for (let l = row.line; l <= last; l++) if (badLines.has(l)) return true;
    return false;
  };
  let rowCount = 0;
  const feed = (rows: CsvRow[]) => {
    for (const row of rows) {
      if (++rowCount > limits.maxRows) throw limitExceeded("maxRows", limits.maxRows);
      if (row.cells.length > limits.maxColumns) throw limitExceeded("maxColumns", limits.maxColumns);
      for (const cell of row.cells)
        if (cell.length > limits.maxCellChars) throw limitExceeded("maxCellChars", limits.maxCellChars);
      if (onBadBytes(row)) engine.rowsRead++;
      else if (row.quoteError) {
        sink.error(
          { line: row.line, column: null },
          "csv_malformed",
          null,
          messages.csv_malformed({ unterminated: row.quoteError === "unterminated" }),
        );
      } else table.row(row.line, row.cells);
    }
  };
  let reader: CsvRowReader | null = null;
  let sample = "";
  // Bytes since the last line break: a "line" of megabytes is refused before it is held as text.
  let lineBytes = 0;
  for await (const chunk of source.chunks()) {
    const text = chunker.push(chunk);
    lineBytes = text === "" ? lineBytes + chunk.length : 0;
    if (lineBytes > limits.maxLineChars * 4) throw limitExceeded("maxLineChars", limits.maxLineChars);
    if (reader) feed(reader.push(text));
    else if ((sample += text).length >= DELIMITER_SAMPLE) {
      reader = new CsvRowReader(detectDelimiter(sample, false));
      feed(reader.push(sample));
      sample = "";
    }
    await flush();
    if (table.stopped) return table;
  }
  const last = chunker.end();
  if (!reader) {
    sample += last;
    reader = new CsvRowReader(detectDelimiter(sample, true));
    feed(reader.push(sample));
  } else feed(reader.push(last));
  feed(reader.end());
  table.finish();
  return table;
}

/**
 * Read a whole upload and collect everything: for small uploads and tests.
 * @example const r = await ingestFile(bytes, "bao-cao-quy-1.csv", ctx); r.values[0] → { unitCode: "21115", period: "2025Q1", … }
 */
export async function ingestFile(
  bytes: Uint8Array,
  fileName: string,
  ctx: IngestContext,
  options: Omit<IngestOptions, "fileName" | "onValues"> = {},
): Promise<IngestResult> {
  const values: IngestValue[] = [];
  const summary = await ingest(bytes, ctx, { ...options, fileName, onValues: (b) => void values.push(...b) });
  return { ...summary, values };
}
