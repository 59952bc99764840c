import { describe, expect, it } from "vitest";
import { generateDemoReports } from "./generate";
import { generateDemoNarratives } from "./narratives";
import { parseReport } from "../reports/parse";
import { DEMO_COMMUNES } from "./generate";

const figures = generateDemoReports().map((r) => ({
  unitCode: r.unitCode,
  unitName: DEMO_COMMUNES.find((c) => c.code === r.unitCode)?.name ?? r.unitCode,
  period: r.period,
  values: r.values as Record<string, number>,
}));

describe("demo narrative reports", () => {
  const out = generateDemoNarratives(figures);

  it("writes one report per commune-quarter with figures, but one missing and one late", () => {
    expect(out).toHaveLength(figures.length - 1);
    expect(out.filter((n) => n.notes.includes("late"))).toHaveLength(1);
    expect(generateDemoNarratives(figures).map((n) => n.text)).toEqual(out.map((n) => n.text));
  });

  it("reads back as a report of its commune and quarter, stating the submitted figures except a few on purpose", () => {
    let disagreements = 0;
    for (const n of out) {
      const p = parseReport(n.text);
      const f = figures.find((x) => x.unitCode === n.unitCode && x.period === n.period)!;
      expect(p.period?.code).toBe(n.period);
      expect(p.items.filter((i) => i.partKind === "results").length).toBeGreaterThanOrEqual(6);
      const differ = p.figures.filter((x) => x.element && x.value !== f.values[x.element]);
      if (n.notes.includes("disagreement")) {
        expect(differ).toHaveLength(1);
        disagreements++;
      } else if (!n.notes.includes("recycled_neighbour")) expect(differ).toEqual([]);
    }
    expect(disagreements).toBeGreaterThanOrEqual(3);
    expect(disagreements).toBeLessThanOrEqual(15);
    expect(out.filter((n) => n.notes.includes("recycled_previous")).length).toBeGreaterThanOrEqual(5);
  });
});
