/**
 * The table's state as short URL parameters (pure): `sort=online_rate.desc`, `hide=code,meetings`,
 * and the Vietnamese-aware name match behind the filter.
 */
import type { DataTableColumn } from "./types";

export interface SortEntry {
  id: string;
  desc: boolean;
}

/** `online_rate.desc` → [{ id: "online_rate", desc: true }]; unknown columns are ignored. */
export function sortFromParam(param: string | undefined, columns: ReadonlyMap<string, DataTableColumn>): SortEntry[] {
  if (!param) return [];
  const [id, dir] = param.split(".");
  if (!columns.has(id)) return [];
  return [{ id, desc: dir === "desc" }];
}

export function sortToParam(sorting: readonly SortEntry[]): string {
  const s = sorting[0];
  return s ? `${s.id}.${s.desc ? "desc" : "asc"}` : "";
}

/** Visibility state from `hide=a,b` (or the columns hidden by default when absent). Row headers always show. */
export function hiddenFromParam(
  param: string | undefined,
  columns: readonly DataTableColumn[],
): Record<string, boolean> {
  const hidden = param === undefined ? columns.filter((c) => c.hidden).map((c) => c.id) : param.split(",");
  const out: Record<string, boolean> = {};
  for (const c of columns) if (!c.rowHeader && hidden.includes(c.id)) out[c.id] = false;
  return out;
}

/** The hidden columns as `a,b`; "" when they are the default ones. */
export function hiddenToParam(
  visibility: Readonly<Record<string, boolean>>,
  columns: readonly DataTableColumn[],
): string {
  const hidden = columns.filter((c) => visibility[c.id] === false).map((c) => c.id);
  const defaults = columns.filter((c) => c.hidden).map((c) => c.id);
  if (hidden.join(",") === defaults.join(",")) return "";
  return hidden.length ? hidden.join(",") : "-";
}

/** Case- and accent-insensitive form of a name: "Trà Bùi" and "tra bui" match, đ as d. */
export function foldName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .trim();
}
