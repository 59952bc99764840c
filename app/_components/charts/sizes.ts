/**
 * Chart heights known before recharts loads: the space the page reserves for a chart (lazy.tsx) is the
 * height the chart then draws at, so nothing below it moves.
 */

/** The ranking's horizontal bars: 28 px a commune, plus the axes; 220 px at least. */
export function rankingChartHeight(bars: number): number {
  return Math.max(220, bars * 28 + 56);
}

/** A line chart's height unless its caller sets one. */
export const LINE_CHART_HEIGHT = 280;

/** One compare panel's bars: 22 px a bar, plus the axes (its title line is above it). */
export function comparePanelChartHeight(bars: number): number {
  return bars * 22 + 58;
}
