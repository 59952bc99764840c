/**
 * The ingest pipeline's public surface (import-format.md): pure TypeScript, no database, no React.
 */
export { ingest, ingestFile, sniffKind, type IngestInput } from "./ingest";
export { errorsToCsv } from "./report";
export { decode, detectEncoding, encodeText, TextChunker, type DecodeResult } from "./decode";
export { CsvRowReader, detectDelimiter, parseCsv, type CsvRow, type Delimiter } from "./csv";
export { matchElement, roleOf } from "./columns";
export { CommuneResolver, normalizeUnitCode } from "./communes";
export { parseCount, MAX_COUNT, type CountParse } from "./counts";
export { parsePeriodText, parseYearQuarter, periodRangeProblem } from "./period-parse";
export { messages, type IssueCode, type Bilingual } from "./messages";
export type * from "./types";
