import fs from "node:fs";
import { expect, test, type Download, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import Papa from "papaparse";

// The oracle is the JSON API (the screen's own figures); the files are downloaded from the page as a person
// would, and read back. Demo data: the 16 communes of Huyện Trà Bồng, 2024Q1..2025Q2; Trà Bùi missed 2025Q2.

interface Cell {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

async function apiTotal(page: Page, qs: string): Promise<Record<string, Cell>> {
  const res = await page.request.get(`/api/indicators?${qs}`);
  expect(res.status()).toBe(200);
  return (await res.json()).rows.at(-1).values;
}

async function download(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  const file = await d.path();
  return { download: d, bytes: fs.readFileSync(file!) };
}

/** vi-VN integers as the report writes them: 1.532 */
const viInt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

test("the workbook downloads from the page with the latest quarter, its total row as the API's Σ/Σ", async ({
  page,
}) => {
  await page.goto("/exports");
  await expect(page.getByRole("heading", { level: 1, name: "Xuất báo cáo" })).toBeVisible();
  await expect(page.getByLabel("Kỳ báo cáo")).toHaveValue("2025Q2");
  await expect(page.getByRole("checkbox")).toHaveCount(11);
  for (const box of await page.getByRole("checkbox").all()) await expect(box).toBeChecked();

  const { download: d, bytes } = await download(page, "Biểu tổng hợp Excel (.xlsx)");
  expect(["bieu-tong-hop-525-2025Q2.xlsx", "Biểu tổng hợp Huyện Trà Bồng Quý II-2025.xlsx"]).toContain(
    d.suggestedFilename(),
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Số liệu chi tiết", "Tình hình báo cáo"]);
  const ws = wb.getWorksheet("Tổng hợp")!;
  expect(ws.getCell("A1").value).toBe("UBND HUYỆN TRÀ BỒNG");
  expect(ws.getCell("A5").value).toBe("BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN QUÝ II NĂM 2025");
  const header = (ws.getRow(9).values as unknown[]).slice(1) as string[];
  const col = (h: string) => header.indexOf(h) + 1;
  // Rows 11..26 are the communes by code, row 27 the district.
  expect(ws.getRow(11).getCell(3).value).toBe("Thị trấn Trà Xuân");
  const bui = ws.getRow(20);
  expect(bui.getCell(3).value).toBe("Xã Trà Bùi");
  expect(bui.getCell(col("Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")).value).toBe("–");
  const total = ws.getRow(27);
  expect(total.getCell(3).value).toBe("Toàn huyện Trà Bồng");
  const api = await apiTotal(page, "period=2025Q2");
  expect(total.getCell(col("Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")).value).toBeCloseTo(
    api.online_rate.value! / 100,
    12,
  );
  expect(total.getCell(col("Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")).numFmt).toBe("0.0%");
  expect(total.getCell(col("Số hồ sơ tiếp nhận trực tuyến")).value).toBe(api.online_rate.numerator);
  expect(total.getCell(col("Số hồ sơ thủ tục hành chính tiếp nhận")).value).toBe(api.online_rate.denominator);
  expect(total.getCell(col("Hội nghị, cuộc họp đã tổ chức")).value).toBe(api.meetings.value);
  expect(total.getCell(col("Tỷ lệ giải quyết đơn thư (%)")).value).toBeCloseTo(
    api.petition_resolution_rate.value! / 100,
    12,
  );
  expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToWidth: 1 });
});

test("the draft report downloads as Word, its sentences carrying the district's figures", async ({ page }) => {
  await page.goto("/exports");
  const { bytes } = await download(page, "Bản thảo báo cáo Word (.docx)");
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  const api = await apiTotal(page, "period=2025Q2");
  expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(text).toContain("Kết quả công tác Dân vận chính quyền quý II năm 2025");
  expect(text).toContain("I. KẾT QUẢ THỰC HIỆN");
  expect(text).toContain(
    `Trong quý, toàn huyện tổ chức ${viInt(api.meetings.value!)} hội nghị, cuộc họp (kể cả họp thôn)`,
  );
  expect(text).toContain(
    `tiếp nhận ${viInt(api.online_rate.denominator!)} hồ sơ thủ tục hành chính, trong đó ` +
      `${viInt(api.online_rate.numerator!)} hồ sơ trực tuyến`,
  );
  expect(text).toContain("Chưa báo cáo: Xã Trà Bùi.");
  expect(text).toContain("II. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ II");
  expect(text).toContain("Nơi nhận:");
});

test("the CSV follows the chosen period and indicators, and round-trips", async ({ page }) => {
  await page.goto("/exports");
  await page.getByLabel("Kỳ báo cáo").selectOption("2025S1");
  for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
  await page.getByRole("checkbox", { name: "Tỷ lệ hồ sơ tiếp nhận trực tuyến" }).check();
  await page.getByRole("checkbox", { name: "Hội nghị, cuộc họp đã tổ chức" }).check();
  const { bytes } = await download(page, "Bảng CSV (.csv)");
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = Papa.parse<string[]>(bytes.toString("utf8").slice(1), { skipEmptyLines: true }).data;
  expect(rows[0]).toEqual([
    "STT",
    "Mã đơn vị",
    "Đơn vị",
    "Số quý đã báo cáo (trên 2)",
    "Số hồ sơ thủ tục hành chính tiếp nhận",
    "Số hồ sơ tiếp nhận trực tuyến",
    "Hội nghị, cuộc họp đã tổ chức",
    "Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)",
  ]);
  // Header, 16 communes, the total, then the line saying how the total row was counted.
  expect(rows).toHaveLength(1 + 16 + 1 + 1);
  expect(rows.at(-1)![2]).toMatch(/^Dòng “Toàn huyện Trà Bồng”: mỗi cột số liệu là tổng của mọi đơn vị/);
  const api = await apiTotal(page, "period=2025S1&indicators=online_rate,meetings");
  const total = rows.at(-2)!;
  expect(total.slice(1, 3)).toEqual(["525", "Toàn huyện Trà Bồng"]);
  expect(Number(total[5])).toBe(api.online_rate.numerator);
  expect(Number(total[4])).toBe(api.online_rate.denominator);
  expect(Number(total[6])).toBe(api.meetings.value);
  expect(Number(total[7])).toBe(Math.round(api.online_rate.value! * 10) / 10);
  expect(rows.find((r) => r[1] === "21142")![3]).toBe("1"); // Trà Bùi: one quarter of two
});

test("a keyboard alone reaches and uses a download button", async ({ page }) => {
  await page.goto("/exports");
  const xlsx = page.getByRole("button", { name: "Biểu tổng hợp Excel (.xlsx)" });
  await page.getByLabel("Kỳ báo cáo").focus();
  for (let i = 0; i < 30; i++) {
    if (await xlsx.evaluate((b) => b === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(xlsx).toBeFocused();
  const [d] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(d.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(fs.statSync((await d.path())!).size).toBeGreaterThan(10_000);
});

test("the print view shows the same table, prints without navigation, and passes axe", async ({ page }, testInfo) => {
  await page.goto("/exports");
  await page.getByRole("button", { name: "Xem bản in" }).click();
  await expect(page).toHaveURL(/\/exports\/print\?/);
  await expect(
    page.getByRole("heading", { level: 1, name: "BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN QUÝ II NĂM 2025" }),
  ).toBeVisible();
  const doc = page.getByTestId("summary-document");
  await expect(doc.getByText("UBND HUYỆN TRÀ BỒNG", { exact: true })).toBeVisible();
  await expect(doc.getByText("Độc lập - Tự do - Hạnh phúc", { exact: true })).toBeVisible();
  const table = page.getByTestId("summary-table");
  await expect(table.locator("tbody tr")).toHaveCount(16);
  const api = await apiTotal(page, "period=2025Q2");
  const onlineVi = `${(Math.round(api.online_rate.value! * 10) / 10).toFixed(1).replace(".", ",")} %`;
  await expect(page.getByTestId("summary-total").locator('[data-col="i:online_rate"]')).toHaveText(onlineVi);
  await expect(table.locator('tr[data-unit-code="21142"] [data-col="i:online_rate"]')).toHaveText("–");
  await expect(doc.getByText("chưa báo cáo: Xã Trà Bùi")).toBeVisible();
  await expect(doc.getByText("NGƯỜI LẬP BIỂU", { exact: true })).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // On screen and on paper: raw figures and indicators are two tables that each fit their frame, no header
  // is broken inside a word, a commune's name takes at most two lines, no text is under 8 pt.
  await expect(page.getByTestId("summary-elements").locator("tbody tr")).toHaveCount(16);
  const layout = () =>
    page.evaluate(() => {
      const wraps = [...document.querySelectorAll<HTMLElement>(".doc-table-wrap")];
      const heads = [...document.querySelectorAll<HTMLElement>(".doc-table thead th")];
      const names = [...document.querySelectorAll<HTMLElement>(".doc-table tbody th.doc-name")];
      const lines = (el: HTMLElement) => {
        const cs = getComputedStyle(el);
        const inner = el.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
        return Math.round(inner / parseFloat(cs.lineHeight));
      };
      return {
        overflowing: wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).length,
        tables: wraps.length,
        brokenHeads: heads
          .filter(
            (h) =>
              ["anywhere", "break-word"].includes(getComputedStyle(h).overflowWrap) ||
              getComputedStyle(h).wordBreak === "break-all" ||
              h.scrollWidth > h.clientWidth + 1,
          )
          .map((h) => h.textContent),
        maxNameLines: Math.max(...names.map(lines)),
        smallestPt: Math.min(
          ...[...document.querySelectorAll<HTMLElement>(".print-doc *")]
            .filter(
              (e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()),
            )
            .map((e) => (parseFloat(getComputedStyle(e).fontSize) * 72) / 96),
        ),
      };
    });
  const screen = await layout();
  expect(screen).toMatchObject({ overflowing: 0, tables: 2, brokenHeads: [] });
  expect(screen.maxNameLines).toBeLessThanOrEqual(2);
  await page.screenshot({ path: testInfo.outputPath("print-screen-1366.png"), fullPage: true });

  // Printed: no navigation, A4 landscape with page numbers, and one page wide (A4 landscape less margins ≈ 1047 px).
  await page.setViewportSize({ width: 1047, height: 740 });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeHidden();
  await expect(page.getByRole("link", { name: /Quay lại/ })).toBeHidden();
  const widths = await table.evaluate((t) => ({ table: t.scrollWidth, page: document.documentElement.clientWidth }));
  expect(widths.table).toBeLessThanOrEqual(widths.page);
  const paper = await layout();
  expect(paper).toMatchObject({ overflowing: 0, tables: 2, brokenHeads: [] });
  expect(paper.maxNameLines).toBeLessThanOrEqual(2);
  expect(paper.smallestPt).toBeGreaterThanOrEqual(8);
  const pageRule = await page.evaluate(
    () =>
      [...document.styleSheets]
        .flatMap((s) => [...s.cssRules])
        .find((r) => r instanceof CSSPageRule && r.cssText.includes("landscape"))?.cssText ?? "",
  );
  expect(pageRule.toLowerCase()).toContain("size: a4 landscape");
  expect(pageRule).toContain("counter(page)");
  await page.screenshot({ path: testInfo.outputPath("print-media.png"), fullPage: true });
});

test("the export page passes axe and stays usable at phone width", async ({ page }, testInfo) => {
  await page.goto("/exports");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/exports");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("button", { name: "Biểu tổng hợp Excel (.xlsx)" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("exports-390.png"), fullPage: true });
  await page.goto("/exports/print?period=2025Q2");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
