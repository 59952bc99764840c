/**
 * Collects errors and warnings with a cap, so a file with a million bad rows cannot exhaust memory:
 * the first `max` are kept, all are counted.
 */
import { locate, type Bilingual, type IssueCode, type Where } from "./messages";
import type { IngestIssue } from "./types";

export function makeIssue(where: Where, code: IssueCode, value: string | null, detail: Bilingual): IngestIssue {
  const m = locate(where, detail);
  return { line: where.line, column: where.column, value, code, messageVi: m.vi, messageEn: m.en };
}

export class IssueSink {
  readonly errors: IngestIssue[] = [];
  readonly warnings: IngestIssue[] = [];
  errorCount = 0;
  warningCount = 0;

  constructor(
    private readonly maxErrors = 1000,
    private readonly maxWarnings = 1000,
  ) {}

  error(where: Where, code: IssueCode, value: string | null, detail: Bilingual): void {
    this.errorCount++;
    if (this.errors.length < this.maxErrors) this.errors.push(makeIssue(where, code, value, detail));
  }

  warn(where: Where, code: IssueCode, value: string | null, detail: Bilingual): void {
    this.warningCount++;
    if (this.warnings.length < this.maxWarnings) this.warnings.push(makeIssue(where, code, value, detail));
  }
}

/** File-level issues first, then by line; stable, so issues of one line keep their column order. */
export function sortIssues(issues: IngestIssue[]): IngestIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.i - b.i)
    .map((x) => x.issue);
}
