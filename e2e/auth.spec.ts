import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// These start signed out: the other specs share the administrator's session (e2e/auth.setup.ts).
test.use({ storageState: { cookies: [], origins: [] } });

test("a signed-out visitor is sent to the sign-in page and back where they were heading", async ({ page }) => {
  await page.goto("/compare");
  await expect(page).toHaveURL(/\/login\?next=%2Fcompare$/);
  await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
  // The demo database lists its demo accounts, flagged as such.
  await expect(page.getByRole("cell", { name: "reporter@demo.local" })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );

  await page.getByLabel("Email").fill("reporter@demo.local");
  await page.getByLabel("Mật khẩu").fill("sai-mat-khau");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText(
    "Email hoặc mật khẩu không đúng. Hãy kiểm tra lại (chú ý chữ hoa, chữ thường).",
  );
  await expect(page.getByLabel("Email")).toHaveValue("reporter@demo.local");

  await page.getByLabel("Mật khẩu").fill("demo-reporter");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/compare$/);
  const menu = page.getByRole("navigation", { name: "Tài khoản đang đăng nhập" });
  await expect(menu).toContainText("Cán bộ xã · Xã Trà Tân");
  await expect(menu).toContainText("Tài khoản dùng thử");
  const cookie = (await page.context().cookies()).find((c) => c.name === "dvcq.session_token");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  await menu.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("first-run setup is closed once an account exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
});

test("the audit trail lists sign-ins with their address, for administrators only", async ({
  page,
  browser,
  request,
}) => {
  // Anonymous and cross-role requests are refused by the server, not by hidden links.
  expect((await request.get("/api/audit")).status()).toBe(401);
  await page.goto("/login");
  await page.getByLabel("Email").fill("viewer@demo.local");
  await page.getByLabel("Mật khẩu").fill("demo-viewer");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Nhật ký" })).toHaveCount(0);
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/denied\?need=viewAudit$/);
  expect((await page.request.get("/api/audit")).status()).toBe(403);

  const admin = await browser.newContext({ storageState: "./data/e2e-auth/admin.json" });
  const adminPage = await admin.newPage();
  await adminPage.goto("/audit?action=sign_in&actor=viewer%40demo.local");
  const rows = adminPage.locator('tr[data-action="sign_in"]');
  await expect(rows.first()).toContainText("viewer@demo.local");
  await expect(rows.first()).toContainText("127.0.0.1");
  const csv = await adminPage.request.get("/api/audit?action=sign_in&actor=viewer%40demo.local");
  expect(csv.status()).toBe(200);
  expect((await csv.text()).startsWith("\uFEFFid,at,actor_user_id,actor_email,action")).toBe(true);
  await admin.close();
});
