/**
 * Public types of the ingest pipeline (decode → parse → map columns → resolve communes →
 * parse periods and counts → consistency rules → typed result).
 */
import type { StructureCode } from "../periods";
import type { IngestLimits } from "./limits";
import type { IssueCode } from "./messages";

/** The text encodings a CSV or JSON upload may use (import-format.md). */
export type TextEncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1258";

export type IngestShape = "wide" | "long" | "json" | "dhis2" | "xlsx";

/** A commune the uploader may write, in one administrative structure. */
export interface ScopeUnit {
  structure: StructureCode;
  code: string;
  name: string;
}

/** Any unit known in a structure (in scope or not); `name` improves messages when given. */
export interface KnownUnit {
  structure: StructureCode;
  code: string;
  name?: string;
}

/** One row of the official old (2025-06) → new (2025-07) conversion table. */
export interface UnitMapping {
  oldCode: string;
  newCode: string;
}

export interface IngestContext {
  /** Communes in the uploader's scope, per structure (a commune officer: one per structure). */
  scope: readonly ScopeUnit[];
  /** Old → new conversion; lets errors say what an obsolete code became, or where a new one came from. */
  mapping?: readonly UnitMapping[];
  /** Every unit of each structure, to tell "outside your scope" from "does not exist". */
  allUnits?: readonly KnownUnit[];
  /** The current quarter (`2025Q4`); later quarters are rejected. Defaults to today's quarter. */
  currentQuarter?: string;
  /**
   * Voters' requests still unanswered at the start of a quarter, keyed `${unitCode}|${period}`.
   * The voter_requests rule is checked only for keys present here (indicators.md: unknown → do not flag).
   */
  unansweredVoterRequests?: ReadonlyMap<string, number>;
}

export interface IngestOptions {
  /** Used with the content to pick the shape (`.xlsx`, `.json`, `.csv`, `.tsv`, `.txt`). */
  fileName?: string;
  /** Excel: read this sheet instead of the first visible one. */
  sheetName?: string;
  /** Values handed to `onValues` at a time (default 1000). */
  batchSize?: number;
  /** Errors kept in the result (default 1000); `errorCount` still counts all of them. */
  maxErrors?: number;
  /** Warnings kept (default 1000); `warningCount` counts all. */
  maxWarnings?: number;
  /**
   * Receives valid values in batches as the file is read; awaited, so a slow consumer slows the reader.
   * Valid values of a row are passed on even when another cell of the row, or another row, has an
   * error: stage them, and commit only when the summary's `errorCount` is 0.
   */
  onValues?: (batch: IngestValue[]) => void | Promise<void>;
  /** Size, row, column, cell and nesting limits (lib/ingest/limits.ts); past one the upload throws `too_large`. */
  limits?: Partial<IngestLimits>;
}

/** One figure: a commune's count of one element in one quarter. */
export interface IngestValue {
  unitCode: string;
  structure: StructureCode;
  period: string;
  element: string;
  value: number;
  /** Physical line (CSV), Excel row number (xlsx) or 1-based record index (JSON, DHIS2). */
  line: number;
}

/**
 * An error or warning. `line` is null for problems of the whole file; `column` is the column header
 * as written in the file (wide CSV, Excel), or the element / field name (long CSV, JSON, DHIS2).
 */
export interface IngestIssue {
  line: number | null;
  column: string | null;
  value: string | null;
  code: IssueCode;
  messageVi: string;
  messageEn: string;
}
export type IngestError = IngestIssue;
export type IngestWarning = IngestIssue;

/** What `ingest` returns when values are streamed to `onValues`. */
export interface IngestSummary {
  /** Null for Excel (a zip of XML, not a text encoding) and for files that could not be read. */
  encoding: TextEncodingName | null;
  /** Null when the file could not be recognized at all. */
  shape: IngestShape | null;
  /** Data rows (CSV, Excel) or records (JSON, DHIS2) read, excluding header, title and empty rows. */
  rowsRead: number;
  /** Valid values found (all of them, even when `onValues` received them). */
  valueCount: number;
  errors: IngestError[];
  errorCount: number;
  warnings: IngestWarning[];
  warningCount: number;
}

export interface IngestResult extends IngestSummary {
  values: IngestValue[];
}
