import type { Status } from "@/lib/indicators/compute";
import type { ExportAttrs } from "../data-table/export-attrs";

/** Status as an icon as well as a colour, so it reads without colour vision. */
export const STATUS_ICON: Record<Status, string> = { meets: "✓", near: "!", below: "✗" };

export type StatusTexts = Record<Status, string>;

/** A remark on a figure (lib/indicators/flags.ts): it covers fewer commune-quarters than expected, or a rate is above 100 %. */
export interface FigureFlag {
  kind: "incomplete" | "over100";
  text: string;
}

/** The marks of the flags, also drawn on the charts and explained in the legends. */
export const FLAG_MARK: Record<FigureFlag["kind"], string> = { incomplete: "◐", over100: "⚠" };

/** The flags of a figure as marks that say what they mean (hover, focus, screen readers). */
export function FigureFlags({ flags }: { flags?: readonly FigureFlag[] }) {
  if (!flags?.length) return null;
  return (
    <>
      {flags.map((f) => (
        <span key={f.kind} className={`flag flag-${f.kind}`} title={f.text} data-flag={f.kind}>
          <span aria-hidden="true">{FLAG_MARK[f.kind]}</span>
          <span className="sr-only"> ({f.text})</span>
        </span>
      ))}
    </>
  );
}

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
 * A figure that tells how it was computed: on hover (title), on keyboard focus (a tooltip drawn from the
 * same title, dashboard.css) and to screen readers (hidden text). Plain markup, usable from server and client components.
 */
export function FigureView({
  text,
  explanation,
  testId,
  status,
  statusText,
  alwaysShowStatus = false,
  exportAs,
  flags,
}: {
  text: string;
  explanation: string;
  testId?: string;
  status?: Status | null;
  statusText: StatusTexts;
  alwaysShowStatus?: boolean;
  /** The figure as a number for table downloads (export-attrs.ts): the table's <DomTableExport> reads it. */
  exportAs?: ExportAttrs;
  /** Marks for a figure that is incomplete or above 100 %, with their reasons. */
  flags?: readonly FigureFlag[];
}) {
  return (
    <>
      <span className="figure" title={explanation} tabIndex={0} data-testid={testId} {...exportAs}>
        {text}
        <span className="sr-only"> ({explanation})</span>
      </span>
      <FigureFlags flags={flags} />
      {status && <StatusBadge status={status} text={statusText[status]} always={alwaysShowStatus} />}
    </>
  );
}
