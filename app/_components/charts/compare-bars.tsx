"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from "recharts";
import { formatNumber, type Locale } from "@/lib/format";
import { percentDomain } from "./line-chart";
import { WhenVisible } from "./when-visible";
import { comparePanelChartHeight } from "./sizes";

export interface CompareBar {
  /** The series' key (commune code or period code). */
  key: string;
  name: string;
  value: number | null;
  /** The value as written in the table ("84,4 %"), with ◐ / ⚠ when flagged. */
  label: string;
  colour: string;
  /** Covers fewer commune-quarters than expected: pale, dashed outline. */
  incomplete: boolean;
}

export interface ComparePanel {
  code: string;
  title: string;
  percent: boolean;
  /** The target of the figures (a rate's, or a count's scaled to one commune); null = none. */
  target: number | null;
  targetLabel: string;
  bars: CompareBar[];
}

/**
 * Small multiples: one horizontal bar chart per indicator, one bar per commune or period, in the order of
 * the legend; each bar carries its value and the target is a dashed line. Any number of series: the names
 * are on the axis, the colours (Okabe–Ito) only repeat the legend.
 */
export function CompareBars({ panels, locale }: { panels: ComparePanel[]; locale: Locale }) {
  return (
    <div className="compare-panels">
      {panels.map((p) => {
        const max = Math.max(p.target ?? 0, ...p.bars.map((b) => b.value ?? 0));
        const domain: [number, number] = p.percent ? [0, percentDomain(max)] : [0, Math.ceil(max * 1.15) || 1];
        const height = comparePanelChartHeight(p.bars.length);
        return (
          <div key={p.code} className="compare-panel" data-indicator={p.code}>
            <p className="compare-panel-title" aria-hidden="true">
              {p.title}
            </p>
            <WhenVisible height={height}>
              <div style={{ width: "100%", height }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart
                    data={p.bars}
                    layout="vertical"
                    margin={{ top: 18, right: 64, bottom: 4, left: 4 }}
                    accessibilityLayer={false}
                  >
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis
                      type="number"
                      domain={domain}
                      tick={{ fontSize: 11 }}
                      allowDecimals={false}
                      tickFormatter={(v: number) =>
                        p.percent ? `${formatNumber(v, locale, 0)}%` : formatNumber(v, locale, 0)
                      }
                    />
                    <YAxis type="category" dataKey="name" width={112} tick={{ fontSize: 11 }} interval={0} />
                    <Bar dataKey="value" isAnimationActive={false} barSize={14}>
                      {p.bars.map((b) => (
                        <Cell
                          key={b.key}
                          fill={b.colour}
                          fillOpacity={b.incomplete ? 0.4 : 1}
                          stroke={b.incomplete ? "#1b1f24" : undefined}
                          strokeDasharray={b.incomplete ? "3 2" : undefined}
                        />
                      ))}
                      <LabelList dataKey="label" position="right" style={{ fontSize: 11, fill: "#1b1f24" }} />
                    </Bar>
                    {p.target !== null && (
                      <ReferenceLine
                        x={p.target}
                        stroke="#1b1f24"
                        strokeWidth={2}
                        strokeDasharray="6 4"
                        label={{ value: p.targetLabel, position: "top", fontSize: 11, fill: "#1b1f24" }}
                      />
                    )}
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </WhenVisible>
          </div>
        );
      })}
    </div>
  );
}
