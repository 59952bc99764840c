/**
 * The one read path, through the routes a reporter and an analyst use: the district total row of every
 * summary export is the district's (never the reporter's own commune's figures), its raw totals and its
 * rates agree with a plain SQL oracle, and the file states how they were counted.
 */
import { beforeAll, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describeEachEngine } from "../test-utils";
import { testAccount, type TestAccount } from "../test-auth";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { float, int } from "../columns";
import { dataValues } from "../schema";
import { loadDemoData } from "../bootstrap";
import { getIndicatorTable } from "./indicators";
import { getUserScope } from "./access";
import { getUnitByCode } from "./units";
import { SHEET_NAMES, SUMMARY_LAYOUT } from "@/lib/export/summary-workbook";

const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({ getDb: async () => routeDb.db, getReadDb: async () => routeDb.db }));

/**
 * received, online: Σ of each element over every commune of 525 that stored it in the quarter;
 * receivedBy, onlineBy: communes that stored each element; rateNum / rateDen over the rateBy communes that stored both.
 */
const oracleTotalsSchema = z.object({
  received: float,
  online: float,
  receivedBy: int,
  onlineBy: int,
  rateNum: float,
  rateDen: float,
  rateBy: int,
});
type OracleTotals = z.infer<typeof oracleTotalsSchema>;

/** The oracle, in plain SQL straight from data_values, independent of db/queries/indicators.ts. */
async function oracle(db: DbOrTx, quarter: string): Promise<OracleTotals> {
  const [row] = await queryRows(
    db,
    sql`with c as (
          select c.id from units c join units d on d.id = c.parent_id
          where d.code = '525' and d.structure = '2025-06' and c.level = 'commune'),
        v as (
          select unit_id,
                 max(value) filter (where element_code = 'procedures_received') as rec,
                 max(value) filter (where element_code = 'procedures_online') as onl
          from data_values where period = ${quarter} and unit_id in (select id from c) group by unit_id)
        select coalesce(sum(rec), 0)::float8 as received, coalesce(sum(onl), 0)::float8 as online,
               count(rec)::int as "receivedBy", count(onl)::int as "onlineBy",
               coalesce(sum(onl) filter (where rec is not null and onl is not null), 0)::float8 as "rateNum",
               coalesce(sum(rec) filter (where rec is not null and onl is not null), 0)::float8 as "rateDen",
               count(*) filter (where rec is not null and onl is not null)::int as "rateBy"
        from v`,
    oracleTotalsSchema,
  );
  return row;
}

describeEachEngine("one read path: exports as a commune reporter and with a blank element", (get) => {
  let reporter: TestAccount;
  let analyst: TestAccount;
  let traTanId = 0;
  let districtId = 0;

  beforeAll(async () => {
    const { db } = get();
    await loadDemoData(db);
    routeDb.db = db;
    reporter = await testAccount(db, { role: "reporter", unitCode: "21136" });
    analyst = await testAccount(db, { role: "analyst", unitCode: "525" });
    traTanId = (await getUnitByCode(db, { structure: "2025-06", code: "21136" }))!.id;
    districtId = (await getUnitByCode(db, { structure: "2025-06", code: "525" }))!.id;
  });

  async function csvOf(account: TestAccount, query: string): Promise<string[][]> {
    const { GET } = await import("@/app/api/exports/summary/route");
    const { NextRequest } = await import("next/server");
    const res = await GET(
      new NextRequest(`http://localhost/api/exports/summary?${query}&format=csv`, { headers: account.headers }),
    );
    expect(res.status).toBe(200);
    return Papa.parse<string[]>((await res.text()).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  }

  it("a reporter's district CSV: their own commune's row, then the district's totals as the oracle says", async () => {
    const o = await oracle(get().db, "2025Q2");
    const rows = await csvOf(reporter, "scope=525&structure=2025-06&period=2025Q2&indicators=online_rate");
    expect(rows[0]).toEqual([
      "STT",
      "Mã đơn vị",
      "Đơn vị",
      "Số hồ sơ thủ tục hành chính tiếp nhận",
      "Số hồ sơ tiếp nhận trực tuyến",
      "Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)",
    ]);
    expect(rows.map((r) => r[1]).slice(1, 3)).toEqual(["21136", "525"]); // no other commune
    const [, code, name, received, online, rate] = rows[2];
    expect([code, name]).toEqual(["525", "Toàn huyện Trà Bồng"]);
    // Before the fix these were Trà Tân's own figures beside the district's rate.
    expect([Number(received), Number(online)]).toEqual([o.received, o.online]);
    expect(rate).toBe(String(Math.round((1000 * o.rateNum) / o.rateDen) / 10));
    expect(o.receivedBy).toBe(15); // Trà Bùi did not report 2025Q2: the oracle is not trivially the reporter's
  });

  it("a reporter's district workbook: the same district totals on the summary and raw-figures sheets", async () => {
    const { GET } = await import("@/app/api/exports/summary/route");
    const { NextRequest } = await import("next/server");
    const res = await GET(
      new NextRequest(
        "http://localhost/api/exports/summary?scope=525&structure=2025-06&period=2025Q2&indicators=online_rate",
        { headers: reporter.headers },
      ),
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const o = await oracle(get().db, "2025Q2");
    const summary = wb.getWorksheet(SHEET_NAMES.summary)!;
    const own = summary.getRow(SUMMARY_LAYOUT.firstDataRow);
    expect(own.getCell(2).value).toBe("21136");
    const total = summary.getRow(SUMMARY_LAYOUT.firstDataRow + 1);
    expect([total.getCell(3).value, total.getCell(4).value, total.getCell(5).value]).toEqual([
      "Toàn huyện Trà Bồng",
      o.received,
      o.online,
    ]);
    expect(total.getCell(6).value).toBeCloseTo(o.rateNum / o.rateDen, 12);
    const raw = wb.getWorksheet(SHEET_NAMES.raw)!;
    const values = raw
      .getSheetValues()
      .filter(Array.isArray)
      .map((r) => r.slice(1));
    const header = values.find((r) => r[0] === "STT")!;
    const totalRaw = values.find((r) => r[2] === "Toàn huyện Trà Bồng")!;
    expect(values.filter((r) => typeof r[1] === "string" && /^\d{5}$/.test(r[1] as string)).map((r) => r[1])).toEqual([
      "21136",
    ]);
    expect(totalRaw[header.indexOf("Số hồ sơ thủ tục hành chính tiếp nhận")]).toBe(o.received);
    expect(totalRaw[header.indexOf("Số hồ sơ tiếp nhận trực tuyến")]).toBe(o.online);
  });

  it("narrows inside the query: a reporter's table never holds another commune's row", async () => {
    const { db } = get();
    const scope = await getUserScope(db, { role: "reporter", unitId: traTanId });
    for (const by of ["unit", "child", "period"] as const) {
      const t = await getIndicatorTable(db, {
        reader: scope,
        scope: districtId,
        period: "2025S1",
        by,
        elements: ["procedures_online"],
      });
      expect(t.access).toBe("aggregate");
      const communeRows = t.rows.filter((r) => r.kind === "commune" || r.kind === "child");
      expect(
        communeRows.map((r) => r.unit.id),
        by,
      ).toEqual(by === "unit" ? [traTanId] : []);
    }
    const full = await getIndicatorTable(db, { reader: "system", scope: districtId, period: "2025S1", by: "unit" });
    const mine = await getIndicatorTable(db, { reader: scope, scope: districtId, period: "2025S1", by: "unit" });
    expect(mine.rows.at(-1)).toEqual(full.rows.at(-1)); // the district's totals are whole
    // Another district's unit: 403 naming it, from the query itself.
    const other = await getUnitByCode(db, { structure: "2025-06", code: "51" });
    await expect(
      getIndicatorTable(db, { reader: scope, scope: other!.id, period: "2025Q1", by: "unit" }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("with a commune that left an element blank: totals and rate agree with the oracle and the file says why", async () => {
    const { db } = get();
    // Xã Trà Giang leaves procedures_received blank in 2025Q2 (its other figures stay).
    const giang = (await getUnitByCode(db, { structure: "2025-06", code: "21118" }))!.id;
    const blank = sql`unit_id = ${giang} and period = '2025Q2' and element_code = 'procedures_received'`;
    const [kept] = await db.select().from(dataValues).where(blank);
    await db.execute(sql`delete from data_values where ${blank}`);
    try {
      await checkBlankElement(db);
    } finally {
      // Put the figure back, so no other test depends on running before this one.
      await db.insert(dataValues).values(kept);
    }
  });

  async function checkBlankElement(db: DbOrTx) {
    const o = await oracle(db, "2025Q2");
    expect([o.receivedBy, o.onlineBy, o.rateBy]).toEqual([14, 15, 14]);
    const rows = await csvOf(analyst, "scope=525&structure=2025-06&period=2025Q2&indicators=online_rate");
    const total = rows.find((r) => r[2] === "Toàn huyện Trà Bồng")!;
    expect([Number(total[3]), Number(total[4])]).toEqual([o.received, o.online]);
    expect(total[5]).toBe(String(Math.round((1000 * o.rateNum) / o.rateDen) / 10));
    const giangRow = rows.find((r) => r[1] === "21118")!;
    expect([giangRow[3], giangRow[5]]).toEqual(["", ""]); // blank, not 0; no rate
    const fmt = (n: number) => n.toLocaleString("vi-VN");
    expect(rows.slice(-3).map((r) => r[2])).toEqual([
      "Dòng “Toàn huyện Trà Bồng”: mỗi cột số liệu là tổng của mọi đơn vị đã báo cáo số đó; mỗi tỷ lệ chỉ tính " +
        "các đơn vị báo cáo đủ cả tử số và mẫu số.",
      "Số hồ sơ thủ tục hành chính tiếp nhận: tổng của 14/15 đơn vị đã báo cáo số này.",
      `Tỷ lệ hồ sơ tiếp nhận trực tuyến: tính trên 14/16 đơn vị báo cáo đủ số liệu, ${fmt(o.rateNum)}/${fmt(o.rateDen)}` +
        ` (tổng các cột số liệu: ${fmt(o.online)}/${fmt(o.received)}).`,
    ]);
  }
});
