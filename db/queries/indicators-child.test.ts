import { expect, it } from "vitest";
import { describeEachEngine } from "../test-utils";
import { loadDemoData } from "../bootstrap";
import { getIndicatorTable } from "./indicators";
import { getUnitByCode } from "./units";

describeEachEngine("indicator rows by child unit and for the whole country", (get) => {
  it("a province's district row equals that district's own total; the country equals its one province", async () => {
    const { db } = get();
    await loadDemoData(db);
    const province = await getUnitByCode(db, { structure: "2025-06", code: "51" });
    const district = await getUnitByCode(db, { structure: "2025-06", code: "525" });
    const byChild = await getIndicatorTable(db, {
      reader: "system",
      scope: province!.id,
      period: "2025S1",
      by: "child",
    });
    expect(byChild.rows.map((r) => [r.kind, r.unit.code, r.communes])).toEqual([
      ["child", "525", 16],
      ["total", "51", 16],
    ]);
    const districtTotal = (
      await getIndicatorTable(db, { reader: "system", scope: district!.id, period: "2025S1", by: "unit" })
    ).rows.at(-1)!;
    expect(byChild.rows[0].values).toEqual(districtTotal.values);
    expect(byChild.rows[0].expectedQuarters).toBe(32);
    expect(byChild.rows[0].reportedQuarters).toBe(31); // Trà Bùi missed 2025Q2

    const country = await getIndicatorTable(db, {
      reader: "system",
      scope: { country: "2025-06" },
      period: "2025S1",
      by: "child",
    });
    expect(country.scope).toMatchObject({ code: "VN", level: "country" });
    expect(country.rows.map((r) => [r.kind, r.unit.code])).toEqual([
      ["child", "51"],
      ["total", "VN"],
    ]);
    expect(country.rows[1].values).toEqual(byChild.rows[1].values);
    // Σ/Σ: the online rate of the country is the sum of the 16 communes' online files over their received files.
    const online = country.rows[1].values.online_rate;
    expect(online.value).toBe((100 * online.numerator!) / online.denominator!);
  });
});
