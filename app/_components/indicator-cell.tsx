import type { Locale } from "@/lib/format";
import type { IndicatorDef } from "@/lib/indicators/catalogue";
import type { IndicatorValue } from "@/lib/indicators/compute";
import { explainIndicator, formatIndicatorValue } from "@/lib/indicators/explain";
import { FigureView, type StatusTexts } from "./ui/figure-view";

/** An indicator's figure with how it was computed (hover, or focus with the keyboard) and its status as icon + text. */
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
    />
  );
}
