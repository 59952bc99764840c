/**
 * CSV text → rows with their physical line numbers, fed piece by piece (streaming).
 * Parsing is papaparse's; this module adds delimiter detection among `,` `;` tab and exact line
 * numbers when quoted cells contain line breaks.
 */
import Papa from "papaparse";

export type Delimiter = "," | ";" | "\t";
const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];

export interface CsvRow {
  /** Physical line (1-based) on which the row starts. */
  line: number;
  cells: string[];
  /** Set when the row has a quoting problem; its cells are then unreliable. */
  quoteError?: "unterminated" | "misplaced";
}

/** Field counts of the first records of `sample`, per delimiter, counting only outside quotes. */
function fieldCounts(sample: string, complete: boolean, maxRecords = 30): Map<Delimiter, number[]> {
  const counts = new Map<Delimiter, number[]>(DELIMITERS.map((d) => [d, []]));
  let current = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 1]));
  let inQuotes = false;
  let nonEmpty = false;
  let records = 0;
  const close = () => {
    if (nonEmpty) {
      for (const d of DELIMITERS) counts.get(d)!.push(current.get(d)!);
      records++;
    }
    current = new Map(DELIMITERS.map((d) => [d, 1]));
    nonEmpty = false;
  };
  for (let i = 0; i < sample.length && records < maxRecords; i++) {
    const c = sample[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === "\n") close();
    else if (!inQuotes && (c === "," || c === ";" || c === "\t")) current.set(c, current.get(c)! + 1);
    if (c !== "\n" && c !== "\r" && c !== " ") nonEmpty = true;
  }
  // The last record of an incomplete sample may be cut short, so it does not vote.
  if (complete && !inQuotes && records < maxRecords) close();
  return counts;
}

/**
 * Pick the delimiter whose field count is the same on most records (title rows and commas inside
 * Vietnamese labels of a semicolon file then do not mislead it); ties go to the larger count.
 * @example detectDelimiter("Mã xã;Kỳ báo cáo;meetings_held\n21115;2025Q1;1,234\n", true) → ";"
 */
export function detectDelimiter(sample: string, complete = true): Delimiter {
  let best: Delimiter = ",";
  let bestScore = [0, 0];
  for (const [d, counts] of fieldCounts(sample, complete)) {
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [mode, times] = [...freq].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    if (mode < 2) continue;
    const score = [times / counts.length, mode];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** A record longer than this is a runaway quote, not data; stop instead of buffering the whole file. */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * Streaming CSV reader. Text must come with LF line breaks (as `TextChunker` produces it).
 * Line numbers are physical: a row's successor starts one line later plus one more for every line
 * break inside its quoted cells, so a cell spanning lines cannot desync the lines after it.
 * @example
 * const r = new CsvRowReader(",");
 * r.push('a,"b\nc"\nd,e\n'); // → [{ line: 1, cells: ["a", "b\nc"] }, { line: 3, cells: ["d", "e"] }]
 */
export class CsvRowReader {
  private readonly parser: Papa.Parser;
  private partial = "";
  private line = 1;
  private stopped = false;

  constructor(readonly delimiter: Delimiter) {
    this.parser = new Papa.Parser({ delimiter, newline: "\n", quoteChar: '"' });
  }

  /** Rows completed by this piece of text; an unfinished last row waits for the next piece. */
  push(text: string): CsvRow[] {
    if (this.stopped) return [];
    const input = this.partial + text;
    const result = this.parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
    this.partial = input.slice(result.meta.cursor);
    const rows = this.collect(result);
    if (this.partial.length > MAX_RECORD_CHARS) {
      rows.push({ line: this.line, cells: [], quoteError: "unterminated" });
      this.stopped = true;
    }
    return rows;
  }

  end(): CsvRow[] {
    if (this.stopped || this.partial === "") return [];
    const result = this.parser.parse(this.partial, 0, false) as Papa.ParseResult<string[]>;
    this.partial = "";
    return this.collect(result);
  }

  private collect(result: Papa.ParseResult<string[]>): CsvRow[] {
    const bad = new Map<number, CsvRow["quoteError"]>();
    for (const e of result.errors) {
      if (e.row === undefined) continue;
      if (e.code === "MissingQuotes") bad.set(e.row, "unterminated");
      else if (!bad.has(e.row)) bad.set(e.row, "misplaced");
    }
    return result.data.map((cells, i) => {
      const row: CsvRow = { line: this.line, cells };
      const quoteError = bad.get(i);
      if (quoteError) row.quoteError = quoteError;
      this.line += 1;
      for (const cell of cells) for (let j = cell.indexOf("\n"); j !== -1; j = cell.indexOf("\n", j + 1)) this.line++;
      return row;
    });
  }
}

/**
 * Parse a whole CSV text (LF line breaks) at once; convenience for tests and small inputs.
 * @example parseCsv("a;b\n1;2\n") → { delimiter: ";", rows: [{ line: 1, cells: ["a", "b"] }, { line: 2, cells: ["1", "2"] }] }
 */
export function parseCsv(
  text: string,
  delimiter: Delimiter = detectDelimiter(text),
): { delimiter: Delimiter; rows: CsvRow[] } {
  const reader = new CsvRowReader(delimiter);
  const rows = [...reader.push(text), ...reader.end()];
  return { delimiter, rows };
}
