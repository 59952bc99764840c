import type { Locale } from "@/lib/format";
import type { IndicatorDef } from "@/lib/indicators/catalogue";
import type { IndicatorValue } from "@/lib/indicators/compute";
import { explainIndicator, formatIndicatorValue } from "@/lib/indicators/explain";
import { indicatorExportAttrs } from "./data-table/export-attrs";
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
}: {
  def: IndicatorDef;
  value: IndicatorValue;
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
    />
  );
}
