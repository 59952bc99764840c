import { expect, test } from "@playwright/test";

// What a newcomer's browser asks for before signing in: robots.txt and the icon are served, not
// redirected to the sign-in page.
test.use({ storageState: { cookies: [], origins: [] } });

test("robots.txt and the icon are served without a session", async ({ page, request }) => {
  const robots = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  expect((await robots.text()).trim()).toBe("User-Agent: *\nAllow: /\nDisallow: /api/");
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!, { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test("the sign-in page fits a phone: the demo accounts read as cards, nothing wider than the screen", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/login");
  await expect(page.getByText("reporter@demo.local", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const email = page.locator(".demo-table td[data-label]").first();
  expect(await email.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Email"');
  await page.screenshot({ path: testInfo.outputPath("login-390.png"), fullPage: true });
});
