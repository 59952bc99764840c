import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Against the second instance of playwright.config.ts: an empty database, no demo data, no account.
const SETUP = `http://127.0.0.1:${Number(process.env.E2E_SETUP_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1)}`;

test.use({ storageState: { cookies: [], origins: [] } });

test("first run: every page leads to creating the administrator, who is then signed in; setup then closes", async ({
  page,
}) => {
  await page.goto(`${SETUP}/units`);
  await expect(page).toHaveURL(`${SETUP}/setup`);
  await expect(page.getByRole("heading", { level: 1, name: "Thiết lập ban đầu" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0); // no demo account listed anywhere
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );

  await page.getByLabel("Họ và tên").fill("Nguyễn Văn An");
  await page.getByLabel("Email").fill("quantri@huyen.gov.vn");
  await page.getByLabel("Mật khẩu (ít nhất 10 ký tự)").fill("mat-khau-quan-tri");
  await page.getByLabel("Nhập lại mật khẩu").fill("mat-khau-khac-nhau");
  await page.getByRole("button", { name: "Tạo tài khoản quản trị" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Hai mật khẩu không giống nhau. Hãy nhập lại.");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Văn An");
  await expect(page.getByLabel("Đơn vị")).toHaveValue(/\d+/);
  await expect(page.getByLabel("Đơn vị").locator("option:checked")).toHaveText("Huyện Trà Bồng (525)");

  await page.getByLabel("Mật khẩu (ít nhất 10 ký tự)").fill("mat-khau-quan-tri");
  await page.getByLabel("Nhập lại mật khẩu").fill("mat-khau-quan-tri");
  await page.getByRole("button", { name: "Tạo tài khoản quản trị" }).click();
  await expect(page).toHaveURL(`${SETUP}/`);
  const menu = page.getByRole("navigation", { name: "Tài khoản đang đăng nhập" });
  await expect(menu).toContainText("Nguyễn Văn An");
  await expect(menu).toContainText("Quản trị viên · Huyện Trà Bồng");
  await expect(menu).not.toContainText("Tài khoản dùng thử");

  await page.goto(`${SETUP}/setup`);
  await expect(page).not.toHaveURL(/\/setup$/);
  // Signed in, /setup leads to /login, which leads home: wait until there, so no redirect is still under way.
  await expect(page).toHaveURL(`${SETUP}/`);
  await page.context().clearCookies();
  await page.goto(`${SETUP}/setup`);
  await expect(page).toHaveURL(`${SETUP}/login`);
  await expect(page.getByRole("table")).toHaveCount(0);
});
