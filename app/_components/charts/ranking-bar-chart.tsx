"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatNumber, formatPercent, type Locale } from "@/lib/format";
import type { Status } from "@/lib/indicators/compute";
import { percentDomain } from "./line-chart";
import { STATUS_FILL } from "./palette";
import { rankingChartHeight } from "./sizes";

export interface RankingDatum {
  code: string;
  name: string;
  value: number | null;
  /** Pre-formatted value ("84,4 %"). */
  label: string;
  status: Status | null;
  /** The status in words (or "no target"), for the tooltip. */
  statusLabel: string;
  /** Covers fewer commune-quarters than expected: a pale bar with a dashed outline and ◐ after its value. */
  incomplete?: boolean;
  /** A rate above 100 %: ⚠ after its value (the legend under the chart says why). */
  over100?: boolean;
}

/**
 * Communes ranked by one indicator, best first, as horizontal bars (long Vietnamese names fit, also on
 * a phone), coloured by status ("below" hatched too), the target as a dashed line. Data comes in by
 * props; the page puts the same figures in a table beside it (the chart's text alternative).
 */
export function RankingBarChart({
  data,
  target,
  targetLabel,
  percent,
  locale,
}: {
  data: RankingDatum[];
  target: number | null;
  targetLabel: string;
  percent: boolean;
  locale: Locale;
}) {
  const sorted = [...data]
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))
    .map((d) => ({ ...d, shown: `${d.label}${d.incomplete ? " ◐" : ""}${d.over100 ? " ⚠" : ""}` }));
  const height = rankingChartHeight(sorted.length);
  const max = Math.max(target ?? 0, ...sorted.map((d) => d.value ?? 0));
  const domain: [number, number] = percent ? [0, percentDomain(max)] : [0, Math.ceil(max * 1.1) || 1];
  const tick = (v: number) => (percent ? formatPercent(v, locale).replace(",0", "") : formatNumber(v, locale, 0));
  // Drawn once near the screen: lazy.tsx loads it then, in the space reserved for it.
  return (
    <div style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={sorted}
          layout="vertical"
          margin={{ top: 20, right: 56, bottom: 4, left: 4 }}
          accessibilityLayer={false}
        >
          <defs>
            <pattern id="hatch-below" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill={STATUS_FILL.below} />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
            </pattern>
          </defs>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={domain} tick={{ fontSize: 12 }} tickFormatter={tick} />
          <YAxis type="category" dataKey="name" width={124} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip
            cursor={{ fill: "rgba(0,0,0,0.05)" }}
            formatter={(_v, _n, item) => {
              const d = item.payload as RankingDatum;
              return [`${d.label} · ${d.statusLabel}`, ""];
            }}
            separator=""
          />
          <Bar dataKey="value" isAnimationActive={false} barSize={16}>
            {sorted.map((d) => (
              <Cell
                key={d.code}
                fill={d.status === "below" ? "url(#hatch-below)" : STATUS_FILL[d.status ?? "none"]}
                fillOpacity={d.incomplete ? 0.45 : 1}
                stroke={d.incomplete ? "#1b1f24" : undefined}
                strokeDasharray={d.incomplete ? "3 2" : undefined}
              />
            ))}
            <LabelList dataKey="shown" position="right" style={{ fontSize: 12, fill: "#1b1f24" }} />
          </Bar>
          {target !== null && (
            <ReferenceLine
              x={target}
              stroke="#1b1f24"
              strokeWidth={2}
              strokeDasharray="6 4"
              label={{ value: targetLabel, position: "top", fontSize: 12, fill: "#1b1f24" }}
            />
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
