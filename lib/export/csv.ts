/**
 * CSV for Excel: UTF-8 with BOM (Vietnamese Excel then opens diacritics intact), CRLF, and every cell
 * that starts with = + - @ tab or CR neutralized with a leading apostrophe against formula injection.
 */

export type CsvCell = string | number | null | undefined;

/** Neutralize a text cell Excel would run as a formula. Numbers are written as they are. */
export function neutralizeCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function encodeCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const safe = neutralizeCell(cell);
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(encodeCell).join(",") + "\r\n";
}

/** @example toCsv(["a", "b"], [["=1+1", 2]]) → "\uFEFFa,b\r\n'=1+1,2\r\n" */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = "\uFEFF" + csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}
