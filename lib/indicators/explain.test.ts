import { describe, expect, it } from "vitest";
import { getIndicator } from "./catalogue";
import { computeIndicator } from "./compute";
import { explainIndicator, formatIndicatorValue } from "./explain";

describe("explainIndicator", () => {
  const online = getIndicator("online_rate")!;
  it("shows the fraction, the rounded rate and the target", () => {
    const v = computeIndicator(
      online,
      { procedures_online: 152, procedures_received: 180 },
      { target: 80, communes: 1, quarters: 1 },
    );
    expect(explainIndicator(online, v, "vi")).toBe("152 / 180 = 84,4 % (mục tiêu ≥ 80,0 %)");
    expect(explainIndicator(online, v, "en")).toBe("152 / 180 = 84.4% (target ≥ 80.0%)");
  });
  it("says 'no data' for a zero denominator instead of 0 %", () => {
    const v = computeIndicator(
      online,
      { procedures_online: 0, procedures_received: 0 },
      { target: 80, communes: 1, quarters: 1 },
    );
    expect(formatIndicatorValue(online, v.value, "vi")).toBe("–");
    expect(explainIndicator(online, v, "vi")).toBe(
      "Không có dữ liệu (chưa báo cáo hoặc mẫu số bằng 0) (mục tiêu ≥ 80,0 %)",
    );
  });
  it("scales a count target to the scope", () => {
    const reception = getIndicator("reception")!;
    const v = computeIndicator(reception, { reception_sessions: 1500 }, { target: 12, communes: 16, quarters: 2 });
    expect(explainIndicator(reception, v, "vi")).toBe("Tổng 1.500 (mục tiêu ≥ 384)");
  });
});
