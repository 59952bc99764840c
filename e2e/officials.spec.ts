import { expect, test } from "@playwright/test";
import { generateDemoReports } from "../lib/demo/generate";

// Issue 13, figures that must not mislead (incomplete periods, rates above 100 %) and the comparison.
// The oracle: every figure is recomputed here from the demo generator, by hand.
const reports = generateDemoReports();
const COMMUNES = [...new Set(reports.map((r) => r.unitCode))];
const NAMES: Record<string, string> = {
  "21115": "Thị trấn Trà Xuân",
  "21136": "Xã Trà Tân",
  "21142": "Xã Trà Bùi",
  "21163": "Xã Trà Xinh",
};
const ROMAN = ["I", "II", "III", "IV"];
const quarterVi = (q: string) => `Quý ${ROMAN[Number(q.slice(5)) - 1]}/${q.slice(0, 4)}`;

function roundHalfUp1(x: number): number {
  return Math.round(Number((x * 10).toPrecision(12))) / 10;
}
const percentVi = (x: number) => `${roundHalfUp1(x).toFixed(1).replace(".", ",")} %`;
const communesOf = (q: string) => new Set(reports.filter((r) => r.period === q).map((r) => r.unitCode));
function sum(element: string, quarters: string[], unit?: string): number {
  return reports
    .filter((r) => quarters.includes(r.period) && (!unit || r.unitCode === unit))
    .reduce((s, r) => s + r.values[element], 0);
}
const rate = (num: string, den: string, quarters: string[], unit?: string) =>
  (100 * sum(num, quarters, unit)) / sum(den, quarters, unit);

test("an incomplete period says how complete it is, and its figures are marked in cards, tables and charts", async ({
  page,
}) => {
  const S1 = ["2025Q1", "2025Q2"];
  const incomplete = S1.filter((q) => communesOf(q).size < COMMUNES.length);
  expect(incomplete.length).toBeGreaterThan(0);
  await page.goto("/?period=2025S1");
  const note = page.getByTestId("period-completeness");
  await expect(note).toHaveAttribute("data-complete", "false");
  await expect(note).toHaveText(
    "◐ Số liệu 6 tháng đầu năm 2025 chưa đủ: " +
      incomplete.map((q) => `${quarterVi(q)} mới có ${communesOf(q).size}/${COMMUNES.length} xã báo cáo`).join("; ") +
      ". Các con số chỉ gồm các báo cáo đã có.",
  );

  // The district's card: commune-quarters missing.
  const missing = S1.reduce((n, q) => n + COMMUNES.length - communesOf(q).size, 0);
  const kpi = page.getByTestId("kpi-online_rate");
  await expect(kpi.locator('[data-flag="incomplete"]').first()).toBeVisible();
  await expect(kpi).toContainText(`Thiếu ${missing} báo cáo xã/quý`);

  // The table: each commune that missed a quarter has its figures marked, the others not.
  const partial = COMMUNES.filter((c) => S1.some((q) => !communesOf(q).has(c)));
  for (const c of COMMUNES) {
    const cell = page
      .locator(`tr[data-unit-code="${c}"] td`)
      .filter({ has: page.getByTestId("figure-online_rate") })
      .locator('[data-flag="incomplete"]');
    await expect(cell).toHaveCount(partial.includes(c) ? 1 : 0);
  }
  const traBui = page
    .locator('tr[data-unit-code="21142"] td')
    .filter({ has: page.getByTestId("figure-online_rate") })
    .locator('[data-flag="incomplete"]');
  await expect(traBui).toHaveAttribute("title", "Thiếu 1 quý chưa báo cáo đủ");
  await expect(page.getByTestId("flag-legend").first()).toContainText("Chưa đủ số liệu");

  // The ranking chart: the incomplete communes' bars are pale with a dashed outline, and the legend says so.
  const ranking = page.locator("section", { has: page.getByRole("heading", { name: /^Xếp hạng các xã/ }) });
  // Charts are drawn as they come near the screen.
  await ranking.locator(".chart-box").scrollIntoViewIfNeeded();
  await expect(ranking.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(ranking.locator('.recharts-bar-rectangle path[fill-opacity="0.45"]')).toHaveCount(partial.length);
  await expect(ranking.locator('figcaption [data-flag="incomplete"]')).toContainText("cột nhạt, viền đứt");

  // The trend: the quarters not every commune reported are hollow points.
  const shown = [...new Set(reports.map((r) => r.period))].sort();
  const hollow = shown.filter((q) => communesOf(q).size < COMMUNES.length);
  const trend = page.locator("section", { has: page.getByRole("heading", { name: /^Diễn biến qua các quý/ }) });
  await trend.locator(".chart-box").scrollIntoViewIfNeeded();
  await expect(trend.locator(".recharts-line").first()).toBeVisible();
  await expect(trend.locator('circle[data-incomplete="true"]')).toHaveCount(hollow.length);

  // A complete quarter says so.
  const full = shown.find((q) => communesOf(q).size === COMMUNES.length)!;
  await page.goto(`/?period=${full}`);
  await expect(page.getByTestId("period-completeness")).toHaveText(
    `✓ ${COMMUNES.length}/${COMMUNES.length} xã đã báo cáo ${quarterVi(full)}.`,
  );

  // The commune profile: which quarter the commune has not reported, and the district's completeness.
  await page.goto("/units/21142?period=2025S1");
  await expect(page.getByTestId("commune-completeness")).toHaveText(
    `◐ Xã Trà Bùi đã báo cáo ${S1.filter((q) => communesOf(q).has("21142")).length}/2 quý của 6 tháng đầu năm ` +
      `2025; chưa báo cáo: ${S1.filter((q) => !communesOf(q).has("21142"))
        .map(quarterVi)
        .join(", ")}.`,
  );
});

test("a rate above 100 % is flagged with its cause on the overview and in the printed summary", async ({ page }) => {
  const Q = ["2025Q1"];
  const district = rate("voter_requests_answered", "voter_requests_received", Q);
  expect(district).toBeGreaterThan(100);
  await page.goto("/?period=2025Q1");
  const kpi = page.getByTestId("kpi-voter_answer_rate");
  await expect(kpi.getByTestId("figure-voter_answer_rate")).toContainText(percentVi(district));
  await expect(kpi.locator('p[data-flag="over100"]')).toHaveText(
    "⚠ Trên 100 %: gồm trả lời kiến nghị của các quý trước (số đã trả lời tính cả kiến nghị cử tri tiếp nhận từ trước kỳ)",
  );
  // Each commune above 100 % is marked in the table, and only those.
  // A commune that received no request has no rate (–), whatever it answered.
  const over = [...communesOf("2025Q1")].filter(
    (c) =>
      sum("voter_requests_received", Q, c) > 0 &&
      rate("voter_requests_answered", "voter_requests_received", Q, c) > 100,
  );
  for (const c of communesOf("2025Q1")) {
    const flag = page
      .locator(`tr[data-unit-code="${c}"] td`)
      .filter({ has: page.getByTestId("figure-voter_answer_rate") })
      .locator('[data-flag="over100"]');
    await expect(flag).toHaveCount(over.includes(c) ? 1 : 0);
  }
  // The district's row is: its communes' answers include requests received before the quarter.
  await expect(
    page
      .locator("tfoot tr td")
      .filter({ has: page.getByTestId("figure-voter_answer_rate") })
      .locator('[data-flag="over100"]'),
  ).toHaveCount(1);
  await expect(page.getByTestId("flag-legend").last()).toContainText(
    "Tỷ lệ trả lời kiến nghị cử tri trên 100 %: gồm trả lời kiến nghị của các quý trước",
  );

  // The printed summary names where and why.
  await page.goto("/exports/print?period=2025Q1");
  await expect(page.getByTestId("summary-document")).toContainText("Tỷ lệ trả lời kiến nghị cử tri trên 100 % ở ");
  await expect(page.getByTestId("summary-document")).toContainText(
    `Toàn huyện Trà Bồng (${percentVi(district)}): gồm trả lời kiến nghị của các quý trước`,
  );
  await expect(page.getByTestId("summary-table")).toContainText(`${percentVi(district)} ⚠`);
});

test("compare: every commune at once, values and target on the bars, legend in bar order", async ({ page }) => {
  await page.goto("/compare?period=2025Q2");
  await page.getByRole("link", { name: "Chọn tất cả các xã" }).click();
  await expect(page).toHaveURL(/unit=/);
  const legend = page.getByTestId("series-legend").locator("li");
  await expect(legend).toHaveCount(COMMUNES.length);
  const table = page.getByTestId("compare-table");
  const headers = await table.locator("thead th").allTextContents();
  // The table's columns (then the district) and the legend follow the same order, the bars too.
  expect(await legend.allTextContents()).toEqual(headers.slice(1, -1));
  const panel = page.locator('.compare-panel[data-indicator="online_rate"]');
  // Each small chart is drawn as it comes near the screen.
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator(".recharts-bar-rectangle").first()).toBeVisible();
  // One bar per commune with a figure, in the legend's order, each carrying its value as in the table.
  const codes = await table
    .locator("thead th[data-series]")
    .evaluateAll((ths) => ths.map((th) => th.getAttribute("data-series")!).filter((c) => c !== "scope"));
  const expected = codes
    .filter((c) => sum("procedures_received", ["2025Q2"], c) > 0)
    .map((c) => percentVi(rate("procedures_online", "procedures_received", ["2025Q2"], c)));
  await expect(panel.locator(".recharts-bar-rectangle path")).toHaveCount(expected.length);
  expect(
    (await panel.locator(".recharts-label-list text").allTextContents()).map((t) => t.replace(/ ◐| ⚠/g, "")),
  ).toEqual(expected);
  await expect(panel.locator(".recharts-reference-line")).toHaveCount(1);
  await expect(panel.locator("svg text", { hasText: "Mục tiêu 80,0 %" })).toBeVisible();
  // The period's completeness is stated here too.
  const q2 = communesOf("2025Q2").size;
  await expect(page.getByTestId("period-completeness")).toContainText(
    `${q2}/${COMMUNES.length} xã đã báo cáo Quý II/2025`,
  );
});

test("compare: communes ticked right after a period change are kept", async ({ page }) => {
  await page.goto("/compare?period=2025Q2&unit=21115&unit=21136");
  await expect(page.getByTestId("compare-table")).toBeVisible();
  await page.getByLabel("Kỳ báo cáo", { exact: true }).selectOption("2025Q1");
  await page.getByRole("checkbox", { name: NAMES["21163"] }).check();
  await expect(page).toHaveURL(/period=2025Q1/);
  await expect(page).toHaveURL(/unit=21163/);
  await expect(page.getByTestId("compare-table").locator("thead th")).toHaveText([
    "Chỉ tiêu",
    NAMES["21115"],
    NAMES["21136"],
    NAMES["21163"],
    "Huyện Trà Bồng",
  ]);
  for (const c of ["21115", "21136", "21163"])
    await expect(page.getByRole("checkbox", { name: NAMES[c] })).toBeChecked();
  await expect(page.getByRole("heading", { name: "Bảng so sánh các xã, Quý I/2025" })).toBeVisible();
});
