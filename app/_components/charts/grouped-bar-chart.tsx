"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, formatPercent, type Locale } from "@/lib/format";
import type { LineSeries } from "./line-chart";

export type GroupedDatum = { label: string } & Record<string, number | null | string>;

/**
 * Side-by-side bars: one group per category (indicator), one bar per series (commune or period).
 * Horizontal, so long indicator names stay readable, also on a phone.
 */
export function GroupedBarChart({
  data,
  series,
  percent,
  locale,
}: {
  data: GroupedDatum[];
  series: Omit<LineSeries, "dashed">[];
  percent: boolean;
  locale: Locale;
}) {
  const fmt = (v: unknown) =>
    typeof v === "number" ? (percent ? formatPercent(v, locale) : formatNumber(v, locale)) : "–";
  const barSize = series.length > 4 ? 7 : 10;
  const height = data.length * (series.length * (barSize + 2) + 18) + 70;
  return (
    <div style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
          accessibilityLayer={false}
          barGap={2}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={percent ? [0, 100] : [0, "auto"]}
            allowDecimals={!percent}
            tick={{ fontSize: 12 }}
            tickFormatter={(v: number) => (percent ? `${formatNumber(v, locale, 0)}%` : formatNumber(v, locale, 0))}
          />
          <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v, name) => [fmt(v), name]} />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            formatter={(value) => <span style={{ color: "#1b1f24" }}>{value}</span>}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={s.colour}
              isAnimationActive={false}
              barSize={barSize}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
