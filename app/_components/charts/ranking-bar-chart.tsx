"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Status } from "@/lib/indicators/compute";

export interface RankingDatum {
  name: string;
  value: number | null;
  /** Pre-formatted value for tooltips ("84,4 %"). */
  label: string;
  status: Status | null;
}

const STATUS_COLOUR: Record<Status | "none", string> = {
  meets: "#007a5a",
  near: "#e69f00",
  below: "#c0392b",
  none: "#6e7781",
};

/**
 * Communes ranked by one indicator, bars coloured by status, the target as a dashed line.
 * Data comes in by props; the same figures are in the table beside it (the chart's text alternative).
 */
export function RankingBarChart({
  data,
  target,
  targetLabel,
  percent,
  ariaLabel,
}: {
  data: RankingDatum[];
  target: number | null;
  targetLabel: string;
  percent: boolean;
  ariaLabel: string;
}) {
  const sorted = [...data].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  return (
    <div className="chart" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={sorted} margin={{ top: 16, right: 16, bottom: 64, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} angle={-40} textAnchor="end" height={70} tick={{ fontSize: 12 }} />
          <YAxis domain={percent ? [0, 100] : [0, "auto"]} tick={{ fontSize: 12 }} unit={percent ? "%" : undefined} width={48} />
          <Tooltip formatter={(_v, _n, item) => [(item.payload as RankingDatum).label, ""]} separator="" />
          <Bar dataKey="value" isAnimationActive={false}>
            {sorted.map((d) => (
              <Cell key={d.name} fill={STATUS_COLOUR[d.status ?? "none"]} />
            ))}
          </Bar>
          {target !== null && (
            <ReferenceLine y={target} stroke="#1b1f24" strokeDasharray="6 4" label={{ value: targetLabel, position: "insideTopRight", fontSize: 12 }} />
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
