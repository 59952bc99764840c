"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatNumber, formatPercent, type Locale } from "@/lib/format";
import { LINE_CHART_HEIGHT } from "./sizes";

export interface LineSeries {
  key: string;
  name: string;
  colour: string;
  dashed?: boolean;
}

/**
 * One x position: its label, each series' value by key, and `<key>:incomplete` = 1 when that value covers
 * fewer commune-quarters than expected (drawn as a hollow point with a dashed ring).
 */
export type LinePoint = { label: string } & Record<string, number | null | string>;

/** A percent axis reaches 100, or past it when a rate is above 100 % (never clipped). */
export function percentDomain(dataMax: number): number {
  return Math.max(100, Math.ceil(dataMax / 10) * 10);
}

/**
 * Values over quarters: one line per series (the scope, a commune, the target dashed). Formatting goes
 * through lib/format; the page gives the same figures as a table (the chart's text alternative).
 */
export function LineChartView({
  data,
  series,
  percent,
  locale,
  height = LINE_CHART_HEIGHT,
  compact = false,
  marker,
}: {
  data: LinePoint[];
  series: LineSeries[];
  percent: boolean;
  locale: Locale;
  height?: number;
  compact?: boolean;
  /** A vertical mark at one x label (e.g. the first quarter after the 1 July 2025 reform). */
  marker?: { at: string; label: string };
}) {
  const fmt = (v: unknown) =>
    typeof v === "number" ? (percent ? formatPercent(v, locale) : formatNumber(v, locale)) : "–";
  // Drawn once near the screen: lazy.tsx loads it then, in the space reserved for it.
  return (
    <div style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={{ top: 12, right: 20, bottom: 4, left: compact ? -4 : 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: compact ? 10 : 12 }}
            interval="preserveStartEnd"
            minTickGap={12}
            padding={{ left: 12, right: 12 }}
          />
          <YAxis
            domain={percent ? [0, percentDomain] : [0, "auto"]}
            allowDecimals={false}
            tick={{ fontSize: compact ? 10 : 12 }}
            width={compact ? 46 : 52}
            tickFormatter={(v: number) => (percent ? `${formatNumber(v, locale, 0)}%` : formatNumber(v, locale, 0))}
          />
          <Tooltip formatter={(v, name) => [fmt(v), name]} />
          {!compact && (
            <Legend
              wrapperStyle={{ fontSize: 12 }}
              formatter={(value) => <span style={{ color: "#1b1f24" }}>{value}</span>}
            />
          )}
          {marker && (
            <ReferenceLine
              x={marker.at}
              stroke="#6b7280"
              strokeDasharray="2 3"
              label={{ value: marker.label, position: "insideTopLeft", fontSize: compact ? 9 : 11, fill: "#374151" }}
            />
          )}
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={s.colour}
              strokeWidth={s.dashed ? 1.5 : 2.5}
              strokeDasharray={s.dashed ? "6 4" : undefined}
              dot={
                s.dashed
                  ? false
                  : (p: { cx?: number; cy?: number; index?: number; payload?: LinePoint }) => {
                      const key = `${s.key}-${p.index}`;
                      if (p.cx == null || p.cy == null || p.payload?.[s.key] == null) return <g key={key} />;
                      const incomplete = p.payload[`${s.key}:incomplete`] === 1;
                      return (
                        <circle
                          key={key}
                          cx={p.cx}
                          cy={p.cy}
                          r={incomplete ? (compact ? 3 : 5) : compact ? 2 : 4}
                          fill={incomplete ? "#ffffff" : s.colour}
                          stroke={s.colour}
                          strokeWidth={2}
                          strokeDasharray={incomplete ? "2 2" : undefined}
                          data-incomplete={incomplete ? "true" : undefined}
                        />
                      );
                    }
              }
              connectNulls={false}
              isAnimationActive={false}
              type="linear"
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
