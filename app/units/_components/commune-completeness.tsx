import { formatPeriod, formatQuarter, type Locale } from "@/lib/format";
import { periodCompleteness } from "@/lib/indicators/flags";
import type { ScopeUnit } from "@/db/queries/units";
import { cachedCompleteness, type ViewContext } from "../../_components/view-context";

/**
 * How complete the profile's period is: for the commune (which quarters it has not reported) and for the
 * scope it is compared with ("12/16 xã đã báo cáo Quý III/2025"), from getCompleteness.
 */
export async function CommuneCompleteness({
  view,
  commune,
  locale,
}: {
  view: ViewContext;
  commune: ScopeUnit;
  locale: Locale;
}) {
  const vi = locale === "vi";
  const c = await cachedCompleteness(view.scope.id, view.period!.code);
  if (c.quarters.length === 0) return null;
  const missing = c.quarters.filter((q) => q.missingCommunes.some((m) => m.code === commune.code)).map((q) => q.period);
  const period = formatPeriod(view.period!.code, locale);
  const reported = c.quarters.length - missing.length;
  const own =
    missing.length === 0
      ? vi
        ? `${commune.name} đã báo cáo đủ ${period}.`
        : `${commune.name} reported all of ${period}.`
      : vi
        ? `${commune.name} đã báo cáo ${reported}/${c.quarters.length} quý của ${period}; chưa báo cáo: ` +
          `${missing.map((q) => formatQuarter(q, locale)).join(", ")}.`
        : `${commune.name} reported ${reported}/${c.quarters.length} quarters of ${period}; not reported: ` +
          `${missing.map((q) => formatQuarter(q, locale)).join(", ")}.`;
  const scope = periodCompleteness(view.period!.code, c.quarters, locale);
  const complete = missing.length === 0 && scope.complete;
  return (
    <div
      className={`period-completeness ${complete ? "is-complete" : "is-incomplete"}`}
      data-testid="period-completeness"
      data-complete={complete ? "true" : "false"}
    >
      <p data-testid="commune-completeness">
        <span aria-hidden="true">{missing.length ? "◐ " : "✓ "}</span>
        {own}
      </p>
      <p>
        {view.scope.name}: {scope.text}
      </p>
    </div>
  );
}
