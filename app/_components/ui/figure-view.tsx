import type { Status } from "@/lib/indicators/compute";
import type { ExportAttrs } from "../data-table/export-attrs";

/** Status as an icon as well as a colour, so it reads without colour vision. */
export const STATUS_ICON: Record<Status, string> = { meets: "✓", near: "!", below: "✗" };

export type StatusTexts = Record<Status, string>;

/**
 * A status as icon + word. `always` keeps the word visible on a phone too (elsewhere it stays for
 * screen readers only, the icon and colour remaining).
 */
export function StatusBadge({ status, text, always = false }: { status: Status; text: string; always?: boolean }) {
  return (
    <span className={`status status-${status}${always ? " status-always" : ""}`}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span>
      <span className="status-text">{text}</span>
    </span>
  );
}

/**
 * A figure that tells how it was computed: on hover (title), on keyboard focus (a tooltip drawn from
 * data-explain) and to screen readers (hidden text). Plain markup, usable from server and client components.
 */
export function FigureView({
  text,
  explanation,
  testId,
  status,
  statusText,
  alwaysShowStatus = false,
  exportAs,
}: {
  text: string;
  explanation: string;
  testId?: string;
  status?: Status | null;
  statusText: StatusTexts;
  alwaysShowStatus?: boolean;
  /** The figure as a number for table downloads (export-attrs.ts): the table's <DomTableExport> reads it. */
  exportAs?: ExportAttrs;
}) {
  return (
    <>
      <span
        className="figure"
        title={explanation}
        data-explain={explanation}
        tabIndex={0}
        data-testid={testId}
        {...exportAs}
      >
        {text}
        <span className="sr-only"> ({explanation})</span>
      </span>
      {status && <StatusBadge status={status} text={statusText[status]} always={alwaysShowStatus} />}
    </>
  );
}
