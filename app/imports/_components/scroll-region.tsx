import type { ReactNode } from "react";
import { ScrollTable } from "../../_components/ui/scroll-table";

/**
 * A table that may scroll sideways on a phone: focusable and named, so keyboard users can scroll it
 * too (axe: scrollable-region-focusable), with a visible hint while it does not fit.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return <ScrollTable label={label}>{children}</ScrollTable>;
}
