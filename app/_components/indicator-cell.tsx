import type { Locale } from "@/lib/format";
import type { IndicatorDef } from "@/lib/indicators/catalogue";
import type { IndicatorValue } from "@/lib/indicators/compute";
import { explainIndicator, formatIndicatorValue } from "@/lib/indicators/explain";

const ICON = { meets: "✓", near: "!", below: "✗" } as const;

/** A figure with how it was computed (hover, or focus with the keyboard) and its status as icon + text. */
export function IndicatorFigure({
  def,
  value,
  locale,
  statusText,
}: {
  def: IndicatorDef;
  value: IndicatorValue;
  locale: Locale;
  statusText: Record<"meets" | "near" | "below", string>;
}) {
  const explanation = explainIndicator(def, value, locale);
  return (
    <>
      <span className="figure" title={explanation} tabIndex={0} data-testid={`figure-${def.code}`}>
        {formatIndicatorValue(def, value.value, locale)}
        <span className="sr-only"> ({explanation})</span>
      </span>
      {value.status && (
        <span className={`status status-${value.status}`}>
          <span aria-hidden="true">{ICON[value.status]}</span>
          <span className="status-text">{statusText[value.status]}</span>
        </span>
      )}
    </>
  );
}
