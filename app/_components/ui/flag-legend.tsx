import type { Locale } from "@/lib/format";
import { getIndicator } from "@/lib/indicators/catalogue";
import { isIncomplete, isOver100, over100Cause } from "@/lib/indicators/flags";
import { indicatorLabel } from "../indicator-labels";
import { FLAG_MARK } from "./figure-view";

/** A figure of the engine as the legend needs it. */
export interface FlaggedFigure {
  code: string;
  value: number | null;
  missingQuarters?: number;
}

/**
 * What the marks of a table or chart mean, said only for the marks that appear: ◐ a figure covering fewer
 * commune-quarters than expected; ⚠ a rate above 100 %, with each such indicator's cause.
 */
export function FlagLegend({
  figures,
  locale,
  chart,
}: {
  figures: readonly FlaggedFigure[];
  locale: Locale;
  /** How the chart beside it draws an incomplete figure, said in the legend. */
  chart?: "bar" | "line";
}) {
  const vi = locale === "vi";
  const incomplete = figures.some(
    (f) => f.value !== null && f.missingQuarters !== undefined && isIncomplete({ missingQuarters: f.missingQuarters }),
  );
  const over = [
    ...new Set(
      figures
        .filter((f) => {
          const def = getIndicator(f.code);
          return def && isOver100(def, f.value);
        })
        .map((f) => f.code),
    ),
  ];
  if (!incomplete && over.length === 0) return null;
  return (
    <ul className="flag-legend" data-testid="flag-legend">
      {incomplete && (
        <li data-flag="incomplete">
          <span className="flag flag-incomplete" aria-hidden="true">
            {FLAG_MARK.incomplete}
          </span>{" "}
          {vi
            ? "Chưa đủ số liệu: con số chỉ gồm các báo cáo đã có (có xã hoặc quý chưa báo cáo)"
            : "Incomplete: the figure covers only the reports received (a commune or quarter is missing)"}
          {chart === "bar" &&
            (vi ? "; trên biểu đồ: cột nhạt, viền đứt, dấu ◐." : "; in the chart: pale bar, dashed outline, ◐ mark.")}
          {chart === "line" &&
            (vi ? "; trên biểu đồ: điểm rỗng, viền đứt." : "; in the chart: hollow point, dashed ring.")}
          {!chart && "."}
        </li>
      )}
      {over.map((code) => (
        <li key={code} data-flag="over100">
          <span className="flag flag-over100" aria-hidden="true">
            {FLAG_MARK.over100}
          </span>{" "}
          {indicatorLabel(code, locale)} {vi ? "trên 100 %" : "above 100 %"}: {over100Cause(code, locale)}.
        </li>
      ))}
    </ul>
  );
}
