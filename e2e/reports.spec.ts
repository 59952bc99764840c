// Narrative reports end to end: the reporter of Trà Tân uploads the seed as a Word file, sees the preview
// (commune, quarter, items with their topics) and stores it; the district analyst reads "tiếp dân"
// across communes, searches without diacritics and opens the reader with its recycled passages marked.
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

const SEED_DOCX = fileURLToPath(new URL("../lib/reports/__fixtures__/seed.docx", import.meta.url));

test.use({ storageState: { cookies: [], origins: [] } });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test("the reporter uploads the seed .docx: preview first, then store", async ({ page }) => {
  await signIn(page, "reporter@demo.local", "demo-reporter");
  await page.getByRole("navigation", { name: /./ }).getByRole("link", { name: "Báo cáo thuyết minh" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Báo cáo thuyết minh" })).toBeVisible();
  // A reporter's grid holds its own commune only.
  await expect(page.locator("table.report-grid tbody tr")).toHaveCount(1);

  await page.getByLabel("Tệp báo cáo").setInputFiles(SEED_DOCX);
  await page.getByRole("button", { name: "Xem trước" }).click();
  const status = page.locator(".report-outcome [role=status]");
  await expect(status).toContainText("Bản xem trước — chưa lưu");
  const preview = page.locator(".report-outcome");
  await expect(preview).toContainText("Xã Trà Tân (21136)");
  await expect(preview).toContainText("2025Q1");
  await expect(preview.locator("tbody tr")).toHaveCount(15);
  await expect(preview.locator("tbody tr").nth(5)).toContainText("Tiếp công dân, đơn thư");
  await expect(preview).toContainText("Kế hoạch 44/KH-UBND");

  await page.getByRole("button", { name: "Lưu báo cáo" }).click();
  await expect(status).toContainText(/Đã lưu báo cáo số \d+ \(phiên bản 2\)/);
  await page.getByRole("link", { name: "Mở báo cáo" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xã Trà Tân — Quý I/2025");
  // The demo's version 1 (the seed as text) stays in history.
  await expect(page.locator("section[aria-labelledby=versions-title] li")).toHaveCount(2);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("the analyst reads tiếp dân across communes, searches without diacritics, sees recycled passages", async ({
  page,
}) => {
  await signIn(page, "analyst@demo.local", "demo-analyst");
  await page.goto("/reports/topics?topic=reception&period=2025Q1&part=results");
  await expect(page.getByRole("heading", { level: 2 })).toContainText("Tiếp công dân, đơn thư — Quý I/2025");
  const columns = page.locator(".topic-columns > section");
  expect(await columns.count()).toBeGreaterThanOrEqual(15);
  await expect(columns.filter({ hasText: "Xã Trà Tân" })).toContainText(
    "Công tác tiếp dân, giải quyết đơn thư khiếu nại, tố cáo",
  );
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.goto("/reports/search");
  await page.getByLabel(/Từ khoá/).fill('"tiep cong dan"');
  await page.getByRole("button", { name: "Tìm" }).click();
  const hits = page.locator(".search-hits li");
  await expect(hits.first()).toBeVisible();
  // Every word of the phrase is highlighted where it stands ("Công tác" too); "tiếp" is among them.
  await expect(hits.locator("mark", { hasText: /^tiếp$/i }).first()).toBeVisible();
  await expect(hits.filter({ hasText: "Xã Trà Tân" }).first()).toBeVisible();

  await hits
    .filter({ hasText: "Xã Trà Tân" })
    .filter({ hasText: "Quý I/2025" })
    .first()
    .getByRole("link")
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xã Trà Tân — Quý I/2025");
  const ii2 = page.locator("#item-II-2");
  await expect(ii2.locator("mark.recycled")).not.toHaveCount(0);
  await expect(ii2).toContainText(/Lặp lại (9\d|100)% từ mục I\.2 của chính báo cáo này/);
  await expect(page.locator("#item-II-3")).toContainText("từ mục I.3 của chính báo cáo này");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
