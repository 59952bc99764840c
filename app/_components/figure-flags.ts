import type { Locale } from "@/lib/format";
import type { IndicatorDef } from "@/lib/indicators/catalogue";
import { incompleteNote, over100Note } from "@/lib/indicators/flags";
import type { FigureFlag } from "./ui/figure-view";

/**
 * The flags of one engine cell: incomplete when it covers fewer commune-quarters than expected, over100 when
 * a rate is above 100 % (with its cause). Plain data, usable in server pages and passed to client tables.
 */
export function figureFlags(
  def: IndicatorDef,
  cell: { value: number | null; missingQuarters?: number; contributors?: number },
  communes: number,
  locale: Locale,
): FigureFlag[] {
  const out: FigureFlag[] = [];
  if (cell.missingQuarters !== undefined && cell.value !== null) {
    const text = incompleteNote(
      { missingQuarters: cell.missingQuarters, contributors: cell.contributors ?? 0 },
      communes,
      locale,
    );
    if (text) out.push({ kind: "incomplete", text });
  }
  const over = over100Note(def, cell.value, locale);
  if (over) out.push({ kind: "over100", text: over });
  return out;
}
