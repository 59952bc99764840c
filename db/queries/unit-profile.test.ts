import { expect, it } from "vitest";
import { describeEachEngine } from "../test-utils";
import { loadDemoData } from "../bootstrap";
import { commitValues } from "./imports";
import { getUnitByCode } from "./units";
import { getUnitParent, listReportedQuarters, listScopeOptions, listUnitImports } from "./unit-profile";
import { isWithin } from "./units";
import { generateDemoReports } from "@/lib/demo/generate";

const reports = generateDemoReports();

describeEachEngine("pickers and the commune profile", (get) => {
  const ids = { province: 0, district: 0, traBui: 0, traTan: 0 };

  it("loads the demo reports", async () => {
    const { db } = get();
    expect(await loadDemoData(db)).toBe(reports.length);
    const id = async (code: string) => (await getUnitByCode(db, { structure: "2025-06", code }))!.id;
    Object.assign(ids, {
      province: await id("51"),
      district: await id("525"),
      traBui: await id("21142"),
      traTan: await id("21136"),
    });
  });

  it("lists the quarters with figures, oldest first, for any set of communes", async () => {
    const { db } = get();
    const all = [...new Set(reports.map((r) => r.period))].sort();
    expect(await listReportedQuarters(db, { unitIds: [ids.traBui, ids.traTan] })).toEqual(all);
    // Trà Bùi alone: everything but the 2025Q2 it did not send.
    expect(await listReportedQuarters(db, { unitIds: [ids.traBui] })).toEqual(all.filter((q) => q !== "2025Q2"));
    expect(await listReportedQuarters(db, { unitIds: [] })).toEqual([]);
  });

  it("offers a province and its districts as scopes, a district only itself", async () => {
    const { db } = get();
    expect((await listScopeOptions(db, { unitId: ids.province })).map((o) => [o.code, o.level])).toEqual([
      ["51", "province"],
      ["525", "district"],
    ]);
    expect((await listScopeOptions(db, { unitId: ids.district })).map((o) => o.code)).toEqual(["525"]);
  });

  it("knows which units lie within which, and a commune's parent", async () => {
    const { db } = get();
    expect(await isWithin(db, { unitId: ids.traBui, ancestorId: ids.district })).toBe(true);
    expect(await isWithin(db, { unitId: ids.traBui, ancestorId: ids.province })).toBe(true);
    expect(await isWithin(db, { unitId: ids.district, ancestorId: ids.district })).toBe(true);
    expect(await isWithin(db, { unitId: ids.district, ancestorId: ids.traBui })).toBe(false);
    expect(await getUnitParent(db, { unitId: ids.traBui })).toEqual({ code: "525", name: "Huyện Trà Bồng" });
    expect(await getUnitParent(db, { unitId: ids.province })).toBeNull();
  });

  it("lists the imports that touched a commune, newest first, with what each did to it", async () => {
    const { db } = get();
    const own = reports
      .filter((r) => r.unitCode === "21142")
      .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
    const before = await listUnitImports(db, { unitId: ids.traBui });
    expect(before.map((r) => [r.periods, r.added, r.changed, r.removed, r.source, r.createdAt.getTime()])).toEqual(
      own.map((r) => [[r.period], 23, 0, 0, "demo", r.submittedAt.getTime()]),
    );
    // A correction of one figure, and a late 2025Q2 report, in one import.
    const q1 = own.find((r) => r.period === "2025Q1")!;
    await commitValues(db, {
      meta: {
        createdBy: "test",
        source: "cli",
        fileName: "fix.csv",
        shape: "wide",
        rowCount: 2,
        createdAt: new Date("2025-07-01T03:00:00Z"),
      },
      values: [
        { unitId: ids.traBui, period: "2025Q1", element: "meetings_held", value: q1.values.meetings_held + 1 },
        { unitId: ids.traBui, period: "2025Q2", element: "meetings_held", value: 7 },
        { unitId: ids.traTan, period: "2025Q2", element: "meetings_held", value: 9 },
      ],
    });
    const [latest] = await listUnitImports(db, { unitId: ids.traBui });
    expect([latest.periods, latest.added, latest.changed, latest.removed, latest.fileName, latest.createdBy]).toEqual([
      ["2025Q1", "2025Q2"],
      1,
      1,
      0,
      "fix.csv",
      "test",
    ]);
    expect(await listUnitImports(db, { unitId: ids.traBui, limit: 2 })).toHaveLength(2);
  });
});
