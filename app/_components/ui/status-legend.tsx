import { STATUS_ICON, type StatusTexts } from "./figure-view";

/** What the status colours mean, with the icons the tables use. */
export function StatusLegend({ statusText, noData }: { statusText: StatusTexts; noData?: string }) {
  return (
    <span className="legend">
      {(["meets", "near", "below"] as const).map((s) => (
        <span key={s} className="legend-item">
          <span className={`swatch swatch-${s}`} aria-hidden="true" />
          <span aria-hidden="true">{STATUS_ICON[s]}</span> {statusText[s]}
        </span>
      ))}
      {noData && <span className="legend-item">– {noData}</span>}
    </span>
  );
}
