import { expect, test, type Page } from "@playwright/test";

// Series across the 1 July 2025 reform, as the province analyst sees them (DVCQ_TODAY = 2026-12-01: the
// last closed quarter is 2026Q3). Xã Cà Đam (21136) received Trà Tân whole and part of Trà Bùi: its
// quarters before the reform are not comparable; Xã Trà Bồng (21115) is the sum of three whole communes.

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("province@demo.local");
  await page.getByLabel("Mật khẩu").fill("demo-province");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
}

test.describe("the province analyst across the reform", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sees Cà Đam's trend from 2024Q1 to 2026Q3, the reform marked and the quarters that are not comparable labelled", async ({
    page,
  }) => {
    await signIn(page);
    // The header names the province's committee, not the district this installation also serves.
    await expect(page.locator(".site-header .org")).toHaveText(/Tỉnh Quảng Ngãi$/i);
    await page.goto("/units/21136?structure=2025-07");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Xã Cà Đam");
    const table = page.getByTestId("profile-trend-table");
    const quarters = await table.locator("thead th").allTextContents(); // the table sits in a closed <details>
    expect(quarters.slice(2)).toEqual([
      "Quý I/2024",
      "Quý II/2024",
      "Quý III/2024",
      "Quý IV/2024",
      "Quý I/2025",
      "Quý II/2025",
      "Quý III/2025",
      "Quý IV/2025",
      "Quý I/2026",
      "Quý II/2026",
      "Quý III/2026",
    ]);
    const notes = page.getByTestId("reform-notes");
    await expect(notes).toHaveText(
      "Quý I/2024, Quý II/2024, Quý III/2024, Quý IV/2024, Quý I/2025, Quý II/2025: không so sánh được, vì ghép từ " +
        "Xã Trà Bùi (một phần), Xã Trà Tân: không tách được phần của từng xã",
    );
    // Before the reform the commune has no figure (not a partial sum); after it, its own.
    const online = table.locator("tbody tr").nth(21); // online_rate: 8th indicator, commune row (3 rows each)
    const cells = (await online.locator("td").allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 6)).toEqual(["–", "–", "–", "–", "–", "–"]);
    expect(cells.slice(6).filter((c) => /^\d+(,\d)?%$/.test(c.replace(/\s/g, ""))).length).toBeGreaterThanOrEqual(3);
    // The reform is marked on the charts (drawn as they come near the screen).
    await page.locator(".mini-chart").first().scrollIntoViewIfNeeded();
    await expect(page.locator("svg text", { hasText: "01/7/2025: sắp xếp ĐVHC" }).first()).toBeVisible();
  });

  test("sees Xã Trà Bồng before the reform as the sum of the three communes that went into it", async ({ page }) => {
    await signIn(page);
    await page.goto("/units/21115?structure=2025-07");
    await expect(page.getByTestId("reform-notes")).toHaveText(
      "Quý I/2024, Quý II/2024, Quý III/2024, Quý IV/2024, Quý I/2025, Quý II/2025: số liệu ghép từ " +
        "Thị trấn Trà Xuân, Xã Trà Thủy, Xã Trà Sơn",
    );
  });
});
