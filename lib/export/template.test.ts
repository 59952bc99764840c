import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { ingestFile, type IngestContext } from "../ingest";
import { dataElements } from "../indicators/catalogue";
import { buildTemplateCsv, buildTemplateXlsx, defaultTemplatePeriod, templateHeader, templateTitle } from "./template";

const COMMUNES = [
  { code: "00007", name: "Xã Thử Nghiệm" },
  { code: "21136", name: "Xã Trà Tân" },
  { code: "21118", name: "Xã Trà Giang" },
];
const ctx: IngestContext = {
  scope: COMMUNES.map((c) => ({ structure: "2025-06", ...c })),
  currentQuarter: "2025Q4",
};
const ELEMENTS = dataElements.length;

describe("templateHeader / templateTitle / defaultTemplatePeriod", () => {
  it("lists the identity columns then the 23 Vietnamese labels in catalogue order", () => {
    const h = templateHeader();
    expect(ELEMENTS).toBe(23);
    expect(h.length).toBe(26);
    expect(h.slice(0, 4)).toEqual([
      "Mã xã",
      "Tên xã",
      "Kỳ báo cáo",
      "Số văn bản chỉ đạo, kế hoạch về công tác dân vận đã ban hành",
    ]);
    expect(h[7]).toBe("Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)");
    expect(h[25]).toBe("Số cuộc giám sát, phản biện phối hợp với MTTQ và đoàn thể");
  });
  it("titles the quarter in words", () => {
    expect(templateTitle("2025Q2")).toBe("BIỂU NHẬP SỐ LIỆU CÔNG TÁC DÂN VẬN CHÍNH QUYỀN – Quý II/2025");
  });
  it("defaults to the quarter before today's, across a year boundary too", () => {
    expect(defaultTemplatePeriod(new Date(2026, 10, 26))).toBe("2026Q3");
    expect(defaultTemplatePeriod(new Date(2025, 1, 3))).toBe("2024Q4");
  });
});

describe("buildTemplateCsv", () => {
  const csv = buildTemplateCsv(COMMUNES, "2025Q2");
  const lines = csv.split("\r\n");

  it("is UTF-8 text with a BOM, the header and one empty row per commune", () => {
    expect(
      csv.startsWith('\uFEFFMã xã,Tên xã,Kỳ báo cáo,"Số văn bản chỉ đạo, kế hoạch về công tác dân vận đã ban hành",'),
    ).toBe(true);
    expect(lines.length).toBe(1 + COMMUNES.length + 1);
    expect(lines[1]).toBe("00007,Xã Thử Nghiệm,Quý II/2025" + ",".repeat(ELEMENTS));
    expect(lines[2]).toBe("21136,Xã Trà Tân,Quý II/2025" + ",".repeat(ELEMENTS));
    expect(lines.at(-1)).toBe("");
  });

  it("imports unchanged when blank (nothing reported), and with the figures once filled in", async () => {
    const blank = await ingestFile(new TextEncoder().encode(csv), "mau.csv", ctx);
    expect([blank.errors, blank.shape, blank.encoding, blank.rowsRead, blank.values]).toEqual([
      [],
      "wide",
      "utf-8-bom",
      3,
      [],
    ]);

    // Fill Trà Tân: meetings_held (element 5) = 23, procedures_received (17) = 1.234 written vi-style, procedures_online (18) = 1200;
    // Trà Giang: skilled_models ("Dân vận khéo", element 9, a label with quotes) = 0.
    const fill = (line: string, cells: Record<number, string>) => {
      const parts = line.split(",");
      for (const [i, v] of Object.entries(cells)) parts[3 + Number(i) - 1] = v;
      return parts.join(",");
    };
    const filled = [
      lines[0],
      lines[1],
      fill(lines[2], { 5: "23", 17: '"1.234"', 18: "1200" }),
      fill(lines[3], { 9: "0" }),
      "",
    ].join("\r\n");
    const r = await ingestFile(new TextEncoder().encode(filled), "mau.csv", ctx);
    expect(r.errors).toEqual([]);
    expect(r.values.map((v) => [v.line, v.unitCode, v.period, v.element, v.value])).toEqual([
      [3, "21136", "2025Q2", "meetings_held", 23],
      [3, "21136", "2025Q2", "procedures_received", 1234],
      [3, "21136", "2025Q2", "procedures_online", 1200],
      [4, "21118", "2025Q2", "skilled_models", 0],
    ]);
  });
});

describe("buildTemplateXlsx", () => {
  it("has a title row, a bold frozen header, codes as text and fitted widths", async () => {
    const bytes = await buildTemplateXlsx(COMMUNES, "2025Q2");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("BIỂU NHẬP SỐ LIỆU CÔNG TÁC DÂN VẬN CHÍNH QUYỀN – Quý II/2025");
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(templateHeader());
    expect(ws.getCell("A2").font?.bold).toBe(true);
    expect(ws.getCell("Z2").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 2 });
    expect(ws.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("A3").value).toBe("00007");
    expect([ws.getCell("B4").value, ws.getCell("C4").value, ws.getCell("D4").value]).toEqual([
      "Xã Trà Tân",
      "Quý II/2025",
      null,
    ]);
    expect(ws.rowCount).toBe(2 + COMMUNES.length);
    expect(ws.getColumn(1).width).toBe(7); // "00007" and "Mã xã" are 5 wide, + 2
    expect(ws.getColumn(2).width).toBe(15); // "Xã Thử Nghiệm" is 13 wide, + 2
    expect(ws.getColumn(4).width).toBe(30); // a long label wraps at 28
  });

  it("imports once filled in Excel, the title row skipped and the zero-led code kept", async () => {
    const bytes = await buildTemplateXlsx(COMMUNES, "2025Q2");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    ws.getCell("H3").value = 4; // meetings_held of 00007
    ws.getCell("H4").value = 23; // meetings_held of Trà Tân
    ws.getCell("Z5").value = 2; // supervisions_with_front of Trà Giang
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await ingestFile(filled, "mau.xlsx", ctx);
    expect([r.errors, r.shape, r.rowsRead]).toEqual([[], "xlsx", 3]);
    expect(r.values.map((v) => [v.line, v.unitCode, v.period, v.element, v.value])).toEqual([
      [3, "00007", "2025Q2", "meetings_held", 4],
      [4, "21136", "2025Q2", "meetings_held", 23],
      [5, "21118", "2025Q2", "supervisions_with_front", 2],
    ]);
  });
});
