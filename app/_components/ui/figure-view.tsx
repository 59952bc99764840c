import type { Status } from "@/lib/indicators/compute";

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
}: {
  text: string;
  explanation: string;
  testId?: string;
  status?: Status | null;
  statusText: StatusTexts;
  alwaysShowStatus?: boolean;
}) {
  return (
    <>
      <span className="figure" title={explanation} data-explain={explanation} tabIndex={0} data-testid={testId}>
        {text}
        <span className="sr-only"> ({explanation})</span>
      </span>
      {status && <StatusBadge status={status} text={statusText[status]} always={alwaysShowStatus} />}
    </>
  );
}
