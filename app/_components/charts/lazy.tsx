"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { WhenVisible } from "./when-visible";
import { LINE_CHART_HEIGHT, comparePanelChartHeight, rankingChartHeight } from "./sizes";

// Charts load after the page is interactive, so recharts stays out of the first-load JavaScript; the
// figure around each chart (its label and the data table) is server-rendered and readable meanwhile.
// Each is also fetched only when it comes near the screen (WhenVisible): a phone that opens a page
// does not download and evaluate recharts for charts far below while the page is loading.
const placeholder = () => <div className="chart-loading" aria-hidden="true" />;

const RankingBarChartLazy = dynamic(() => import("./ranking-bar-chart").then((m) => m.RankingBarChart), {
  ssr: false,
  loading: placeholder,
});
const LineChartViewLazy = dynamic(() => import("./line-chart").then((m) => m.LineChartView), {
  ssr: false,
  loading: placeholder,
});
const CompareBarsLazy = dynamic(() => import("./compare-bars").then((m) => m.CompareBars), {
  ssr: false,
  loading: placeholder,
});

export function RankingBarChart(props: ComponentProps<typeof RankingBarChartLazy>) {
  return (
    <WhenVisible height={rankingChartHeight(props.data.length)}>
      <RankingBarChartLazy {...props} />
    </WhenVisible>
  );
}

export function LineChartView(props: ComponentProps<typeof LineChartViewLazy>) {
  return (
    <WhenVisible height={props.height ?? LINE_CHART_HEIGHT}>
      <LineChartViewLazy {...props} />
    </WhenVisible>
  );
}

export function CompareBars(props: ComponentProps<typeof CompareBarsLazy>) {
  // The tallest panel (its chart and its 18 px title line); panels stand side by side from 320 px up.
  const tallest = Math.max(0, ...props.panels.map((p) => comparePanelChartHeight(p.bars.length) + 18));
  return (
    <WhenVisible height={tallest}>
      <CompareBarsLazy {...props} />
    </WhenVisible>
  );
}
