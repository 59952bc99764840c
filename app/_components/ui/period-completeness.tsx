import type { Locale } from "@/lib/format";
import { periodCompleteness } from "@/lib/indicators/flags";
import { cachedCompleteness } from "../view-context";
import { FLAG_MARK } from "./figure-view";

/**
 * How complete the period shown is, in one sentence ("12/16 xã đã báo cáo Quý III/2025"; for a longer
 * period, which quarters are incomplete), from getCompleteness: every view of a period says it.
 */
export async function PeriodCompletenessNote({
  scopeUnitId,
  period,
  locale,
}: {
  scopeUnitId: number;
  period: string;
  locale: Locale;
}) {
  const c = await cachedCompleteness(scopeUnitId, period);
  if (c.quarters.length === 0 || c.total.expected === 0) return null;
  const p = periodCompleteness(period, c.quarters, locale);
  return (
    <p
      className={`period-completeness ${p.complete ? "is-complete" : "is-incomplete"}`}
      data-testid="period-completeness"
      data-complete={p.complete ? "true" : "false"}
    >
      <span aria-hidden="true">{p.complete ? "✓ " : `${FLAG_MARK.incomplete} `}</span>
      {p.text}
    </p>
  );
}
