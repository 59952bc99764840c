import { beforeAll, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import Papa from "papaparse";
import { describeEachEngine } from "../test-utils";
import { adminHeaders } from "../test-auth";
import { queryRows } from "../client";
import { z } from "zod";
import { float } from "../columns";
import { loadDemoData } from "../bootstrap";
import { getIndicatorTable } from "./indicators";
import { getSummaryExportData, listExportScopes } from "./summary-export";
import { getUnitByCode } from "./units";
import { SHEET_NAMES, SUMMARY_LAYOUT } from "@/lib/export/summary-workbook";
import { elementCodes } from "@/lib/indicators/catalogue";

// The route handler reads the database through @/db; here it is the test database.
const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({ getDb: async () => routeDb.db, getReadDb: async () => routeDb.db }));

describeEachEngine("summary exports on the demo district", (get) => {
  let districtId = 0;
  beforeAll(async () => {
    const { db } = get();
    await loadDemoData(db);
    districtId = (await getUnitByCode(db, { structure: "2025-06", code: "525" }))!.id;
    routeDb.db = db;
  });

  /**
   * The oracle, in plain SQL: Σ numerator / Σ denominator over the district's communes that stored both
   * elements in the half-year's quarters they reported (every one of them here), straight from data_values.
   */
  async function oracleRate(num: string, den: string, quarters: string[]): Promise<{ n: number; d: number }> {
    const [row] = await queryRows(
      get().db,
      sql`select sum(v.value) filter (where v.element_code = ${num})::float8 as n, sum(v.value) filter (where
        v.element_code = ${den})::float8 as d
          from data_values v join units c on c.id = v.unit_id join units d on d.id = c.parent_id
          where d.code = '525' and d.structure = '2025-06' and v.period in (${sql.join(
            quarters.map((q) => sql`${q}`),
            sql`, `,
          )})`,
      z.object({ n: float, d: float }),
    );
    return row;
  }

  it("reads the engine's rows, every element per commune and completeness", async () => {
    const data = await getSummaryExportData(get().db, { reader: "system", scopeUnitId: districtId, period: "2025Q2" });
    expect(data.scope).toEqual({ code: "525", name: "Huyện Trà Bồng", level: "district" });
    expect(data.rows).toHaveLength(17);
    expect(data.indicators).toHaveLength(11);
    const bui = data.rows.find((r) => r.unit.code === "21142")!;
    expect(Object.values(bui.elements!)).toEqual(Array(23).fill({ value: null, communes: 0 }));
    const tan = data.rows.find((r) => r.unit.code === "21136")!;
    expect(Object.values(tan.elements!).filter((t) => t.value !== null && t.communes === 1)).toHaveLength(23);
    expect(data.completeness.quarters[0]).toMatchObject({ period: "2025Q2", expected: 16, reported: 15, onTime: 14 });
    expect(data.completeness.quarters[0].missingCommunes.map((c) => c.code)).toEqual(["21142"]);
  });

  it("has exactly the engine's rows (getIndicatorTable), for every kind of period", async () => {
    for (const period of ["2025Q2", "2025S1", "2024N9", "2024", "2024Q3..2025Q2"]) {
      for (const indicators of [undefined, ["online_rate", "reception"]]) {
        const data = await getSummaryExportData(get().db, {
          reader: "system",
          scopeUnitId: districtId,
          period,
          indicators,
        });
        const engine = await getIndicatorTable(get().db, {
          reader: "system",
          scope: districtId,
          period,
          indicators,
          by: "unit",
          elements: elementCodes,
        });
        expect(data.rows, period).toEqual(engine.rows);
        expect(data.indicators).toEqual(engine.indicators);
        expect(data.period).toEqual(engine.period);
      }
    }
  });

  it("offers the province above and the district itself as scopes", async () => {
    const scopes = await listExportScopes(get().db, { unitId: districtId });
    expect(scopes.map((s) => `${s.code} ${s.name}`)).toEqual(["51 Tỉnh Quảng Ngãi", "525 Huyện Trà Bồng"]);
  });

  it("serves the workbook with a safe file name, its total row Σ/Σ as the SQL oracle says", async () => {
    const { GET } = await import("@/app/api/exports/summary/route");
    const { NextRequest } = await import("next/server");
    const res = await GET(
      new NextRequest(
        "http://localhost/api/exports/summary?period=2025S1&indicators=online_rate&indicators=meetings&date=2026-11-26",
        { headers: await adminHeaders(get().db) },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="bieu-tong-hop-525-2025S1.xlsx"; ` +
        `filename*=UTF-8''${encodeURIComponent("Biểu tổng hợp Huyện Trà Bồng 6 tháng đầu năm 2025.xlsx")}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet(SHEET_NAMES.summary)!;
    expect(ws.getCell(SUMMARY_LAYOUT.titleRow, 1).value).toBe(
      "BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN 6 THÁNG ĐẦU NĂM 2025",
    );
    const header = (ws.getRow(SUMMARY_LAYOUT.headerRow).values as unknown[]).slice(1);
    expect(header).toEqual([
      "STT",
      "Mã đơn vị",
      "Đơn vị",
      "Số quý đã báo cáo (trên 2)",
      "Số hồ sơ thủ tục hành chính tiếp nhận",
      "Số hồ sơ tiếp nhận trực tuyến",
      "Hội nghị, cuộc họp đã tổ chức",
      "Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)",
    ]);
    const total = ws.getRow(SUMMARY_LAYOUT.firstDataRow + 16);
    expect(total.getCell(3).value).toBe("Toàn huyện Trà Bồng");
    const { n, d } = await oracleRate("procedures_online", "procedures_received", ["2025Q1", "2025Q2"]);
    expect(total.getCell(5).value).toBe(d);
    expect(total.getCell(6).value).toBe(n);
    expect(total.getCell(8).value).toBeCloseTo(n / d, 12);
    expect(total.getCell(4).value).toBe(31); // Trà Bùi missed 2025Q2
    expect(ws.getCell(SUMMARY_LAYOUT.dateRow, header.length).value).toBe("Trà Bồng, ngày 26 tháng 11 năm 2026");
  });

  it("serves the CSV and the report, and refuses bad parameters", async () => {
    const { GET } = await import("@/app/api/exports/summary/route");
    const { NextRequest } = await import("next/server");
    const auth = await adminHeaders(get().db);
    const call = (qs: string) => GET(new NextRequest(`http://localhost/api/exports/summary?${qs}`, { headers: auth }));

    const csv = await call("scope=525&structure=2025-06&period=2025Q2&format=csv&indicators=online_rate");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="bieu-tong-hop-525-2025Q2\.csv"; filename\*=UTF-8''/,
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(new TextDecoder().decode(bytes).slice(1), { skipEmptyLines: true }).data;
    // Header, 16 communes, the total, then the total row's rule (one line: every commune reported both figures).
    expect(rows).toHaveLength(1 + 16 + 1 + 1);
    const { n, d } = await oracleRate("procedures_online", "procedures_received", ["2025Q2"]);
    expect(rows[17]).toEqual([
      "",
      "525",
      "Toàn huyện Trà Bồng",
      String(d),
      String(n),
      String(Math.round((1000 * n) / d) / 10),
    ]);
    expect(rows[18][2]).toBe(
      "Dòng “Toàn huyện Trà Bồng”: mỗi cột số liệu là tổng của mọi đơn vị đã báo cáo số đó; mỗi tỷ lệ chỉ tính " +
        "các đơn vị báo cáo đủ cả tử số và mẫu số.",
    );

    const docx = await call("period=2025Q2&format=docx");
    expect(docx.headers.get("content-disposition")).toMatch(
      /^attachment; filename="bao-cao-dan-van-chinh-quyen-525-2025Q2\.docx"/,
    );
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("Kết quả công tác Dân vận chính quyền quý II năm 2025");
    expect(xml).toContain("Chưa báo cáo: Xã Trà Bùi.");

    expect((await call("scope=99999&period=2025Q1")).status).toBe(404);
    for (const qs of [
      "",
      "period=2025Q5",
      "period=2025Q1&format=pdf",
      "period=2025Q1&indicators=nope",
      "period=2025Q1&date=2025-13-01",
    ]) {
      const bad = await call(qs);
      expect(bad.status, qs).toBe(400);
      expect((await bad.json()).error.code, qs).toBe("bad_request");
    }
  });
});
