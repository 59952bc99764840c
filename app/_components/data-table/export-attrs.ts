/**
 * The attributes that make a shown figure exportable as a number by <DomTableExport>: the unrounded value
 * (percentages on the 0–100 scale; "" = no data) and its kind. Plain markup, for server and client components.
 * "count" is an integer when the value is whole (a commune's count), else a number (an average).
 * @example <td className="num" {...exportAttrs(84.444, "percent")}>84,4 %</td>
 */
export type ExportAttrKind = "integer" | "number" | "percent" | "count";

export interface ExportAttrs {
  "data-export-value": string;
  "data-export-kind": "integer" | "number" | "percent";
}

export function exportAttrs(value: number | null | undefined, kind: ExportAttrKind): ExportAttrs {
  const ok = value !== null && value !== undefined && Number.isFinite(value);
  const k = kind === "count" ? (ok && !Number.isInteger(value) ? "number" : "integer") : kind;
  return { "data-export-value": ok ? String(value) : "", "data-export-kind": k };
}

/** An indicator's figure: a rate as a percentage, a count as a count. */
export function indicatorExportAttrs(def: { kind: string }, value: number | null | undefined): ExportAttrs {
  return exportAttrs(value, def.kind === "rate" ? "percent" : "count");
}
