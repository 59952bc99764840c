import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Trà Tân's 2025Q1 seed report rewritten as its 2025Q2 report (e2e/reports.spec.ts stores the 2025Q1 one itself).
const SEED_Q2 = fs
  .readFileSync(fileURLToPath(new URL("../lib/reports/__fixtures__/seed.txt", import.meta.url)), "utf8")
  .replace("quý I\n và phương hướng nhiệm vụ quý II", "quý II\n và phương hướng nhiệm vụ quý III")
  .replaceAll("quý I năm 2025", "quý II năm 2025")
  .replace("quí I, nhiệm vụ quý II", "quí II, nhiệm vụ quý III");

// The entry form of a commune's quarter (issue 14). DVCQ_TODAY = 2026-12-01: the running quarter is
// 2026Q4, reported in the 2025-07 unit list, where Xã Trà Tân (21136) is part of Xã Cà Đam (21136).
// The demo reporter of Trà Tân (reporter@demo.local) enters Cà Đam's figures; the province analyst
// (province@demo.local) approves or sends back.
test.describe.configure({ mode: "serial" });

const ENTRY = "/units/21136/2026Q4";

async function signedIn(
  browser: Browser,
  email: string,
  password: string,
  viewport?: { width: number; height: number },
) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/$/);
  return page;
}

const field = (page: Page, element: string) => page.locator(`#f-${element}`);

test("the Trà Tân reporter enters the current quarter, the analyst sends it back, then approves; a later edit is locked", async ({
  browser,
  request,
}) => {
  // The stock element's prefill, computed here from Cà Đam's 2026Q3 figures: carried + received − resolved.
  const prev = await request.get("/api/data-values?units=21136&periods=2026Q3");
  expect(prev.status()).toBe(200);
  const rows: { element: string; value: number }[] = (await prev.json()).rows;
  const v = (e: string) => rows.find((r) => r.element === e)!.value;
  const expectedCarried = v("petitions_carried_over") + v("petitions_received") - v("petitions_resolved");

  const reporter = await signedIn(browser, "reporter@demo.local", "demo-reporter");
  // From the reporter's home.
  const home = reporter.getByTestId("reporter-entry");
  await home.getByRole("link", { name: /Nhập số liệu quý hiện tại \(Quý IV\/2026\) — Xã Cà Đam \(21136\)/ }).click();
  await expect(reporter).toHaveURL(new RegExp(`${ENTRY}$`));
  await expect(reporter.getByRole("heading", { level: 1 })).toHaveText("Số liệu Quý IV/2026");
  await expect(reporter.getByTestId("entry-approval")).toHaveAttribute("data-status", "draft");
  await expect(field(reporter, "petitions_carried_over")).toHaveValue(String(expectedCarried));
  await expect(reporter.locator(".entry-row")).toHaveCount(23);

  // Keyboard: Enter moves to the next field in catalogue order.
  await field(reporter, "directive_docs").fill("2");
  await field(reporter, "directive_docs").press("Enter");
  await expect(field(reporter, "propaganda_sessions")).toBeFocused();
  await reporter.keyboard.type("6");
  await reporter.keyboard.press("Tab");
  await expect(field(reporter, "propaganda_participants")).toBeFocused();
  await reporter.keyboard.type("1.234");
  await field(reporter, "meetings_held").fill("1234");
  await field(reporter, "dialogues_held").fill("0");
  await field(reporter, "reception_sessions").fill("12");
  await field(reporter, "procedures_received").fill("180");
  await field(reporter, "procedures_online").fill("190");
  const message = reporter.getByTestId("msg-procedures_online");
  await expect(message).toHaveText(
    "Số hồ sơ tiếp nhận trực tuyến (190) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (180) của Xã Cà Đam (21136), " +
      "Quý IV/2026: kiểm tra lại một trong hai số.",
  );
  await expect(field(reporter, "procedures_online")).toHaveAttribute("aria-invalid", "true");
  await expect(field(reporter, "procedures_received")).toHaveAttribute("aria-invalid", "true");
  // Fixed: the message goes, the indicator shows 151 / 180 = 83,9 %.
  await field(reporter, "procedures_online").fill("151");
  await expect(message).toHaveCount(0);
  await expect(reporter.locator('[data-indicator="online_rate"] strong')).toHaveText("83,9 %");
  await expect(reporter.locator('[data-indicator="meetings"] strong')).toHaveText("1.234");
  await reporter.getByRole("button", { name: "Lưu số liệu", exact: true }).click();
  // 9 values: the 8 typed and the prefilled stock.
  await expect(reporter.getByTestId("entry-status")).toContainText(
    /Đã lưu số liệu \(lần nhập #\d+: 9 mới, 0 thay đổi\)\./,
  );
  await reporter.getByRole("button", { name: "Gửi phê duyệt", exact: true }).click();
  await expect(reporter.getByTestId("entry-approval")).toHaveAttribute("data-status", "submitted");

  // The province analyst sends it back with a comment.
  const analyst = await signedIn(browser, "province@demo.local", "demo-province");
  await analyst.goto(ENTRY);
  await expect(field(analyst, "procedures_online")).toHaveValue("151");
  await expect(field(analyst, "propaganda_participants")).toHaveValue("1234");
  await analyst.getByRole("button", { name: "Trả lại", exact: true }).click();
  await expect(analyst.getByTestId("entry-approval").getByRole("alert")).toHaveText(
    "Hãy ghi nhận xét để xã biết cần sửa gì.",
  );
  await analyst.getByLabel("Nhận xét khi trả lại").fill("Số hồ sơ trực tuyến chưa khớp phần mềm một cửa: 152.");
  await analyst.getByRole("button", { name: "Trả lại", exact: true }).click();
  await expect(analyst.getByTestId("entry-approval")).toHaveAttribute("data-status", "draft");

  // The reporter sees the comment, corrects and resubmits.
  await reporter.reload();
  await expect(reporter.getByTestId("sent-back-comment")).toHaveText(
    "Đã bị trả lại: Số hồ sơ trực tuyến chưa khớp phần mềm một cửa: 152.",
  );
  await field(reporter, "procedures_online").fill("152");
  await expect(reporter.locator('[data-indicator="online_rate"] strong')).toHaveText("84,4 %");
  await reporter.getByRole("button", { name: "Lưu số liệu", exact: true }).click();
  await expect(reporter.getByTestId("entry-status")).toContainText(
    /Đã lưu số liệu \(lần nhập #\d+: 0 mới, 1 thay đổi\)\./,
  );
  await reporter.getByRole("button", { name: "Gửi phê duyệt", exact: true }).click();
  await expect(reporter.getByTestId("entry-approval")).toHaveAttribute("data-status", "submitted");

  // The analyst approves; the quarter is locked.
  await analyst.reload();
  await analyst.getByRole("button", { name: "Phê duyệt", exact: true }).click();
  await expect(analyst.getByTestId("entry-approval")).toHaveAttribute("data-status", "approved");

  await reporter.reload();
  await expect(reporter.getByTestId("locked-notice")).toBeVisible();
  await expect(field(reporter, "procedures_online")).toHaveAttribute("readonly", "");
  await expect(reporter.getByRole("button", { name: "Lưu số liệu", exact: true })).toHaveCount(0);
  // A later edit (the same request the form sends) is refused as locked.
  const refused = await reporter.request.post("/api/entry-form", {
    headers: { origin: new URL(reporter.url()).origin },
    data: {
      unit: "21136",
      period: "2026Q4",
      mode: "save",
      inputs: { procedures_received: "180", procedures_online: "153" },
      base: {},
      baseDraftAt: null,
    },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe("period_locked");

  // The status shows on the overview's completeness card of the province.
  await analyst.goto("/?period=2026Q4");
  await expect(analyst.locator('[data-testid="completeness-approval"] li[data-period="2026Q4"]')).toHaveAttribute(
    "data-approved",
    "1",
  );
  await reporter.context().close();
  await analyst.context().close();
});

test("two browsers edit the same quarter: the second save is told what the first changed", async ({ browser }) => {
  const a = await signedIn(browser, "province@demo.local", "demo-province");
  const b = await signedIn(browser, "admin@demo.local", "demo-admin");
  const url = "/units/21154/2026Q4";
  await a.goto(url);
  await b.goto(url);
  await field(a, "meetings_held").fill("5");
  await a.getByRole("button", { name: "Lưu số liệu", exact: true }).click();
  await expect(a.getByTestId("entry-status")).toContainText("Đã lưu số liệu");
  await field(b, "meetings_held").fill("6");
  await b.getByRole("button", { name: "Lưu số liệu", exact: true }).click();
  await expect(b.getByTestId("entry-status")).toContainText("Người khác đã lưu quý này sau khi anh/chị mở biểu mẫu");
  await expect(b.getByTestId("conflict-detail")).toContainText(
    "Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn): trống → 5",
  );
  await expect(b.getByTestId("conflict-detail")).toContainText("province@demo.local");
  await b.getByRole("button", { name: "Tải lại số mới" }).click();
  await expect(field(b, "meetings_held")).toHaveValue("5");
  await a.context().close();
  await b.context().close();
});

test("on a 390 px phone the form fits the screen, and leaving with an unsaved change asks first", async ({
  browser,
}) => {
  const page = await signedIn(browser, "province@demo.local", "demo-province", { width: 390, height: 844 });
  await page.goto("/units/21157/2026Q4");
  await expect(page.locator(".entry-row")).toHaveCount(23);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await field(page, "meetings_held").boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await field(page, "meetings_held").fill("3");
  let asked = "";
  page.once("dialog", async (d) => {
    asked = d.message();
    await d.dismiss();
  });
  await page.getByRole("link", { name: "Về trang của xã" }).click();
  await expect.poll(() => asked).toBe("Có thay đổi chưa lưu.");
  await expect(page).toHaveURL(/\/units\/21157\/2026Q4$/);
  await page.context().close();
});

test("a viewer reads the form without fields to change or buttons to save", async ({ browser }) => {
  const page = await signedIn(browser, "viewer@demo.local", "demo-viewer");
  await page.goto("/units/21136/2025Q2");
  await expect(page.getByText("Chỉ xem: tài khoản này không nhập số liệu cho xã này.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Lưu số liệu", exact: true })).toHaveCount(0);
  await expect(field(page, "meetings_held")).toHaveAttribute("readonly", "");
  await page.context().close();
});

test("the reporter attaches the quarter's narrative report on the same page, which passes axe", async ({ browser }) => {
  const page = await signedIn(browser, "reporter@demo.local", "demo-reporter");
  await page.goto("/units/21136/2025Q2");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Số liệu Quý II/2025");
  await expect(page.locator(".entry-row")).toHaveCount(23);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  // Neither the commune nor the quarter is asked: they are the page's.
  await expect(page.getByLabel("Mã đơn vị (không bắt buộc)")).toHaveCount(0);
  await page.getByLabel("Tệp báo cáo").setInputFiles({
    name: "bao-cao-tra-tan-quy-2-2025.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(SEED_Q2, "utf8"),
  });
  await page.getByRole("button", { name: "Xem trước" }).click();
  const outcome = page.locator(".report-outcome");
  await expect(outcome.locator("[role=status]")).toContainText("Bản xem trước — chưa lưu");
  await expect(outcome).toContainText("Xã Trà Tân (21136)");
  await expect(outcome).toContainText("2025Q2");
  await page.getByRole("button", { name: "Lưu báo cáo" }).click();
  await expect(outcome.locator("[role=status]")).toContainText(/Đã lưu báo cáo số \d+ \(phiên bản \d+\)/);
  await expect(page.getByTestId("entry-report-current")).toContainText(/Báo cáo hiện có: .+ \(phiên bản \d+, /);
  await page.context().close();
});
