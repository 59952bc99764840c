import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { indicators } from "../indicators/catalogue";
import { buildSummaryWorkbook, COMPLETENESS_LAYOUT, RAW_LAYOUT, SHEET_NAMES, SUMMARY_LAYOUT } from "./summary-workbook";
import { COMMUNES, figuresOf, fixtureData, GENERATED_AT } from "./test-fixture";

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** Row values without exceljs's leading undefined. */
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

// The oracle: Σnumerator / Σdenominator over the communes whose figures are all there, from the raw
// figures of the fixture, written without the engine (a commune without figures has none to add).
function sigmaOverSigma(num: readonly string[], den: readonly string[]): number | null {
  let n = 0;
  let d = 0;
  for (const c of COMMUNES) {
    const f = figuresOf(c.id);
    if (Object.keys(f).length === 0) continue;
    n += num.reduce((s, e) => s + (f[e] as number), 0);
    d += den.reduce((s, e) => s + (f[e] as number), 0);
  }
  return d === 0 ? null : n / d;
}

/**
 * How Excel lays a sheet out on A4 landscape pages, computed here without the code under test: column
 * widths are in 7-pixel digits, the page is 297 mm less 0.9 inch of margins at 96 pixels per inch, the
 * scale shrinks everything, and a page that continues repeats the first three columns.
 */
function pagesOf(sheet: ExcelJS.Worksheet, scale: number, repeat: number): number[][] {
  const px: number[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) px.push(Math.round((sheet.getColumn(c).width ?? 9) * 7));
  const room = ((297 / 25.4 - 0.9) * 96 * 100) / scale;
  const pages: number[][] = [[]];
  let used = 0;
  px.forEach((w, i) => {
    if (pages[pages.length - 1].length > 0 && used + w > room) {
      pages.push([i + 1]);
      used = px.slice(0, repeat).reduce((a, b) => a + b, 0) + w;
    } else {
      pages[pages.length - 1].push(i + 1);
      used += w;
    }
  });
  return pages;
}

describe("summary workbook (Biểu tổng hợp)", async () => {
  const data = fixtureData();
  const wb = await read(await buildSummaryWorkbook(data, { generatedAt: GENERATED_AT }));
  const ws = wb.getWorksheet(SHEET_NAMES.summary)!;
  const L = SUMMARY_LAYOUT;
  const header = values(ws, L.headerRow) as string[];
  const col = (title: string) => {
    const i = header.indexOf(title);
    if (i < 0) throw new Error(`no column ${title}`);
    return i + 1;
  };
  const totalRow = L.firstDataRow + COMMUNES.length;
  /** The last column of the first printed page: the motto and the signature end there. */
  const page1 = pagesOf(ws, ws.pageSetup.scale!, 3)[0].at(-1)!;

  it("has the three sheets, in order", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Số liệu chi tiết", "Tình hình báo cáo"]);
  });

  it("opens with the issuer, the motto, place and date and the title, as a Decree 30 document", () => {
    expect(ws.getCell(L.issuerRow, 1).value).toBe("UBND HUYỆN TRÀ BỒNG");
    const last = page1;
    const mottoCell = ws.getCell(L.issuerRow, last);
    expect(mottoCell.value).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(ws.getCell(L.mottoRow, last).value).toBe("Độc lập - Tự do - Hạnh phúc");
    expect(ws.getCell(L.dateRow, last).value).toBe("Trà Bồng, ngày 26 tháng 11 năm 2026");
    expect(ws.getCell(L.titleRow, 1).value).toBe("BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN QUÝ I NĂM 2025");
    expect(ws.getCell(L.subtitleRow, 1).value).toBe(
      "Huyện Trà Bồng (4 đơn vị cấp xã) · Quý I/2025, từ ngày 01/01/2025 đến ngày 31/03/2025",
    );
    expect(ws.getCell(L.titleRow, 1).font).toMatchObject({ bold: true, name: "Times New Roman" });
    expect(ws.getCell(L.issuerRow, 1).isMerged).toBe(true);
  });

  it("heads the table with STT, the commune, the raw figures and the indicators, numbered", () => {
    expect(header.slice(0, 3)).toEqual(["STT", "Mã đơn vị", "Đơn vị"]);
    expect(header.slice(3, 14)).toEqual([
      "Số đơn thư kỳ trước chuyển sang",
      "Số đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận",
      "Số đơn thư đã giải quyết",
      "Số kiến nghị cử tri tiếp nhận",
      "Số kiến nghị cử tri đã trả lời, giải quyết",
      "Số hồ sơ thủ tục hành chính tiếp nhận",
      "Số hồ sơ tiếp nhận trực tuyến",
      "Số hồ sơ đã giải quyết",
      "Số hồ sơ giải quyết đúng hạn",
      "Số hồ sơ thanh toán trực tuyến",
      "Số hồ sơ được số hóa",
    ]);
    expect(header.slice(14)).toEqual(indicators.map((d) => (d.kind === "rate" ? `${d.labelVi} (%)` : d.labelVi)));
    expect(ws.getCell(L.groupHeaderRow, 4).value).toBe("Số liệu báo cáo");
    expect(ws.getCell(L.groupHeaderRow, 15).value).toBe("Chỉ tiêu");
    expect(values(ws, L.numberRow)).toEqual(header.map((_, i) => `(${i + 1})`));
  });

  it("writes real numbers with number formats, rates as fractions formatted 0.0%", () => {
    const r = L.firstDataRow; // Thị trấn Trà Xuân
    expect(values(ws, r).slice(0, 3)).toEqual([1, "21115", "Thị trấn Trà Xuân"]);
    expect(ws.getCell(r, col("Số hồ sơ thủ tục hành chính tiếp nhận")).value).toBe(1000);
    expect(ws.getCell(r, col("Số hồ sơ thủ tục hành chính tiếp nhận")).numFmt).toBe("#,##0");
    expect(ws.getCell(r, col("Hội nghị, cuộc họp đã tổ chức")).value).toBe(120);
    const online = ws.getCell(r, col("Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)"));
    expect(online.value).toBe(0.85);
    expect(online.numFmt).toBe("0.0%");
    expect(ws.getCell(r + 1, col("Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")).value).toBeCloseTo(360 / 532, 12);
  });

  it("shows no data as a dash, never 0: a commune that did not report, a zero denominator", () => {
    const bui = L.firstDataRow + 2;
    expect(values(ws, bui).slice(0, 3)).toEqual([3, "21142", "Xã Trà Bùi"]);
    expect(values(ws, bui).slice(3)).toEqual(header.slice(3).map(() => "–"));
    const thanh = L.firstDataRow + 3;
    expect(ws.getCell(thanh, col("Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")).value).toBe("–");
    expect(ws.getCell(thanh, col("Số hồ sơ thủ tục hành chính tiếp nhận")).value).toBe(0);
    expect(ws.getCell(thanh, col("Hội nghị, cuộc họp đã tổ chức")).value).toBe(0);
    expect(ws.getCell(thanh, col("Tỷ lệ trả lời kiến nghị cử tri (%)")).value).toBe(1);
  });

  it("totals the scope: counts summed, rates Σ/Σ (not the average of the communes' rates)", () => {
    expect(values(ws, totalRow).slice(1, 3)).toEqual(["525", "Toàn huyện Trà Bồng"]);
    expect(ws.getCell(totalRow, col("Hội nghị, cuộc họp đã tổ chức")).value).toBe(120 + 94 + 0);
    expect(ws.getCell(totalRow, col("Số hồ sơ thủ tục hành chính tiếp nhận")).value).toBe(1532);
    expect(ws.getCell(totalRow, col("Số hồ sơ tiếp nhận trực tuyến")).value).toBe(1210);
    const online = ws.getCell(totalRow, col("Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)"));
    expect(online.value).toBeCloseTo(1210 / 1532, 12);
    expect(online.numFmt).toBe("0.0%");
    expect(online.font).toMatchObject({ bold: true });
    // The mean of the two communes' rates would be (0.85 + 0.6767) / 2 = 0.7633: not what is written.
    expect(Math.abs((online.value as number) - (0.85 + 360 / 532) / 2)).toBeGreaterThan(0.02);
    for (const d of indicators) {
      const v = ws.getCell(totalRow, col(d.kind === "rate" ? `${d.labelVi} (%)` : d.labelVi)).value;
      if (d.kind === "rate") expect(v, d.code).toBeCloseTo(sigmaOverSigma(d.numerator, d.denominator)!, 12);
      else expect(v, d.code).toBe(sumOf(d.numerator[0]));
    }
  });

  it("neutralizes a commune name that Excel would run as a formula", () => {
    expect(ws.getCell(L.firstDataRow + 1, 3).value).toBe("'=1+2 Xã Độc");
    const raw = wb.getWorksheet(SHEET_NAMES.raw)!;
    expect(raw.getCell(RAW_LAYOUT.firstDataRow + 1, 3).value).toBe("'=1+2 Xã Độc");
  });

  it("lists who did not report, the notes and the signature block under the table", () => {
    const texts: string[] = [];
    ws.eachRow((row, n) => {
      if (n > totalRow && typeof row.getCell(1).value === "string") texts.push(row.getCell(1).value as string);
    });
    expect(texts).toContain("Tình hình báo cáo:");
    expect(texts).toContain(
      "- Quý I/2025: 3/4 đơn vị đã báo cáo (75,0 %), trong đó 2 đơn vị đúng hạn; chưa báo cáo: Xã Trà Bùi; báo cáo muộn: Xã Trà Thanh.",
    );
    expect(texts).toContain(
      "- Nguồn: số liệu do các đơn vị cấp xã báo cáo theo quý, tổng hợp trên hệ thống Theo dõi công tác Dân vận " +
        "chính quyền; số liệu tại thời điểm lập biểu (26/11/2026 14:05).",
    );
    expect(texts).toContain("- Tỷ lệ (%) = tổng tử số / tổng mẫu số, không lấy trung bình các tỷ lệ.");
    expect(texts).toContain(
      "- Dòng “Toàn huyện Trà Bồng”: mỗi cột số liệu là tổng của mọi đơn vị đã báo cáo số đó; mỗi tỷ lệ chỉ " +
        "tính các đơn vị báo cáo đủ cả tử số và mẫu số.",
    );
    expect(texts).toContain("NGƯỜI LẬP BIỂU");
    expect(texts).toContain("(Ký, ghi rõ họ tên)");
    const last = page1;
    const sign: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > totalRow) sign.push(row.getCell(last).value);
    });
    expect(sign).toEqual(expect.arrayContaining(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)"]));
  });

  it("prints on A4 landscape at a scale that keeps every text at 8 pt or more, header rows (and identity columns) repeated", () => {
    // The smallest font on any sheet is 10 pt (column numbers, footer): the scale may not go below 80 %.
    const fonts = new Set<number>();
    for (const sheet of wb.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => cell.font?.size && fonts.add(cell.font.size)));
    expect(Math.min(...fonts)).toBe(10);
    for (const sheet of wb.worksheets) {
      const setup = sheet.pageSetup;
      expect(setup, sheet.name).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: false });
      expect(setup.margins).toMatchObject({ left: 0.5, right: 0.4, top: 0.6, bottom: 0.6 });
      expect(sheet.headerFooter.oddFooter).toContain("&10Trang &P/&N");
      expect((10 * setup.scale!) / 100, `${sheet.name}: smallest printed font`).toBeGreaterThanOrEqual(8);
      expect((12 * setup.scale!) / 100).toBeGreaterThanOrEqual(9.6);
      const pages = pagesOf(sheet, setup.scale!, sheet.name === SHEET_NAMES.completeness ? 1 : 3);
      // As large as fits one page, never smaller than 80 %.
      const total = Array.from({ length: sheet.columnCount }, (_, i) =>
        Math.round((sheet.getColumn(i + 1).width ?? 9) * 7),
      ).reduce((a, b) => a + b, 0);
      expect(setup.scale).toBe(
        Math.max(80, Math.min(100, Math.floor((100 * Math.floor((297 / 25.4 - 0.9) * 96)) / total))),
      );
      if (pages.length > 1) expect(setup.printTitlesColumn, sheet.name).toBe("A:C");
      else expect(setup.printTitlesColumn).toBeUndefined();
    }
    expect(ws.pageSetup.printTitlesRow).toBe(`${L.groupHeaderRow}:${L.numberRow}`);
    expect(wb.getWorksheet(SHEET_NAMES.raw)!.pageSetup.printTitlesRow).toBe(
      `${RAW_LAYOUT.headerRow}:${RAW_LAYOUT.headerRow}`,
    );
    expect(wb.getWorksheet(SHEET_NAMES.completeness)!.pageSetup.printTitlesRow).toBe(
      `${COMPLETENESS_LAYOUT.headerRow}:${COMPLETENESS_LAYOUT.headerRow}`,
    );
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 3, ySplit: L.numberRow });
  });

  it("splits the 23 raw figures over pages that each fit, the title over the first page only", () => {
    const raw = wb.getWorksheet(SHEET_NAMES.raw)!;
    const pages = pagesOf(raw, raw.pageSetup.scale!, 3);
    expect(raw.pageSetup.scale).toBe(80);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    const merge = (raw.model as unknown as { merges: string[] }).merges.find((m) => m.startsWith("A1:"));
    expect(merge).toBe(`A1:${raw.getColumn(pages[0].at(-1)!).letter}1`);
  });

  it("fits column widths to their content", () => {
    const widths = header.map((_, i) => ws.getColumn(i + 1).width ?? 0);
    expect(widths.every((w) => w >= 5 && w <= 40)).toBe(true);
    expect(ws.getColumn(3).width).toBe("Toàn huyện Trà Bồng".length + 2);
    expect(ws.getRow(L.headerRow).height).toBeGreaterThan(30);
  });

  it("gives every element of every commune on the raw-figures sheet, with its total", () => {
    const raw = wb.getWorksheet(SHEET_NAMES.raw)!;
    const h = values(raw, RAW_LAYOUT.headerRow) as string[];
    expect(h).toHaveLength(4 + 23);
    expect(h.slice(0, 4)).toEqual(["STT", "Mã đơn vị", "Đơn vị", "Số quý đã báo cáo (trên 1)"]);
    expect(h[4]).toBe("Số văn bản chỉ đạo, kế hoạch về công tác dân vận đã ban hành");
    expect(values(raw, RAW_LAYOUT.firstDataRow)).toEqual([
      1,
      "21115",
      "Thị trấn Trà Xuân",
      1,
      2,
      10,
      500,
      20,
      120,
      3000,
      2,
      3,
      1,
      13,
      40,
      3,
      17,
      18,
      30,
      28,
      1000,
      850,
      980,
      960,
      600,
      900,
      2,
    ]);
    expect(values(raw, RAW_LAYOUT.firstDataRow + 2)).toEqual([3, "21142", "Xã Trà Bùi", 0, ...Array(23).fill("–")]);
    const total = values(raw, RAW_LAYOUT.firstDataRow + 4);
    expect(total.slice(1, 4)).toEqual(["525", "Toàn huyện Trà Bồng", 3]);
    expect(total[3 + 1 + 2]).toBe(500 + 200 + 90); // propaganda_participants
    expect(raw.views[0]).toMatchObject({ state: "frozen", ySplit: RAW_LAYOUT.headerRow });
  });

  it("states completeness per quarter with the missing and late communes", () => {
    const cs = wb.getWorksheet(SHEET_NAMES.completeness)!;
    const C = COMPLETENESS_LAYOUT;
    expect(values(cs, C.headerRow)).toEqual([
      "Kỳ báo cáo",
      "Hạn báo cáo",
      "Phải báo cáo",
      "Đã báo cáo",
      "Đúng hạn",
      "Muộn",
      "Chưa báo cáo",
      "Tỷ lệ báo cáo",
      "Tỷ lệ đúng hạn",
    ]);
    const q = values(cs, C.firstDataRow);
    expect(q[0]).toBe("Quý I/2025");
    expect((q[1] as Date).toISOString()).toBe("2025-03-18T00:00:00.000Z");
    expect(cs.getCell(C.firstDataRow, 2).numFmt).toBe("dd/mm/yyyy");
    expect(q.slice(2)).toEqual([4, 3, 2, 1, 1, 0.75, 0.5]);
    expect(cs.getCell(C.firstDataRow, 8).numFmt).toBe("0.0%");
    const rows: unknown[][] = [];
    cs.eachRow((_, n) => rows.push(values(cs, n)));
    const bui = rows.find((r) => r[1] === "21142")!;
    expect(bui.slice(0, 6)).toEqual(["Quý I/2025", "21142", "Xã Trà Bùi", "Chưa báo cáo", "–", "Quý IV/2024"]);
    const thanh = rows.find((r) => r[1] === "21145")!;
    expect(thanh.slice(0, 4)).toEqual(["Quý I/2025", "21145", "Xã Trà Thanh", "Báo cáo muộn"]);
    // 25/03/2025 14:05 in Vietnam, as Excel shows it.
    expect((thanh[4] as Date).toISOString()).toBe("2025-03-25T14:05:00.000Z");
  });

  it("follows the chosen indicators only, and names roll-ups in the title", async () => {
    const two = fixtureData(["online_rate", "meetings"]);
    const wb2 = await read(
      await buildSummaryWorkbook(
        { ...two, period: { kind: "half", code: "2025S1", quarters: ["2025Q1", "2025Q2"] } },
        { generatedAt: GENERATED_AT },
      ),
    );
    const s = wb2.getWorksheet(SHEET_NAMES.summary)!;
    expect(s.getCell(L.titleRow, 1).value).toBe(
      "BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN 6 THÁNG ĐẦU NĂM 2025",
    );
    expect(values(s, L.headerRow)).toEqual([
      "STT",
      "Mã đơn vị",
      "Đơn vị",
      "Số quý đã báo cáo (trên 2)",
      "Số hồ sơ thủ tục hành chính tiếp nhận",
      "Số hồ sơ tiếp nhận trực tuyến",
      "Hội nghị, cuộc họp đã tổ chức",
      "Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)",
    ]);
  });
});

function sumOf(element: string): number {
  return COMMUNES.reduce((s, c) => s + ((figuresOf(c.id)[element] as number | undefined) ?? 0), 0);
}
