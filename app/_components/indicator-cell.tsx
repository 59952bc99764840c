import type { Locale } from "@/lib/format";
import type { IndicatorDef } from "@/lib/indicators/catalogue";
import type { IndicatorValue } from "@/lib/indicators/compute";
import { explainIndicator, formatIndicatorValue } from "@/lib/indicators/explain";
import { indicatorExportAttrs } from "./data-table/export-attrs";
import { figureFlags } from "./figure-flags";
import { FigureView, type StatusTexts } from "./ui/figure-view";

/**
 * An indicator's figure with how it was computed (hover, or focus with the keyboard) and its status as
 * icon + text; it carries its unrounded value for table downloads (a rate as a percentage, a count as an
 * integer, or a number when it is an average).
 */
export function IndicatorFigure({
  def,
  value,
  locale,
  statusText,
  alwaysShowStatus,
  communes,
}: {
  def: IndicatorDef;
  /** With its coverage (a roll-up's missingQuarters and contributors) the figure is marked when incomplete. */
  value: IndicatorValue & { missingQuarters?: number; contributors?: number };
  /** Communes the figure should cover (for "tính trên 12/16 xã"). */
  communes?: number;
  locale: Locale;
  statusText: StatusTexts;
  alwaysShowStatus?: boolean;
}) {
  return (
    <FigureView
      text={formatIndicatorValue(def, value.value, locale)}
      explanation={explainIndicator(def, value, locale)}
      testId={`figure-${def.code}`}
      status={value.status}
      statusText={statusText}
      alwaysShowStatus={alwaysShowStatus}
      exportAs={indicatorExportAttrs(def, value.value)}
      flags={figureFlags(def, value, communes ?? 1, locale)}
    />
  );
}
