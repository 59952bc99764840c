import { expect, test } from "@playwright/test";

// The present (DVCQ_TODAY = 2026-12-01 in playwright.config.ts): two levels since 1 July 2025, the demo
// reaches the last closed quarter 2026Q3, units are picked by name.

test.describe("the province analyst of the two-level structure", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sees Quảng Ngãi's 96 communes in the last closed quarter, and templates of today's communes", async ({
    page,
    baseURL,
  }) => {
    await page.goto("/login");
    await expect(page.getByText("province@demo.local")).toBeVisible(); // listed on the sign-in page
    await page.getByLabel("Email").fill("province@demo.local");
    await page.getByLabel("Mật khẩu").fill("demo-province");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(new RegExp(`^${baseURL}/?$`));
    await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
    await expect(page.getByLabel("Kỳ báo cáo", { exact: true })).toHaveValue("2026Q3");
    // 96 communes, 50 to a page.
    const rows = page.getByTestId("home-table").locator("tbody tr[data-unit-code]");
    await expect(rows).toHaveCount(50);
    await expect(page.getByText("Trang 1/2")).toBeVisible();
    await page.getByRole("button", { name: "Trang sau →" }).click();
    await expect(rows).toHaveCount(46);
    await expect(page.locator('tr[data-unit-code="21548"]')).toContainText("Đặc khu Lý Sơn");

    await page.goto("/imports");
    const period = page.getByLabel("Kỳ báo cáo của mẫu");
    await expect(period).toHaveValue("2026Q3");
    await expect(period.locator("option")).toHaveCount(12); // 2026Q4 back to 2024Q1
    const csv = await page.request.get("/api/imports/template?format=csv&period=2026Q3");
    expect(csv.status()).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(1 + 96);
    expect(lines.some((l) => l.startsWith("21136,Xã Cà Đam,"))).toBe(true);
    expect(lines.some((l) => /Huyện|Thị trấn/.test(l))).toBe(false); // no district, no pre-reform township
    // The running quarter may be templated; the next one may not.
    expect((await page.request.get("/api/imports/template?format=csv&period=2026Q4")).status()).toBe(200);
    expect((await page.request.get("/api/imports/template?format=csv&period=2027Q1")).status()).toBe(400);
  });
});

test("the unit picker: a combobox with a list box, driven by the keyboard", async ({ page }) => {
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user");
  await form.getByLabel("Danh mục").selectOption("2025-07");
  const box = form.getByRole("combobox", { name: "Đơn vị" });
  await box.fill("ca dam"); // without tone marks
  const list = form.getByRole("listbox", { name: "Đơn vị" });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expect(list.getByRole("option")).toHaveText([/^Xã Cà Đam\s+21136 · Tỉnh Quảng Ngãi$/]);
  await expect(box).toHaveAttribute(
    "aria-activedescendant",
    (await list.getByRole("option").first().getAttribute("id"))!,
  );
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(form.getByTestId("unit-code")).toHaveValue("");

  await box.fill("tra bong");
  await expect(list.getByRole("option")).toHaveText([/^Xã Trà Bồng/, /^Xã Đông Trà Bồng/, /^Xã Tây Trà Bồng/]);
  await box.press("ArrowDown");
  await box.press("ArrowDown");
  await expect(list.getByRole("option", { selected: true })).toHaveText(/^Xã Tây Trà Bồng/);
  await box.press("ArrowUp");
  await box.press("Enter");
  await expect(box).toHaveValue("Xã Đông Trà Bồng");
  await expect(form.getByTestId("unit-code")).toHaveValue("21127");
  await expect(box).toHaveAttribute("aria-expanded", "false");
});

test("the import template's unit is picked by name in the structure of its quarter", async ({ page }) => {
  await page.goto("/imports");
  await page.getByLabel("Kỳ báo cáo của mẫu").selectOption("2026Q3");
  const box = page.getByRole("combobox", { name: /Đơn vị của mẫu/ });
  await box.fill("Cà Đam");
  await page.getByRole("option", { name: /^Xã Cà Đam/ }).click();
  const link = page.getByRole("link", { name: "Tải mẫu CSV" });
  await expect(link).toHaveAttribute("href", "/api/imports/template?format=csv&period=2026Q3&scope=21136");
  const res = await page.request.get((await link.getAttribute("href"))!);
  const lines = (await res.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["21136,Xã Cà Đam"]);
  // Before the reform the same code is Trà Tân, and a district can be picked.
  await page.getByLabel("Kỳ báo cáo của mẫu").selectOption("2025Q2");
  await expect(box).toHaveValue(""); // a unit of the other list is dropped
  await box.fill("huyen tra bong");
  await expect(page.getByRole("option", { name: /^Huyện Trà Bồng/ })).toBeVisible();
  await box.press("Enter");
  await expect(link).toHaveAttribute("href", "/api/imports/template?format=csv&period=2025Q2&scope=525");
});
