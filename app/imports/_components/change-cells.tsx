import { formatPeriod, type Locale } from "@/lib/format";
import { count, elementLabel } from "./labels";

export interface ChangeLike {
  unitCode: string;
  unitName: string;
  period: string;
  element: string;
  oldValue: number | null;
  /** Null when a revert removed the value. */
  newValue: number | null;
}

/** The header cells matching ChangeCells; on a phone the period moves under the commune. */
export function ChangeHeaderCells({
  labels,
}: {
  labels: { commune: string; period: string; element: string; change: string };
}) {
  return (
    <>
      <th scope="col">{labels.commune}</th>
      <th scope="col" className="hide-narrow">
        {labels.period}
      </th>
      <th scope="col">{labels.element}</th>
      <th scope="col" className="num">
        {labels.change}
      </th>
    </>
  );
}

/** One value's change: commune code + name, period in words, element label, old → new ("mới" when there was none). */
export function ChangeCells({
  change: c,
  locale,
  newLabel,
  removedLabel,
}: {
  change: ChangeLike;
  locale: Locale;
  newLabel: string;
  removedLabel: string;
}) {
  const period = formatPeriod(c.period, locale);
  return (
    <>
      <td className="commune-cell">
        <span className="code">{c.unitCode}</span> {c.unitName}
        <span className="show-narrow muted small">{period}</span>
      </td>
      <td className="nowrap hide-narrow">{period}</td>
      <td>{elementLabel(c.element, locale)}</td>
      <td className="num change">
        {c.oldValue === null ? <span className="tag-new">{newLabel}</span> : count(c.oldValue, locale)} →{" "}
        {c.newValue === null ? (
          <span className="tag-removed">{removedLabel}</span>
        ) : (
          <strong>{count(c.newValue, locale)}</strong>
        )}
      </td>
    </>
  );
}
