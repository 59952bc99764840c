"use client";

import dynamic from "next/dynamic";

// Charts load after the page is interactive, so recharts stays out of the first-load JavaScript; the
// figure around each chart (its label and the data table) is server-rendered and readable meanwhile.
const placeholder = () => <div className="chart-loading" aria-hidden="true" />;

export const RankingBarChart = dynamic(() => import("./ranking-bar-chart").then((m) => m.RankingBarChart), {
  ssr: false,
  loading: placeholder,
});
export const LineChartView = dynamic(() => import("./line-chart").then((m) => m.LineChartView), {
  ssr: false,
  loading: placeholder,
});
export const CompareBars = dynamic(() => import("./compare-bars").then((m) => m.CompareBars), {
  ssr: false,
  loading: placeholder,
});
