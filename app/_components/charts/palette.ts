import type { Status } from "@/lib/indicators/compute";

/**
 * Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; "below" bars are
 * also hatched, and every status is written out in the tooltips and the tables beside the charts.
 */
export const STATUS_FILL: Record<Status | "none", string> = {
  meets: "#009E73",
  near: "#E69F00",
  below: "#D55E00",
  none: "#8c959f",
};

/** Series colours for comparisons (up to six series), Okabe–Ito order. */
export const SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"] as const;
