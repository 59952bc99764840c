import { expect, test } from "@playwright/test";

// Account management by the demo administrator (the shared session): create, change the role, deactivate.
test("an administrator creates an account with a role and a unit, changes it and deactivates it; each change is audited", async ({
  page,
}) => {
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Tài khoản" })).toBeVisible();
  const form = page.getByTestId("create-user");
  await form.getByLabel("Email").fill("can-bo-moi@tratan.gov.vn");
  await form.getByLabel("Họ tên").fill("Cán bộ mới");
  await form.getByLabel("Vai trò").selectOption("reporter");
  // The unit is picked by name in the unit list of before 1 July 2025 (Trà Tân no longer exists after it).
  await form.getByLabel("Danh mục").selectOption("2025-06");
  await form.getByRole("combobox", { name: "Đơn vị" }).fill("tra tan");
  await form.getByRole("option", { name: /^Xã Trà Tân/ }).click();
  await expect(form.getByTestId("unit-code")).toHaveValue("21136");
  await form.getByLabel(/Mật khẩu ban đầu/).fill("mat-khau-moi-123");
  await form.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByTestId("users-done")).toContainText("can-bo-moi@tratan.gov.vn");
  const row = page.locator('tr[data-email="can-bo-moi@tratan.gov.vn"]');
  await expect(row).toContainText("Xã Trà Tân");

  await row.getByLabel("Vai trò").selectOption("viewer");
  await row.getByRole("combobox", { name: "Đơn vị" }).fill("Trà Bồng");
  await row.getByRole("option", { name: /^Huyện Trà Bồng/ }).click();
  await expect(row.getByTestId("unit-code")).toHaveValue("525");
  await row.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByTestId("users-done")).toContainText("updated");
  await expect(page.locator('tr[data-email="can-bo-moi@tratan.gov.vn"]')).toContainText("Huyện Trà Bồng");

  await page.locator('tr[data-email="can-bo-moi@tratan.gov.vn"]').getByRole("button", { name: "Khoá" }).click();
  await expect(page.locator('tr[data-email="can-bo-moi@tratan.gov.vn"]')).toContainText("Đã khoá");

  const csv = await page.request.get("/api/audit?target=can-bo-moi%40tratan.gov.vn");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  for (const action of ["user_create", "user_update", "user_deactivate"]) expect(text, action).toContain(action);
});
