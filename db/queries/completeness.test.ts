import { expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine } from "../test-utils";
import { adminHeaders } from "../test-auth";
import { queryRows } from "../client";
import { z } from "zod";
import { int } from "../columns";
import { loadDemoData } from "../bootstrap";
import { getCompleteness, getDeadlineDay, setDeadlineDay } from "./completeness";
import { commitValues } from "./imports";
import { getUnitByCode } from "./units";
import { generateDemoReports, type DemoReport } from "@/lib/demo/generate";
import { ValidationError } from "@/lib/errors";
import type { QuarterCompleteness } from "@/lib/indicators/completeness";

// The route handler reads the database through @/db; here it is this suite's test database.
const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({ getDb: async () => routeDb.db, getReadDb: async () => routeDb.db }));

const reports = generateDemoReports();
const COMMUNES = 16;

/** Written out here, not from lib: the end of day `day` of the quarter's last month in Hà Nội (UTC+7). */
function dueBefore(period: string, day: number): number {
  const [y, q] = [Number(period.slice(0, 4)), Number(period.slice(5))];
  return Date.UTC(y, q * 3 - 1, day + 1) - 7 * 3600 * 1000;
}
const lateIn = (period: string, day: number) =>
  reports
    .filter((r) => r.period === period && r.submittedAt.getTime() >= dueBefore(period, day))
    .map((r) => r.unitCode)
    .sort();
const lastSubmission = (code: string): DemoReport =>
  reports.filter((r) => r.unitCode === code).reduce((a, b) => (b.submittedAt > a.submittedAt ? b : a));
const summary = (q: QuarterCompleteness) => ({
  period: q.period,
  expected: q.expected,
  reported: q.reported,
  onTime: q.onTime,
  late: q.late,
  missing: q.missing,
  missingCommunes: q.missingCommunes.map((c) => c.code),
  lateCommunes: q.lateCommunes.map((c) => c.code),
});
describeEachEngine("completeness and timeliness over the demo data", (get) => {
  let districtId = 0;

  it("loads the demo reports; the deadline day defaults to 18", async () => {
    const { db } = get();
    expect(await loadDemoData(db)).toBe(94);
    districtId = (await getUnitByCode(db, { structure: "2025-06", code: "525" }))!.id;
    expect(await getDeadlineDay(db)).toBe(18);
  });

  it("default seed: the five late reports and the two missing ones, as stated", () => {
    const late = ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"].flatMap((q) =>
      lateIn(q, 18).map((c) => `${c}/${q}`),
    );
    expect(late).toEqual(["21124/2024Q2", "21163/2024Q4", "21163/2025Q1", "21166/2025Q1", "21145/2025Q2"]);
  });

  it("2025Q2: 15 of 16 reported, Trà Bùi missing, Trà Thanh late", async () => {
    const { db } = get();
    const r = await getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2025Q2" });
    expect([r.scope.code, r.period.code, r.deadlineDay]).toEqual(["525", "2025Q2", 18]);
    expect(r.quarters.map(summary)).toEqual([
      {
        period: "2025Q2",
        expected: 16,
        reported: 15,
        onTime: 15 - lateIn("2025Q2", 18).length,
        late: lateIn("2025Q2", 18).length,
        missing: 1,
        missingCommunes: ["21142"],
        lateCommunes: lateIn("2025Q2", 18),
      },
    ]);
    expect(r.quarters[0].lateCommunes.map((c) => c.code)).toEqual(["21145"]);
    const q = r.quarters[0];
    expect([q.deadline, q.dueBefore.toISOString(), q.reportingRate]).toEqual([
      "2025-06-18",
      "2025-06-18T17:00:00.000Z",
      93.75,
    ]);
    // Trà Bùi last sent figures with its 2025Q1 report.
    expect(q.missingCommunes[0]).toEqual({
      id: q.missingCommunes[0].id,
      code: "21142",
      name: "Xã Trà Bùi",
      firstArrivalAt: null,
      lastReportedAt: lastSubmission("21142").submittedAt,
      lastPeriod: "2025Q1",
    });
    expect(lastSubmission("21142").period).toBe("2025Q1");
    for (const c of q.lateCommunes) {
      const own = reports.find((x) => x.unitCode === c.code && x.period === "2025Q2")!;
      expect(c.firstArrivalAt, c.code).toEqual(own.submittedAt);
      expect(c.lastPeriod).toBe("2025Q2");
    }
    expect(r.total).toMatchObject({ expected: 16, reported: 15, missing: 1, reportingRate: 93.75 });
  });

  it("2024Q3: Trà Tây missing, nobody late", async () => {
    const { db } = get();
    const r = await getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2024Q3" });
    expect(r.quarters.map(summary)).toEqual([
      {
        period: "2024Q3",
        expected: 16,
        reported: 15,
        onTime: 15 - lateIn("2024Q3", 18).length,
        late: lateIn("2024Q3", 18).length,
        missing: 1,
        missingCommunes: ["21166"],
        lateCommunes: lateIn("2024Q3", 18),
      },
    ]);
    expect(r.quarters[0].lateCommunes).toEqual([]);
    // Trà Tây reported again later: its last figures are those of 2025Q2.
    expect(r.quarters[0].missingCommunes[0]).toMatchObject({
      code: "21166",
      lastPeriod: "2025Q2",
      lastReportedAt: lastSubmission("21166").submittedAt,
    });
  });

  it("2025S1: per quarter and in total", async () => {
    const { db } = get();
    const r = await getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2025S1" });
    expect(r.quarters.map(summary)).toEqual([
      {
        period: "2025Q1",
        expected: 16,
        reported: 16,
        onTime: 16 - lateIn("2025Q1", 18).length,
        late: lateIn("2025Q1", 18).length,
        missing: 0,
        missingCommunes: [],
        lateCommunes: lateIn("2025Q1", 18),
      },
      {
        period: "2025Q2",
        expected: 16,
        reported: 15,
        onTime: 15 - lateIn("2025Q2", 18).length,
        late: lateIn("2025Q2", 18).length,
        missing: 1,
        missingCommunes: ["21142"],
        lateCommunes: lateIn("2025Q2", 18),
      },
    ]);
    const late = lateIn("2025Q1", 18).length + lateIn("2025Q2", 18).length;
    expect(r.total).toEqual({
      expected: 32,
      reported: 31,
      onTime: 31 - late,
      late,
      missing: 1,
      reportingRate: 3100 / 32,
      onTimeRate: (100 * (31 - late)) / 32,
    });
    expect(r.quarters.map((q) => q.lateCommunes.map((c) => c.code))).toEqual([["21163", "21166"], ["21145"]]);
    expect(r.total).toMatchObject({ onTime: 28, late: 3, onTimeRate: 87.5 });
  });

  it("moves with the deadline day, which is validated and stored", async () => {
    const { db } = get();
    expect(await setDeadlineDay(db, { day: 30 })).toBe(30);
    expect(await getDeadlineDay(db)).toBe(30);
    const r = await getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2025S1" });
    expect(r.deadlineDay).toBe(30);
    expect(r.quarters.map((q) => [q.deadline, q.lateCommunes.map((c) => c.code)])).toEqual([
      ["2025-03-30", lateIn("2025Q1", 30)],
      ["2025-06-30", lateIn("2025Q2", 30)],
    ]);
    // Fewer late reports than with day 18 (submissions run 1–12 days past the 18th).
    expect(lateIn("2025Q1", 30).length + lateIn("2025Q2", 30).length).toBeLessThan(
      lateIn("2025Q1", 18).length + lateIn("2025Q2", 18).length,
    );
    for (const bad of [0, 31, 12.5, Number.NaN]) {
      await expect(setDeadlineDay(db, { day: bad }), String(bad)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await getDeadlineDay(db)).toBe(30);
    await setDeadlineDay(db, { day: 18 });
    const [{ value }] = await queryRows(
      db,
      sql`select value from settings where key = 'deadline_day'`,
      z.object({ value: z.string() }),
    );
    expect(value).toBe("18");
  });

  it("a correction does not move the first arrival; a missing commune that reports late becomes late", async () => {
    const { db } = get();
    const [traBui, traTan] = await Promise.all(
      ["21142", "21136"].map(async (code) => (await getUnitByCode(db, { structure: "2025-06", code }))!.id),
    );
    class Rollback extends Error {}
    const afterDeadline = new Date("2025-07-02T03:00:00Z");
    await expect(
      db.transaction(async (tx) => {
        // Trà Tân corrects one 2025Q2 figure after the deadline; Trà Bùi sends its 2025Q2 figures late.
        const [{ value }] = await queryRows(
          tx,
          sql`select value from data_values where unit_id = ${traTan} and period = '2025Q2' and element_code = 'meetings_held'`,
          z.object({ value: int }),
        );
        const meta = { createdBy: "test", source: "cli" as const, rowCount: 1, createdAt: afterDeadline };
        await commitValues(tx, {
          meta,
          values: [{ unitId: traTan, period: "2025Q2", element: "meetings_held", value: value + 1 }],
        });
        await commitValues(tx, {
          meta,
          values: [{ unitId: traBui, period: "2025Q2", element: "meetings_held", value: 20 }],
        });
        const r = await getCompleteness(tx, { reader: "system", scopeUnitId: districtId, period: "2025Q2" });
        const q = r.quarters[0];
        expect([q.reported, q.missing, q.missingCommunes]).toEqual([16, 0, []]);
        expect(q.lateCommunes.map((c) => c.code)).toEqual([...lateIn("2025Q2", 18), "21142"].sort());
        expect(q.lateCommunes.find((c) => c.code === "21142")).toMatchObject({
          firstArrivalAt: afterDeadline,
          lastReportedAt: afterDeadline,
          lastPeriod: "2025Q2",
        });
        expect(q.lateCommunes.map((c) => c.code)).not.toContain("21136");
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });

  it("works for a scope in the 2025-07 structure, and refuses an unknown scope or a bad period", async () => {
    const { db } = get();
    const province = (await getUnitByCode(db, { structure: "2025-07", code: "51" }))!;
    const r = await getCompleteness(db, { reader: "system", scopeUnitId: province.id, period: "2025Q3" });
    expect(r.quarters.map(summary)).toEqual([
      {
        period: "2025Q3",
        expected: 6,
        reported: 0,
        onTime: 0,
        late: 0,
        missing: 6,
        missingCommunes: ["21115", "21124", "21127", "21136", "21154", "21157"],
        lateCommunes: [],
      },
    ]);
    expect(r.quarters[0].missingCommunes[0]).toMatchObject({ lastReportedAt: null, lastPeriod: null });
    expect(r.total.reportingRate).toBe(0);
    await expect(
      getCompleteness(db, { reader: "system", scopeUnitId: 987654, period: "2025Q1" }),
    ).rejects.toMatchObject({ code: "unit_not_found", status: 404 });
    await expect(
      getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2025Q9" }),
    ).rejects.toMatchObject({ code: "bad_period", status: 400 });
  });

  it("counts every commune below the district: 16", async () => {
    const r = await getCompleteness(get().db, { reader: "system", scopeUnitId: districtId, period: "2024" });
    expect(r.quarters.map((q) => q.expected)).toEqual([COMMUNES, COMMUNES, COMMUNES, COMMUNES]);
    expect(r.total).toMatchObject({ expected: 64, reported: 63, missing: 1 });
  });

  it("serves GET /api/completeness: dates as ISO strings, 404 for an unknown scope, 400 for a bad period", async () => {
    const { db } = get();
    routeDb.db = db;
    const { GET } = await import("@/app/api/completeness/route");
    const { NextRequest } = await import("next/server");
    const auth = await adminHeaders(db);
    const call = (qs: string) => GET(new NextRequest(`http://localhost/api/completeness?${qs}`, { headers: auth }));
    const res = await call("period=2025Q2");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual(
      JSON.parse(
        JSON.stringify(await getCompleteness(db, { reader: "system", scopeUnitId: districtId, period: "2025Q2" })),
      ),
    );
    expect(body.quarters[0].missingCommunes[0]).toMatchObject({
      code: "21142",
      firstArrivalAt: null,
      lastReportedAt: lastSubmission("21142").submittedAt.toISOString(),
    });
    expect(body.quarters[0].dueBefore).toBe("2025-06-18T17:00:00.000Z");
    const other = await (await call("scope=51&structure=2025-07&period=2025Q3")).json();
    expect(other.total).toMatchObject({ expected: 6, reported: 0 });
    const unknown = await call("scope=525&structure=2025-07&period=2025Q1");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain("Không có đơn vị hành chính mã 525 trong danh mục 2025-07");
    for (const qs of ["", "period=Q2-2025", "period=2025Q1&scope=abc"]) expect((await call(qs)).status, qs).toBe(400);
  });
});
