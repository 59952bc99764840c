import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { generateDemoReports } from "../lib/demo/generate";

// The oracle: Trà Tân's figures straight from the demo generator, computed here by hand.
const reports = generateDemoReports();
const latest = reports
  .map((r) => r.period)
  .sort()
  .at(-1)!;
const traTan = reports.find((r) => r.unitCode === "21136" && r.period === latest)!;
const online = (100 * traTan.values.procedures_online) / traTan.values.procedures_received;
const onlineVi = `${(Math.round(online * 10) / 10).toFixed(1).replace(".", ",")} %`;
const onlineEn = `${(Math.round(online * 10) / 10).toFixed(1)}%`;

test("the overview shows the 16 Trà Bồng communes with Trà Tân's computed online rate", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Dân vận chính quyền/);
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
  await expect(page.getByText("UBND Huyện Trà Bồng")).toBeVisible();
  await expect(page.getByText("Quý II/2025").first()).toBeVisible();
  const rows = page.getByTestId("home-table").locator("tbody tr");
  await expect(rows).toHaveCount(16);
  const traTanRow = page.locator('tr[data-unit-code="21136"]');
  await expect(traTanRow.getByRole("rowheader")).toHaveText("Xã Trà Tân");
  await expect(traTanRow.getByTestId("figure-online_rate")).toContainText(onlineVi);
  await expect(traTanRow.getByTestId("figure-online_rate")).toHaveAttribute(
    "title",
    `${traTan.values.procedures_online} / ${traTan.values.procedures_received} = ${onlineVi} (mục tiêu ≥ 80,0 %)`,
  );
  await expect(traTanRow.getByTestId("figure-meetings")).toContainText(String(traTan.values.meetings_held));
  // Trà Bùi did not report this quarter: shown as such, not as zeros.
  await expect(page.locator('tr[data-unit-code="21142"]')).toContainText("Chưa báo cáo");
  // Charts are drawn as they come near the screen.
  await page.locator(".chart-box").first().scrollIntoViewIfNeeded();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("overview-1366.png"), fullPage: true });
});

test("the language switch turns the whole page into English and back", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(
    page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Import" }),
  ).toBeVisible();
  await expect(page.getByText("Q2 2025").first()).toBeVisible();
  await expect(page.locator('tr[data-unit-code="21136"]').getByTestId("figure-online_rate")).toContainText(onlineEn);
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
});

test("every section of the navigation opens, and the pages pass axe", async ({ page }) => {
  for (const [name, heading] of [
    ["So sánh", "So sánh"],
    ["Đơn vị", "Đơn vị"],
    ["Nhập dữ liệu", "Nhập dữ liệu"],
    ["Xuất báo cáo", "Xuất báo cáo"],
    ["Quản trị", "Quản trị"],
    ["Tổng quan", "Tổng quan"],
  ]) {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      `axe on ${name}`,
    ).toEqual([]);
  }
});

test("the units page lists the 16 communes and what they became on 1 July 2025", async ({ page }) => {
  await page.goto("/units");
  const table = page.locator("table.data");
  await expect(table.locator("tbody tr")).toHaveCount(16);
  await expect(table.locator("tr", { hasText: "Xã Trà Bùi" })).toContainText(
    "Xã Cà Đam (21136), Xã Tây Trà Bồng (21157)",
  );
});

test("the overview stays usable at phone width", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await expect(page.locator('tr[data-unit-code="21136"]').getByTestId("figure-online_rate")).toContainText(onlineVi);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath("overview-390.png"), fullPage: true });
});

test("a chart drawn as it comes into view keeps its place: nothing below it jumps while it loads", async ({ page }) => {
  await page.goto("/?period=2025Q2");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // Where the ranking card's "show the data" line sits in the page, every frame from before the chart is
  // drawn until it is: a chart that shrinks to a placeholder while recharts loads moves it (and a click
  // aimed at it lands on something else).
  const summary = page.locator("section.card:has(#ranking-table) details.chart-data > summary");
  await page.evaluate(() => {
    const w = window as unknown as { __tops: number[] };
    w.__tops = [];
    const el = document.querySelector("#ranking-table")!.closest("section")!.querySelector("details > summary")!;
    const tick = () => {
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
      if (w.__tops.at(-1) !== top) w.__tops.push(top);
      if (!document.querySelector("#ranking-title")?.closest("section")?.querySelector(".recharts-bar-rectangle"))
        requestAnimationFrame(tick);
      else w.__tops.push(-1);
    };
    tick();
  });
  await summary.scrollIntoViewIfNeeded();
  const ranking = page.locator("section.card:has(#ranking-table)");
  await expect(ranking.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const tops = await page.evaluate(() => (window as unknown as { __tops: number[] }).__tops);
  // One position, then the end mark once the bars are drawn.
  expect(tops).toHaveLength(2);
  expect(tops[1]).toBe(-1);
});
