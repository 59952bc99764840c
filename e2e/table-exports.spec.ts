import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import Papa from "papaparse";

// Every table on screen downloads as CSV and Excel with exactly its rows, columns and order: the files are
// downloaded from the page as a person would, read back, and held against what the page shows.
// Demo data: the 16 communes of Huyện Trà Bồng, 2024Q1..2025Q2; Trà Bùi (21142) missed 2025Q2.

test.beforeEach(async ({ page, baseURL }) => {
  // The "chromium" project starts from the demo administrator's session (e2e/auth.setup.ts). Should it not,
  // sign in here, so every test below opens its pages signed in.
  const session = await page.request.get("/api/auth/get-session");
  const signedIn = session.ok() && (await session.text()).includes('"user"');
  if (!signedIn) {
    const res = await page.request.post("/api/auth/sign-in/email", {
      data: { email: "admin@demo.local", password: "demo-admin" },
      headers: { origin: baseURL! },
    });
    expect(res.status(), "signing in as the demo administrator").toBe(200);
  }
  // A failed download shows only "Không tạo được tệp"; the reason is in the browser's console.
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().startsWith("table export failed")) console.log(`[browser] ${m.text()}`);
  });
});

async function open(page: Page, url: string) {
  await page.goto(url);
  expect(new URL(page.url()).pathname, `${url} was redirected (sign-in or setup?)`).not.toMatch(/^\/(login|setup)\b/);
}

/** The card holding a table: its download buttons are in it. */
const cardOf = (page: Page, tableId: string) => page.locator(`section.card:has(#${tableId})`);

async function download(scope: Locator, button: "Tải CSV" | "Tải Excel"): Promise<{ name: string; bytes: Buffer }> {
  const page = scope.page();
  const [d] = await Promise.all([
    page.waitForEvent("download"),
    scope.getByRole("button", { name: button, exact: true }).click(),
  ]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync((await d.path())!) };
}

/** The CSV's rows, after checking it starts with the UTF-8 BOM. */
async function csvOf(scope: Locator): Promise<{ name: string; rows: string[][] }> {
  const { name, bytes } = await download(scope, "Tải CSV");
  expect([...bytes.subarray(0, 3)], "UTF-8 BOM").toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").slice(1);
  expect(text.endsWith("\r\n")).toBe(true);
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", newline: "\r\n", skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { name, rows: parsed.data };
}

async function sheetOf(scope: Locator): Promise<{ name: string; ws: ExcelJS.Worksheet }> {
  const { name, bytes } = await download(scope, "Tải Excel");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return { name, ws: wb.worksheets[0] };
}

/** A worksheet row's values from column A (exceljs rows are 1-based with an empty slot 0). */
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

/** A figure as the page writes it, back to a number: "84,4 %" → 84.4, "1.234" → 1234, "≥ 80,0 %" → 80, "3/16" → 3. */
function screenNumber(text: string): number {
  const s = text.replace(/^≥\s*/, "").split("/")[0].replace(/[\s%]/g, "").replace(/\./g, "").replace(",", ".");
  const n = Number(s);
  expect(Number.isFinite(n), `"${text}" is a number`).toBe(true);
  return n;
}

/** The figure a cell shows (without the screen-reader explanation or the status word). */
const shownFigure = (cell: Locator) =>
  cell.evaluate((td) => ((td.querySelector(".figure")?.firstChild ?? td).textContent ?? "").trim());

/** Every shown body row of a text table as the browser renders it (innerText), whitespace collapsed. */
const screenRows = (table: Locator, skipLastColumns = 0) =>
  table.evaluate(
    (t, skip) =>
      [...(t as HTMLTableElement).tBodies[0].rows].map((r) => {
        const cells = [...r.cells].map((c) => c.innerText.replace(/\s+/g, " ").trim());
        return cells.slice(0, cells.length - skip);
      }),
    skipLastColumns,
  );

test("the unit list downloads as shown: every commune, in order, codes kept as text", async ({ page }) => {
  await open(page, "/units");
  const table = page.locator("#unit-list");
  const card = cardOf(page, "unit-list");
  const shown = await screenRows(table);
  expect(shown).toHaveLength(16);

  const { name, rows } = await csvOf(card);
  expect(name).toBe("danh-sach-xa-525.csv");
  expect(rows[0]).toEqual(["Mã đơn vị", "Tên đơn vị", "Từ 01/7/2025 thuộc"]);
  expect(rows[0]).toEqual((await table.locator("thead th").allInnerTexts()).map((s) => s.trim()));
  expect(rows[1]).toEqual(["21115", "Thị trấn Trà Xuân", "Xã Trà Bồng (21115)"]);
  expect(rows.slice(1)).toEqual(shown);

  const { name: xlsxName, ws } = await sheetOf(card);
  expect(xlsxName).toBe("danh-sach-xa-525.xlsx");
  expect(ws.getCell("A1").value).toBe("Danh sách các xã thuộc Huyện Trà Bồng");
  expect(rowValues(ws, 2)).toEqual(rows[0]);
  expect(rowValues(ws, 3)).toEqual(["21115", "Thị trấn Trà Xuân", "Xã Trà Bồng (21115)"]);
  expect(ws.rowCount).toBe(2 + 16);
});

test("a commune's profile: rank, trend, raw figures and import history download as shown", async ({ page }) => {
  await open(page, "/units/21136?period=2025Q2");
  await expect(page.getByRole("heading", { level: 1, name: "Xã Trà Tân" })).toBeVisible();

  // The rank table: rates and counts in one column, each written as what it is.
  const rank = page.locator("#rank-table");
  const rankCard = cardOf(page, "rank-table");
  const { name, rows } = await csvOf(rankCard);
  expect(name).toBe("thu-hang-21136-2025Q2.csv");
  expect(rows[0]).toEqual([
    "Chỉ tiêu",
    "Xã Trà Tân",
    "Hạng",
    "Huyện Trà Bồng tỷ lệ chung; chỉ tiêu đếm: bình quân một xã",
    "Mục tiêu của một xã",
  ]);
  const indicators = await rank
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-indicator")!));
  expect(rows).toHaveLength(1 + indicators.length);
  const online = indicators.indexOf("online_rate");
  const meetings = indicators.indexOf("meetings");
  expect(online).toBeGreaterThanOrEqual(0);
  expect(meetings).toBeGreaterThanOrEqual(0);
  const onlineCells = rank.locator('tr[data-indicator="online_rate"] td');
  const onlineShown = await shownFigure(onlineCells.nth(0)); // "84,4 %"
  expect(onlineShown).toMatch(/^\d+,\d %$/);
  expect(rows[1 + online][0]).toBe(await rank.locator('tr[data-indicator="online_rate"] th').innerText());
  expect(Number(rows[1 + online][1])).toBe(screenNumber(onlineShown));
  expect(Number(rows[1 + online][2])).toBe(screenNumber(await onlineCells.nth(1).innerText())); // "3/16" → 3
  expect(Number(rows[1 + online][3])).toBe(screenNumber(await shownFigure(onlineCells.nth(2))));
  expect(Number(rows[1 + online][4])).toBe(screenNumber(await onlineCells.nth(3).innerText())); // "≥ 80,0 %"
  const meetingCells = rank.locator('tr[data-indicator="meetings"] td');
  const meetingsShown = await shownFigure(meetingCells.nth(0));
  expect(rows[1 + meetings][1]).toBe(String(screenNumber(meetingsShown)));
  const averageShown = await shownFigure(meetingCells.nth(2)); // the scope's average per commune, "18,3"
  expect(Number(rows[1 + meetings][3])).toBe(screenNumber(averageShown));

  const { name: rankXlsx, ws } = await sheetOf(rankCard);
  expect(rankXlsx).toBe("thu-hang-21136-2025Q2.xlsx");
  expect(ws.getCell("A1").value).toBe(await rank.locator("caption").textContent());
  expect(rowValues(ws, 2)).toEqual(rows[0]);
  const onlineRow = ws.getRow(3 + online);
  const rate = onlineRow.getCell(2);
  expect(typeof rate.value).toBe("number");
  expect(rate.numFmt).toBe("0.0%");
  expect(Math.round((rate.value as number) * 1000) / 10).toBe(screenNumber(onlineShown));
  expect(onlineRow.getCell(3).value).toBe(screenNumber(await onlineCells.nth(1).innerText()));
  expect(onlineRow.getCell(5).numFmt).toBe("0.0%");
  const meetingsRow = ws.getRow(3 + meetings);
  expect(meetingsRow.getCell(2).value).toBe(screenNumber(meetingsShown));
  expect(meetingsRow.getCell(2).numFmt).toBe("#,##0");
  expect(meetingsRow.getCell(4).numFmt).toBe("#,##0.0");
  expect(Math.round((meetingsRow.getCell(4).value as number) * 10) / 10).toBe(screenNumber(averageShown));

  // The trend table (the charts' data, behind "show data"): the indicator heading three rows repeats on each.
  const trendCard = cardOf(page, "profile-trend-table");
  await trendCard.locator("details.chart-data > summary").click();
  const trend = page.locator("#profile-trend-table");
  await expect(trend).toBeVisible();
  const quarters = (await trend.locator("thead th").allInnerTexts()).slice(2).map((s) => s.trim());
  expect(quarters).toEqual(["Quý I/2024", "Quý II/2024", "Quý III/2024", "Quý IV/2024", "Quý I/2025", "Quý II/2025"]);
  const trendCsv = await csvOf(trendCard);
  expect(trendCsv.name).toBe("chi-tieu-theo-quy-21136-2024Q1-2025Q2.csv");
  expect(trendCsv.rows[0]).toEqual(["Chỉ tiêu", "Đơn vị", ...quarters]);
  expect(trendCsv.rows).toHaveLength(1 + 3 * indicators.length);
  const firstLabel = (await trend.locator("tbody tr").first().locator("th").first().innerText()).trim();
  expect(trendCsv.rows.slice(1, 4).map((r) => r[0])).toEqual([firstLabel, firstLabel, firstLabel]);
  expect(trendCsv.rows.slice(1, 4).map((r) => r[1])).toEqual([
    "Xã Trà Tân",
    "Bình quân xã của Huyện Trà Bồng",
    "Mục tiêu",
  ]);
  const firstTrendRow = await trend.locator("tbody tr").first().locator("td").allInnerTexts();
  expect(trendCsv.rows[1].slice(2).map(Number)).toEqual(firstTrendRow.map((s) => screenNumber(s)));
  const secondTrendRow = await trend.locator("tbody tr").nth(1).locator("td").allInnerTexts();
  expect(trendCsv.rows[2].slice(2).map(Number)).toEqual(secondTrendRow.map((s) => screenNumber(s)));
  const trendSheet = (await sheetOf(trendCard)).ws;
  expect(rowValues(trendSheet, 4).slice(0, 2)).toEqual([firstLabel, "Bình quân xã của Huyện Trà Bồng"]);

  // The raw figures: integers, "–" (not reported) left empty.
  const rawCard = cardOf(page, "raw-table");
  const raw = await csvOf(rawCard);
  expect(raw.name).toBe("so-lieu-goc-21136-2024Q1-2025Q2.csv");
  expect(raw.rows[0]).toEqual(["Số liệu", ...quarters]);
  const firstRaw = await page.locator("#raw-table tbody tr").first().locator("td").allInnerTexts();
  expect(raw.rows[1].slice(1)).toEqual(firstRaw.map((s) => (s.trim() === "–" ? "" : String(screenNumber(s)))));
  const received = await page.getByTestId("raw-procedures_received-2025Q2").innerText(); // "1.234"
  const receivedRow = raw.rows.find((r) => r[0] === "Số hồ sơ thủ tục hành chính tiếp nhận")!;
  expect(receivedRow[quarters.length]).toBe(String(screenNumber(received)));
  const rawSheet = (await sheetOf(rawCard)).ws;
  expect(rawSheet.getCell("B3").numFmt).toBe("#,##0");
  expect(rawSheet.getCell("B3").value).toBe(screenNumber(firstRaw[0]));

  // The import history: text as shown, the counts as integers.
  const historyCard = cardOf(page, "import-history");
  const history = await csvOf(historyCard);
  expect(history.name).toBe("lich-su-nhap-21136.csv");
  expect(history.rows[0]).toEqual(["Thời gian", "Lần nhập", "Nguồn", "Kỳ", "Thêm", "Sửa", "Xoá", "Trạng thái"]);
  expect(history.rows.slice(1)).toEqual(await screenRows(page.locator("#import-history")));
  const historySheet = (await sheetOf(historyCard)).ws;
  expect(historySheet.getCell("E3").value).toBe(Number(history.rows[1][4]));
  expect(historySheet.getCell("E3").numFmt).toBe("#,##0");
});

test("the comparison table downloads as shown: no data stays empty, percentages as 0.0%", async ({ page }) => {
  await open(page, "/compare?unit=21136&unit=21142&period=2025Q2");
  const table = page.locator("#compare-table");
  const card = cardOf(page, "compare-table");
  await expect(table).toBeVisible();
  const header = (await table.locator("thead th").allInnerTexts()).map((s) => s.trim());
  expect(header).toEqual(["Chỉ tiêu", "Xã Trà Tân", "Xã Trà Bùi", "Huyện Trà Bồng"]);

  const { name, rows } = await csvOf(card);
  expect(name).toBe("so-sanh-xa-2025Q2.csv");
  expect(rows[0]).toEqual(header);
  const indicators = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-indicator")!));
  expect(rows).toHaveLength(1 + indicators.length);
  expect(rows.slice(1).map((r) => r[0])).toEqual(
    (await table.locator("tbody th").allInnerTexts()).map((s) => s.trim()),
  );
  const i = indicators.indexOf("online_rate");
  const cells = table.locator('tr[data-indicator="online_rate"] td');
  const tan = await shownFigure(cells.nth(0));
  const district = await shownFigure(cells.nth(2));
  expect(await shownFigure(cells.nth(1))).toBe("–"); // Trà Bùi did not report 2025Q2
  expect(rows[1 + i].slice(1)).toEqual([String(screenNumber(tan)), "", String(screenNumber(district))]);
  // Every figure of the first row as shown.
  const first = await table
    .locator("tbody tr")
    .first()
    .locator("td")
    .evaluateAll((tds) => tds.map((td) => ((td.querySelector(".figure")?.firstChild ?? td).textContent ?? "").trim()));
  expect(rows[1].slice(1)).toEqual(first.map((s) => (s === "–" ? "" : String(screenNumber(s)))));

  const { name: xlsxName, ws } = await sheetOf(card);
  expect(xlsxName).toBe("so-sanh-xa-2025Q2.xlsx");
  expect(ws.getCell("A1").value).toBe("Bảng so sánh các xã, Quý II/2025");
  expect(rowValues(ws, 2)).toEqual(header);
  const row = ws.getRow(3 + i);
  const rate = row.getCell(2);
  expect(typeof rate.value).toBe("number");
  expect(rate.numFmt).toBe("0.0%");
  expect(Math.round((rate.value as number) * 1000) / 10).toBe(screenNumber(tan));
  expect(row.getCell(3).value).toBeNull();
  expect(row.getCell(4).numFmt).toBe("0.0%");
  expect(Math.round((row.getCell(4).value as number) * 1000) / 10).toBe(screenNumber(district));
});

test("the overview's chart tables download too: the ranking in its order, under its indicator's name", async ({
  page,
}) => {
  await open(page, "/?period=2025Q2");
  const card = cardOf(page, "ranking-table");
  await card.locator("details.chart-data > summary").click();
  const table = page.locator("#ranking-table");
  await expect(table).toBeVisible();
  const { name, rows } = await csvOf(card);
  expect(name).toBe("xep-hang-online_rate-2025Q2.csv");
  expect(rows[0]).toEqual(["Hạng", "Xã", "Tỷ lệ hồ sơ tiếp nhận trực tuyến"]);
  const shown = await table
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll("td, th")].map((c) =>
          ((c.querySelector(".figure")?.firstChild ?? c).textContent ?? "").trim(),
        ),
      ),
    );
  expect(shown).toHaveLength(16);
  expect(rows.slice(1)).toEqual(
    shown.map(([rank, commune, rate]) => [
      rank === "–" ? "" : rank,
      commune,
      rate === "–" ? "" : String(screenNumber(rate)),
    ]),
  );
  const { ws } = await sheetOf(card);
  expect(ws.getCell("C3").numFmt).toBe("0.0%");
  expect(ws.getCell("A3").value).toBe(1);
});

test("the import history downloads without its actions column, a hostile file name neutralized", async ({
  page,
  baseURL,
}) => {
  // A refused upload is recorded in the history under the name it was sent with; it changes no figure.
  const hostile = '=HYPERLINK("http://example.invalid","x").csv';
  const bad = ["commune_code,period,procedures_received,procedures_online", "99999,2025Q2,1,1"].join("\n");
  const res = await page.request.post(`/api/imports?filename=${encodeURIComponent(hostile)}`, {
    data: Buffer.from(bad),
    headers: { origin: baseURL! },
  });
  expect(res.status()).toBe(422);

  await open(page, "/imports");
  const table = page.locator("#history-table");
  const card = cardOf(page, "history-table");
  await expect(table.locator("tbody tr").first()).toContainText(hostile);
  const { name, rows } = await csvOf(card);
  expect(name).toBe("lich-su-nhap-du-lieu.csv");
  expect(rows[0]).toEqual(["Số", "Thời gian", "Người nhập", "Nguồn", "Tệp", "Trạng thái", "Số liệu"]);
  const shown = await screenRows(table, 1); // all but "Thao tác"
  expect(rows.slice(1)).toEqual(
    shown.map(([id, ...rest], r) =>
      r === 0
        ? [id.replace("#", ""), ...rest.slice(0, 3), `'${hostile}`, ...rest.slice(4)]
        : [id.replace("#", ""), ...rest],
    ),
  );
  const { ws } = await sheetOf(card);
  expect(rowValues(ws, 2)).toEqual(rows[0]);
  expect(ws.getCell("A3").value).toBe(Number(rows[1][0]));
  expect(ws.getCell("E3").value).toBe(`'${hostile}`);

  // One import's changes, as listed on its page.
  const committed = await table.locator('tbody tr[data-status="committed"]').first().getAttribute("data-import-id");
  await open(page, `/imports/${committed}`);
  const changes = page.locator("#import-changes");
  const changesCsv = await csvOf(cardOf(page, "import-changes"));
  expect(changesCsv.name).toBe(`thay-doi-lan-nhap-${committed}.csv`);
  expect(changesCsv.rows[0]).toEqual(["Xã", "Kỳ", "Chỉ tiêu", "Cũ → mới"]);
  expect(changesCsv.rows.slice(1)).toEqual(await screenRows(changes));
});
