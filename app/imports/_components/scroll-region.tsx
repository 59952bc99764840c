import type { ReactNode } from "react";

/**
 * A table that may scroll sideways on a phone: focusable and named, so keyboard users can scroll it
 * too (axe: scrollable-region-focusable). Tables with links inside need only the plain .table-wrap.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
