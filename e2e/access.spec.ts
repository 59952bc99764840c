import { expect, test, type Page } from "@playwright/test";

// Access control end to end: anonymous visitors are sent to /login from every page; a reporter sees and
// uploads only their own commune; an analyst approves a quarter, which then refuses imports until unlocked.
// These start signed out (the other specs share the administrator's session).
test.use({ storageState: { cookies: [], origins: [] } });

const PAGES = [
  "/",
  "/units",
  "/units/21136",
  "/compare",
  "/imports",
  "/imports/1",
  "/exports",
  "/exports/print?period=2025Q1",
  "/admin",
  "/audit",
  "/account",
];

const csv = (rows: string[]) => ["Mã xã,Tên xã,Kỳ báo cáo,meetings_held", ...rows].join("\n") + "\n";

async function upload(page: Page, name: string, text: string) {
  await page.goto("/imports");
  // The uploader reacts to a chosen file once hydrated.
  await page.waitForLoadState("networkidle");
  await page
    .getByLabel("Chọn tệp số liệu")
    .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
}

test("an anonymous visitor is sent to the sign-in page from every page", async ({ page }) => {
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login(\?|$)/);
  }
  const api = await page.request.get("/api/indicators?period=2025Q1");
  expect(api.status()).toBe(401);
});

test("a reporter sees only Trà Tân's rows, cannot open another commune, and uploads only their own", async ({
  page,
  baseURL,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("reporter@demo.local");
  await page.getByLabel("Mật khẩu").fill("demo-reporter");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`^${baseURL}/?$`));

  const rows = page.getByTestId("home-table").locator("tbody tr[data-unit-code]");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-unit-code", "21136");
  await expect(page.locator('tr[data-unit-code="21142"]')).toHaveCount(0);

  await page.goto("/units/21142");
  await expect(page).toHaveURL(/\/denied/);
  const api = await page.request.get("/api/indicators?scope=21142&period=2025Q1");
  expect(api.status()).toBe(403);

  // Their own commune: no error, ready to write (left unwritten so the other specs find the demo figures).
  await upload(page, "tra-tan.csv", csv(["21136,Xã Trà Tân,Quý I/2024,12"]));
  await expect(page.getByTestId("preview-status")).toContainText("Không có lỗi");
  await expect(page.getByRole("button", { name: "Ghi dữ liệu" })).toBeEnabled();
  // Another commune's row: an error naming the line and the commune.
  await upload(page, "tra-bui.csv", csv(["21136,Xã Trà Tân,Quý I/2024,12", "21142,Xã Trà Bùi,Quý I/2024,3"]));
  await expect(page.getByTestId("preview-status")).toContainText("lỗi nên chưa thể ghi");
  const error = page.getByTestId("issues-errors").locator("tbody tr").first();
  await expect(error.locator("td").first()).toHaveText("3");
  await expect(error).toContainText("21142");
  await expect(error).toContainText("không thuộc phạm vi");
});

test("an analyst approves a quarter on the commune's profile; imports touching it are then refused until unlocked", async ({
  page,
  browser,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("analyst@demo.local");
  await page.getByLabel("Mật khẩu").fill("demo-analyst");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await page.goto("/units/21136?period=2024Q1");
  const card = page.getByTestId("approval-card");
  const row = card.locator('tr[data-period="2024Q1"]');
  await expect(row.getByTestId("period-status")).toHaveText("Nháp");
  // Buttons a finger can hit (Lighthouse target-size: at least 24 × 24 px; they were 21 px high, unstyled).
  for (const button of await card.getByRole("button").all()) {
    const box = (await button.boundingBox())!;
    expect(box.height, (await button.textContent()) ?? "").toBeGreaterThanOrEqual(24);
    expect(box.width, (await button.textContent()) ?? "").toBeGreaterThanOrEqual(24);
  }
  await row.getByRole("button", { name: "Phê duyệt", exact: true }).click();
  await expect(
    page.getByTestId("approval-card").locator('tr[data-period="2024Q1"]').getByTestId("period-status"),
  ).toHaveText("Đã phê duyệt");

  // The reporter's upload of that quarter is refused, naming the commune and the quarter.
  const reporter = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const rp = await reporter.newPage();
  await rp.goto("/login");
  await rp.getByLabel("Email").fill("reporter@demo.local");
  await rp.getByLabel("Mật khẩu").fill("demo-reporter");
  await rp.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(rp).not.toHaveURL(/\/login/);
  await upload(rp, "tra-tan-q1.csv", csv(["21136,Xã Trà Tân,Quý I/2024,99"]));
  await expect(rp.getByTestId("preview-status")).toContainText("lỗi nên chưa thể ghi");
  const error = rp.getByTestId("issues-errors").locator("tbody tr").first();
  await expect(error.locator("td").first()).toHaveText("2");
  await expect(error).toContainText("đã được phê duyệt và đang khoá");
  await expect(error).toContainText("Xã Trà Tân (21136)");
  await reporter.close();

  // Unlocked again, so the other specs find the demo data as they expect.
  await page
    .getByTestId("approval-card")
    .locator('tr[data-period="2024Q1"]')
    .getByRole("button", { name: "Mở khoá" })
    .click();
  await expect(
    page.getByTestId("approval-card").locator('tr[data-period="2024Q1"]').getByTestId("period-status"),
  ).toHaveText("Nháp");
});
