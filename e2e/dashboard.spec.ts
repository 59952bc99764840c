import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { generateDemoReports } from "../lib/demo/generate";

// The oracle: every figure is recomputed here from the demo generator, by hand (Σ numerators / Σ
// denominators, rounded half up to one decimal, written the Vietnamese way).
const reports = generateDemoReports();
const NAMES: Record<string, string> = {
  "21115": "Thị trấn Trà Xuân",
  "21136": "Xã Trà Tân",
  "21142": "Xã Trà Bùi",
  "21163": "Xã Trà Xinh",
};

function roundHalfUp1(x: number): number {
  return Math.round(Number((x * 10).toPrecision(12))) / 10;
}
const vi1 = (x: number) => roundHalfUp1(x).toFixed(1).replace(".", ",");
const percentVi = (x: number) => `${vi1(x)} %`;

/** Σ of an element over the reports of these quarters (and communes, when given). */
function sum(element: string, quarters: string[], unit?: string): number {
  return reports
    .filter((r) => quarters.includes(r.period) && (!unit || r.unitCode === unit))
    .reduce((s, r) => s + r.values[element], 0);
}
function onlineRate(quarters: string[], unit?: string) {
  const num = sum("procedures_online", quarters, unit);
  const den = sum("procedures_received", quarters, unit);
  return { num, den, value: (100 * num) / den };
}
const communesOf = (q: string) => [...new Set(reports.filter((r) => r.period === q).map((r) => r.unitCode))];
const S1 = ["2025Q1", "2025Q2"];

async function expectNoSeriousAxe(page: Page, what: string) {
  // Charts are drawn after load; their data tables sit in <details>: open them so axe checks them too.
  await page.evaluate(() => document.querySelectorAll("details.chart-data").forEach((d) => d.setAttribute("open", "")));
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe on ${what}`,
  ).toEqual([]);
}

async function expectNoOverflow(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
}

test("the overview follows the period and indicator chosen, with KPI and commune figures as computed by hand", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
  // Default: the latest quarter with data.
  await expect(page.locator(".subtitle")).toContainText("Quý II/2025");

  await page.getByLabel("Kỳ báo cáo", { exact: true }).selectOption("2025S1");
  await expect(page).toHaveURL(/period=2025S1/);
  await expect(page.locator(".subtitle")).toContainText("6 tháng đầu năm 2025");

  const district = onlineRate(S1);
  const kpi = page.getByTestId("kpi-online_rate");
  await expect(kpi.getByTestId("figure-online_rate")).toContainText(percentVi(district.value));
  await expect(kpi.getByTestId("figure-online_rate")).toHaveAttribute(
    "title",
    `${district.num.toLocaleString("vi-VN")} / ${district.den.toLocaleString("vi-VN")} = ${percentVi(district.value)} (mục tiêu ≥ 80,0 %)`,
  );
  await expect(kpi).toContainText("Đạt");
  // The comparison with the half-year before (2024S2), in percentage points.
  const previous = onlineRate(["2024Q3", "2024Q4"]);
  const delta = district.value - previous.value;
  await expect(kpi).toContainText(
    `${delta >= 0 ? "+" : "−"}${vi1(Math.abs(delta))} điểm % so với 6 tháng cuối năm 2024`,
  );
  // Trà Bùi did not report 2025Q2: the district's figure says one commune-quarter is missing.
  await expect(kpi).toContainText("Thiếu 1 báo cáo xã/quý");

  // A count: reception sessions against 12 per commune per quarter, scaled to 16 communes × 2 quarters.
  const reception = sum("reception_sessions", S1);
  const kpiReception = page.getByTestId("kpi-reception");
  await expect(kpiReception.getByTestId("figure-reception")).toHaveText(new RegExp(`^${reception}`));
  await expect(kpiReception).toContainText("Mục tiêu ≥ 384");
  await expect(kpiReception).toContainText(reception >= 384 ? "Đạt" : reception >= 345.6 ? "Gần đạt" : "Chưa đạt");

  // One commune's figure over the half-year: Trà Bùi's only reported quarter counts.
  const traBui = onlineRate(S1, "21142");
  const row = page.locator('tr[data-unit-code="21142"]');
  await expect(row.getByTestId("figure-online_rate")).toContainText(percentVi(traBui.value));
  await expect(row).toContainText("Báo cáo 1/2 quý");

  await page.getByLabel("Chỉ tiêu của biểu đồ").selectOption("reception");
  await expect(page).toHaveURL(/indicator=reception/);
  await expect(page).toHaveURL(/period=2025S1/);
  await expect(page.getByRole("heading", { name: "Xếp hạng các xã: Buổi tiếp công dân định kỳ" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Diễn biến qua các quý: Buổi tiếp công dân định kỳ" })).toBeVisible();
  // Charts are drawn as they come near the screen.
  await page.locator(".chart-box").first().scrollIntoViewIfNeeded();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  // The ranking's data table: the best commune first.
  const best = communesOf("2025Q1")
    .map((u) => ({ u, v: sum("reception_sessions", S1, u) }))
    .sort((a, b) => b.v - a.v)[0];
  await page.getByText("Xem số liệu của biểu đồ (bảng)").first().click();
  await expect(page.getByTestId("ranking-table").locator("tbody tr").first()).toContainText(String(best.v));
});

test("the heat table sorts by a column, filters by name and exports exactly what it shows", async ({ page }) => {
  await page.goto("/?period=2025Q2");
  const table = page.getByTestId("home-table");
  await expect(table.locator("tbody tr")).toHaveCount(16);
  const rates = communesOf("2025Q2").map((u) => ({ u, ...onlineRate(["2025Q2"], u) }));
  const top = [...rates].sort((a, b) => b.value - a.value)[0];
  const bottom = [...rates].sort((a, b) => a.value - b.value)[0];

  const header = table.getByRole("button", { name: /Tỷ lệ hồ sơ tiếp nhận trực tuyến/ });
  await header.click();
  await expect(table.locator("th[aria-sort]")).toHaveAttribute("aria-sort", "descending");
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-unit-code", top.u);
  await expect(table.locator("tbody tr").first().getByTestId("figure-online_rate")).toContainText(percentVi(top.value));
  await expect(page).toHaveURL(/sort=online_rate\.desc/);
  // With the keyboard: Enter on the focused header turns the order round; no data stays last.
  await header.focus();
  await page.keyboard.press("Enter");
  await expect(table.locator("th[aria-sort]")).toHaveAttribute("aria-sort", "ascending");
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-unit-code", bottom.u);
  await expect(table.locator("tbody tr").last()).toHaveAttribute("data-unit-code", "21142");

  // The sort survives a reload: it is in the address.
  await page.reload();
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-unit-code", bottom.u);

  await page.getByLabel("Lọc theo tên").fill("tra xinh");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table.locator("tbody tr").first().getByRole("rowheader")).toHaveText(NAMES["21163"]);
  await expect(page.getByText("Đang hiển thị 1/16 xã")).toBeVisible();

  // Hide a column, then export: the file has the visible columns and rows, in the order shown.
  // The heat table's own buttons (the chart tables below have theirs).
  const toolbar = page.locator(".data-table .table-toolbar");
  await page.getByText("Chọn cột").click();
  await page.getByRole("checkbox", { name: "Hội nghị, cuộc họp đã tổ chức" }).uncheck();
  await expect(table.getByRole("button", { name: /Hội nghị, cuộc họp/ })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    toolbar.getByRole("button", { name: "Tải CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("tong-quan-525-2025Q2.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines).toHaveLength(3); // header, Trà Xinh, the district's total
  expect(lines[0].startsWith("Xã,Buổi đối thoại với Nhân dân,")).toBe(true);
  const xinh = onlineRate(["2025Q2"], "21163");
  const onlineIndex = lines[0].split(",").indexOf("Tỷ lệ hồ sơ tiếp nhận trực tuyến");
  expect(lines[1].split(",")[0]).toBe(NAMES["21163"]);
  expect(lines[1].split(",")[onlineIndex]).toBe(roundHalfUp1(xinh.value).toString());
  expect(lines[2].split(",")[0]).toBe("Toàn Huyện Trà Bồng");

  const [xlsx] = await Promise.all([
    page.waitForEvent("download"),
    toolbar.getByRole("button", { name: "Tải Excel" }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe("tong-quan-525-2025Q2.xlsx");
  expect(
    fs
      .readFileSync((await xlsx.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe("PK");
});

test("the completeness card lists Trà Bùi as missing for 2025Q2 with when it last reported", async ({ page }) => {
  await page.goto("/?period=2025Q2");
  const card = page.getByTestId("completeness");
  await expect(card).toContainText("15/16");
  const missing = page.getByTestId("missing-2025Q2");
  await expect(missing.locator("li")).toHaveCount(1);
  await expect(missing).toContainText(NAMES["21142"]);
  await expect(missing).toContainText("số liệu mới nhất Quý I/2025");
});

test("a commune's profile shows its raw figures, its rank and its imports", async ({ page }) => {
  await page.goto("/units");
  await page.getByRole("link", { name: NAMES["21136"] }).click();
  await expect(page).toHaveURL(/\/units\/21136/);
  await expect(page.getByRole("heading", { level: 1, name: NAMES["21136"] })).toBeVisible();
  const q2 = reports.find((r) => r.unitCode === "21136" && r.period === "2025Q2")!;
  await expect(page.getByTestId("raw-procedures_received-2025Q2")).toHaveText(
    q2.values.procedures_received.toLocaleString("vi-VN"),
  );
  await expect(page.getByTestId("raw-meetings_held-2024Q1")).toHaveText(
    String(reports.find((r) => r.unitCode === "21136" && r.period === "2024Q1")!.values.meetings_held),
  );

  const rates = communesOf("2025Q2").map((u) => onlineRate(["2025Q2"], u).value);
  const mine = onlineRate(["2025Q2"], "21136").value;
  const rank = rates.filter((v) => v > mine).length + 1;
  await expect(page.getByTestId("rank-online_rate")).toHaveText(`${rank}/${rates.length}`);
  await expect(
    page
      .getByTestId("rank-table")
      .locator('tr[data-indicator="online_rate"]')
      .getByTestId("figure-online_rate")
      .first(),
  ).toContainText(percentVi(mine));
  // One demo import per quarter reported (more if another test imported for this commune).
  expect(await page.getByTestId("import-history").locator("tbody tr").count()).toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId("import-history")).toContainText("Quý II/2025");

  // A quarter the commune did not report shows "–", not 0.
  await page.goto("/units/21142");
  await expect(page.getByTestId("raw-procedures_received-2025Q2")).toHaveText("–");
  await expect(page.getByText("Xã chưa báo cáo Quý II/2025.")).toBeVisible();
});

test("two communes compared side by side", async ({ page }) => {
  await page.goto("/compare?period=2025Q2");
  await expect(page.getByRole("heading", { level: 1, name: "So sánh" })).toBeVisible();
  await page.getByRole("checkbox", { name: NAMES["21115"] }).check();
  await expect(page).toHaveURL(/unit=21115/);
  await expect(page.getByText("Hãy chọn ít nhất 2 xã để so sánh (đang chọn 1).")).toBeVisible();
  await page.getByRole("checkbox", { name: NAMES["21136"] }).check();
  await expect(page).toHaveURL(/unit=21136/);
  const table = page.getByTestId("compare-table");
  await expect(table.locator("thead th")).toHaveText(["Chỉ tiêu", NAMES["21115"], NAMES["21136"], "Huyện Trà Bồng"]);
  const cells = table.locator('tr[data-indicator="online_rate"] td');
  await expect(cells.nth(0)).toContainText(percentVi(onlineRate(["2025Q2"], "21115").value));
  await expect(cells.nth(1)).toContainText(percentVi(onlineRate(["2025Q2"], "21136").value));
  await expect(cells.nth(2)).toContainText(percentVi(onlineRate(["2025Q2"]).value));
  // Charts are drawn as they come near the screen.
  await page.locator(".chart-box").first().scrollIntoViewIfNeeded();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();

  // Periods: the district over two quarters.
  await page.goto("/compare?mode=periods&periods=2025Q1&periods=2025Q2");
  const byPeriod = page.getByTestId("compare-table");
  await expect(byPeriod.locator("thead th")).toHaveText(["Chỉ tiêu", "Quý I/2025", "Quý II/2025"]);
  await expect(byPeriod.locator('tr[data-indicator="online_rate"] td').nth(0)).toContainText(
    percentVi(onlineRate(["2025Q1"]).value),
  );
});

test("an administrator's target changes a status, and resetting it restores the default", async ({ page }) => {
  const rate = onlineRate(["2025Q2"]).value; // ≈ 83.9 %: meets 80, below 95 (more than 10 points under)
  expect(rate).toBeGreaterThanOrEqual(80);
  expect(rate).toBeLessThan(85);
  const kpi = page.getByTestId("kpi-online_rate");
  await page.goto("/?period=2025Q2");
  await expect(kpi).toContainText("Mục tiêu ≥ 80,0 %");
  await expect(kpi.locator(".status")).toHaveText(/Đạt/);

  await page.goto("/admin");
  const row = page.locator('tr[data-indicator="online_rate"]');
  const input = row.getByRole("textbox", { name: "Mục tiêu của Tỷ lệ hồ sơ tiếp nhận trực tuyến" });
  try {
    await input.fill("120");
    await row.getByRole("button", { name: "Lưu" }).click();
    await expect(row.getByRole("alert")).toHaveText(
      "Mục tiêu của chỉ tiêu tỷ lệ phải từ 0 đến 100 (%), nhận được 120.",
    );
    await input.fill("chín mươi");
    await row.getByRole("button", { name: "Lưu" }).click();
    await expect(row.getByRole("alert")).toHaveText("“chín mươi” không phải là một số. Hãy nhập số như 85 hoặc 85,5.");

    await input.fill("95");
    await row.getByRole("button", { name: "Lưu" }).click();
    await expect(row.getByRole("status")).toHaveText("Đã lưu mục tiêu “Tỷ lệ hồ sơ tiếp nhận trực tuyến”: ≥ 95,0 %.");
    await page.goto("/?period=2025Q2");
    await expect(kpi).toContainText("Mục tiêu ≥ 95,0 %");
    await expect(kpi.locator(".status")).toHaveText(/Chưa đạt/);
    await expect(page.locator('tr[data-unit-code="21115"]').getByTestId("figure-online_rate")).toHaveAttribute(
      "title",
      /mục tiêu ≥ 95,0 %/,
    );
  } finally {
    await page.goto("/admin");
    await row.getByRole("button", { name: "Về mặc định" }).click();
    await expect(row.getByRole("status")).toHaveText(
      "Đã đưa “Tỷ lệ hồ sơ tiếp nhận trực tuyến” về mục tiêu mặc định: ≥ 80,0 %.",
    );
  }
  await page.goto("/?period=2025Q2");
  await expect(kpi).toContainText("Mục tiêu ≥ 80,0 %");
  await expect(kpi.locator(".status")).toHaveText(/Đạt/);

  // The deadline day is checked before anything is written.
  await page.goto("/admin");
  await page.getByLabel("Ngày hạn trong tháng cuối quý (1–30)").fill("31");
  await page.getByRole("region", { name: "Hạn báo cáo" }).getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByRole("region", { name: "Hạn báo cáo" }).getByRole("alert")).toHaveText(
    "Ngày hạn báo cáo phải từ 1 đến 30.",
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the period form still works, a from–to range included", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Kỳ báo cáo", { exact: true }).selectOption("2025S1");
    await page.getByRole("button", { name: "Xem" }).click();
    await expect(page.locator(".subtitle")).toContainText("6 tháng đầu năm 2025");
    await page.getByLabel("Kỳ báo cáo", { exact: true }).selectOption("range");
    await page.getByRole("button", { name: "Xem" }).click();
    await expect(page).toHaveURL(/period=2024Q3\.\.2025Q2/);
    await expect(page.locator(".subtitle")).toContainText("Quý III/2024 – Quý II/2025");
    await page.getByLabel("Từ quý", { exact: true }).selectOption("2025Q1");
    await page.getByRole("button", { name: "Xem" }).click();
    await expect(page).toHaveURL(/period=2025Q1\.\.2025Q2/);
    const rate = onlineRate(S1, "21136");
    await expect(page.locator('tr[data-unit-code="21136"]').getByTestId("figure-online_rate")).toContainText(
      percentVi(rate.value),
    );
  });
});

const PAGES: [string, string][] = [
  ["overview", "/?period=2025Q2"],
  ["units", "/units"],
  ["profile", "/units/21136"],
  ["compare", "/compare?period=2025Q2&unit=21115&unit=21136&unit=21163"],
  ["compare-periods", "/compare?mode=periods&periods=2025Q1&periods=2025Q2&periods=2024"],
  ["admin", "/admin"],
];

test("every dashboard page passes axe and fits 1366 px and a 390 px phone", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    for (const [name, url] of PAGES) {
      await page.goto(url);
      await expect(page.locator("h1")).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await page.waitForLoadState("networkidle");
      if (width === 1366) await expectNoSeriousAxe(page, name);
      await expectNoOverflow(page, `${name} at ${width} px`);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
    }
  }
});
