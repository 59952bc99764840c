import { expect, test, type Page } from "@playwright/test";

// What each role is offered: only the tabs it may open; a page it may not open says which right is
// missing and who has it; the audit trail reads as sentences. Starts signed out, signs in per role.
test.use({ storageState: { cookies: [], origins: [] } });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/$/);
}

const navItems = (page: Page) => page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link");

for (const [email, password, role] of [
  ["reporter@demo.local", "demo-reporter", "Cán bộ xã"],
  ["viewer@demo.local", "demo-viewer", "Người xem"],
  ["analyst@demo.local", "demo-analyst", "Chuyên viên"],
] as const) {
  test(`${email} sees only the tabs the role may use, and /admin explains the missing right`, async ({ page }) => {
    await signIn(page, email, password);
    await expect(navItems(page)).toHaveText([
      "Tổng quan",
      "So sánh",
      "Đơn vị",
      "Nhập dữ liệu",
      "Báo cáo thuyết minh",
      "Xuất báo cáo",
    ]);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/denied\?need=manageTargets$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không có quyền truy cập");
    await expect(page.getByText(`Tài khoản ${role} của bạn không có quyền đặt mục tiêu.`)).toBeVisible();
    await expect(page.getByTestId("denied-who")).toHaveText("Quyền này thuộc vai trò: Quản trị viên.");
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/denied\?need=viewAudit$/);
    await expect(page.getByText(`Tài khoản ${role} của bạn không có quyền xem nhật ký hoạt động.`)).toBeVisible();
  });
}

test("an administrator sees every tab; the audit trail reads as sentences, not JSON", async ({ page }, testInfo) => {
  await signIn(page, "admin@demo.local", "demo-admin");
  await expect(navItems(page)).toHaveText([
    "Tổng quan",
    "So sánh",
    "Đơn vị",
    "Nhập dữ liệu",
    "Báo cáo thuyết minh",
    "Xuất báo cáo",
    "Quản trị",
    "Nhật ký",
  ]);
  await page.goto("/audit?action=user_create");
  const rows = page.locator("tbody tr[data-action=user_create]");
  await expect(rows.first()).toBeVisible();
  const reporter = rows.filter({ hasText: "reporter@demo.local" });
  await expect(reporter.locator("td").nth(1)).toHaveText("Hệ thống (tạo dữ liệu dùng thử)");
  await expect(reporter.locator("td").nth(3)).toHaveText("tài khoản reporter@demo.local");
  await expect(reporter.locator("td").nth(5)).toHaveText(
    "Tạo tài khoản reporter@demo.local, vai trò Cán bộ xã, đơn vị Xã Trà Tân (21136) (tài khoản dùng thử).",
  );
  await page.goto("/audit");
  const table = page.locator("table.auth-table tbody");
  await expect(table.locator("tr").first()).toBeVisible();
  const text = (await table.innerText()).toLowerCase();
  expect(text).not.toContain("{");
  expect(text).not.toContain("bootstrap");
  expect(text).not.toMatch(/\buser:/);
  expect(await table.locator("tr[data-action=sign_in] td:nth-child(6)").first().textContent()).toBe(
    "Đăng nhập thành công.",
  );
  // On a phone: every tab is on screen (they wrap), no page is wider than the screen, and an audit event reads as label: value lines.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/audit");
  for (const link of await navItems(page).all()) {
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const cell = page.locator("tbody tr[data-action=sign_in] td").first();
  expect(await cell.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Thời điểm"');
  // A wide table says it scrolls, and the keyboard can scroll it (a focusable, named region).
  await page.goto("/");
  const region = page.locator('[role="region"]:has([data-testid="home-table"])');
  await expect(region).toHaveAttribute("tabindex", "0");
  expect(await region.getAttribute("aria-label")).toMatch(/\S/);
  // The heat table is laid out once it comes near the screen (content-visibility): its hint shows then.
  await region.scrollIntoViewIfNeeded();
  await expect(page.getByTestId("scroll-hint").first()).toHaveText(
    "↔ Bảng rộng hơn màn hình: kéo ngang (hoặc dùng phím mũi tên) để xem các cột còn lại.",
  );
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath("overview-390.png"), fullPage: true });
  for (const [path, name] of [
    ["/audit", "audit"],
    ["/admin", "admin"],
    ["/admin/users", "admin-users"],
  ] as const) {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(path);
    await page.screenshot({ path: testInfo.outputPath(`${name}-1366.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    await page.screenshot({ path: testInfo.outputPath(`${name}-390.png`), fullPage: true });
  }
});
