import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import { E2E_TODAY } from "./today";

// A wide CSV with exactly two errors: a decimal count (line 3) and more case files received online
// than received (line 4). Trà Tân's 2025Q2 meetings go to 23; the other two rows, once corrected,
// repeat the stored demo figures (Trà Giang meetings 13, Trà Thủy online 129), so they change nothing.
const FIXTURE = fileURLToPath(new URL("./fixtures/imports-two-errors.csv", import.meta.url));
const WITH_ERRORS = fs.readFileSync(FIXTURE, "utf8");
const FIXED = WITH_ERRORS.replace(",12.5,", ",13,").replace(",148,150", ",148,129");
const NEW_MEETINGS = 23;

const DECIMAL_MESSAGE =
  'Dòng 3, cột Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn), Xã Trà Giang (21118), Quý II/2025: "12.5" ' +
  "không phải số nguyên; số liệu là số đếm, cần một số nguyên không âm, ví dụ 12 hoặc 1.234 (để trống nếu không báo cáo).";
const RULE_MESSAGE =
  "Dòng 4: Số hồ sơ tiếp nhận trực tuyến (150) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (148) của Xã Trà " +
  "Thủy (21121), Quý II/2025: kiểm tra lại một trong hai số.";
const MEETINGS_LABEL = "Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)";

const ELEMENT_LABELS = [
  "Số văn bản chỉ đạo, kế hoạch về công tác dân vận đã ban hành",
  "Số buổi tuyên truyền, phổ biến, quán triệt",
  "Số lượt người tham dự tuyên truyền",
  "Số tin, bài trên hệ thống truyền thanh, trang thông tin điện tử",
  "Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)",
  "Số lượt người tham dự hội nghị, cuộc họp",
  "Số buổi đối thoại với Nhân dân",
  "Số buổi tiếp xúc cử tri",
  'Số mô hình "Dân vận khéo" được công nhận',
  "Số buổi tiếp công dân định kỳ của lãnh đạo",
  "Số lượt công dân được tiếp",
  "Số đơn thư kỳ trước chuyển sang",
  "Số đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận",
  "Số đơn thư đã giải quyết",
  "Số kiến nghị cử tri tiếp nhận",
  "Số kiến nghị cử tri đã trả lời, giải quyết",
  "Số hồ sơ thủ tục hành chính tiếp nhận",
  "Số hồ sơ tiếp nhận trực tuyến",
  "Số hồ sơ đã giải quyết",
  "Số hồ sơ giải quyết đúng hạn",
  "Số hồ sơ thanh toán trực tuyến",
  "Số hồ sơ được số hóa",
  "Số cuộc giám sát, phản biện phối hợp với MTTQ và đoàn thể",
];
const csvCell = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const CSV_HEADER = ["Mã xã", "Tên xã", "Kỳ báo cáo", ...ELEMENT_LABELS].map(csvCell).join(",");

/** The meetings figure Trà Tân shows on the overview (the leading number of the cell). */
async function traTanMeetings(page: Page): Promise<number> {
  await page.goto("/");
  const text = await page.locator('tr[data-unit-code="21136"] [data-testid="figure-meetings"]').textContent();
  return Number(/^\s*(\d+)/.exec(text ?? "")?.[1]);
}

async function uploadWithErrors(page: Page) {
  await page.goto("/imports");
  await page.getByLabel("Chọn tệp số liệu").setInputFiles(FIXTURE);
  await expect(page.getByTestId("preview-status")).toContainText("Tệp có 2 lỗi nên chưa thể ghi");
}

test("a file picked before the page finished loading is still checked", async ({ page }) => {
  // Hold the page's scripts back so the file is chosen before React takes over the input.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/imports", { waitUntil: "commit" });
  await page.getByLabel("Chọn tệp số liệu").setInputFiles(FIXTURE);
  expect(
    await page.evaluate(() => "__next_f" in window && !!document.querySelector("[data-testid=preview-status]")),
  ).toBe(false);
  release();
  await expect(page.getByTestId("preview-status")).toContainText("Tệp có 2 lỗi nên chưa thể ghi");
});

test("an upload with two errors is refused line by line, fixed, committed, shown on the overview and reverted", async ({
  page,
}, testInfo) => {
  const original = await traTanMeetings(page);
  expect(original).toBeGreaterThan(0);
  expect(original).not.toBe(NEW_MEETINGS);

  await uploadWithErrors(page);
  const counts = page.getByTestId("preview-counts");
  await expect(counts.locator("div", { hasText: "Lỗi" }).locator("dd")).toHaveText("2");
  await expect(counts.locator("div", { hasText: "Dòng đọc được" }).locator("dd")).toHaveText("3");
  await expect(page.getByTestId("preview-detected")).toContainText("bảng ngang");
  await expect(page.getByTestId("preview-detected")).toContainText("UTF-8");
  await expect(page.getByRole("button", { name: "Ghi dữ liệu" })).toBeDisabled();

  const errors = page.getByTestId("issues-errors");
  const rows = errors.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator("td")).toHaveText(["3", MEETINGS_LABEL, "12.5", DECIMAL_MESSAGE]);
  await expect(rows.nth(1).locator("td")).toHaveText(["4", "Số hồ sơ tiếp nhận trực tuyến", "150", RULE_MESSAGE]);

  // Filters: by kind, then by text (without diacritics).
  await errors.getByLabel("Loại").selectOption({ label: "Không phải số nguyên (1)" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-code", "value_decimal");
  await errors.getByLabel("Loại").selectOption("");
  await errors.getByLabel("Tìm trong danh sách").fill("lon hon so ho so thu tuc");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-code", "procedures_online_le_received");
  await errors.getByLabel("Tìm trong danh sách").fill("");
  await expect(rows).toHaveCount(2);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    errors.getByRole("button", { name: "Tải danh sách lỗi (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("loi-imports-two-errors.csv");
  const csv = fs.readFileSync(await download.path(), "utf8");
  expect(csv).toBe(
    "\uFEFFline,column,value,message\r\n" +
      `3,meetings_held,12.5,"${DECIMAL_MESSAGE.replace(/"/g, '""')}"\r\n` +
      `4,procedures_online,150,"${RULE_MESSAGE}"\r\n`,
  );

  // The corrected file, chosen again under the same name.
  await page
    .getByLabel("Chọn tệp số liệu")
    .setInputFiles({ name: "imports-two-errors.csv", mimeType: "text/csv", buffer: Buffer.from(FIXED, "utf8") });
  await expect(page.getByTestId("preview-status")).toContainText("Không có lỗi");
  await expect(page.getByTestId("issues-errors")).toHaveCount(0);
  await expect(counts.locator("div", { hasText: "Lỗi" }).locator("dd")).toHaveText("0");
  await expect(counts.locator("div", { hasText: "Thay đổi" }).locator("dd")).toHaveText("1");
  await expect(counts.locator("div", { hasText: "Giữ nguyên" }).locator("dd")).toHaveText("3");
  const changes = page.getByTestId("changes-table").locator("tbody tr");
  await expect(changes).toHaveCount(1);
  const cells = changes.first().locator("td");
  await expect(cells).toHaveCount(5);
  await expect(cells.nth(0)).toHaveText("2");
  await expect(cells.nth(1)).toContainText("21136 Xã Trà Tân");
  await expect(cells.nth(2)).toHaveText("Quý II/2025");
  await expect(cells.nth(3)).toHaveText(MEETINGS_LABEL);
  await expect(cells.nth(4)).toHaveText(`${original} → ${NEW_MEETINGS}`);

  // Overwriting a stored figure is asked first, naming the commune and quarter; "No" changes nothing.
  await page.getByRole("button", { name: "Ghi dữ liệu" }).click();
  const overwrite = page.getByRole("dialog", { name: "Ghi đè 1 số liệu đã có?" });
  await expect(overwrite).toBeVisible();
  await expect(overwrite.locator("li")).toHaveText(["Xã Trà Tân (21136), Quý II/2025: 1 số liệu"]);
  await page.screenshot({ path: testInfo.outputPath("overwrite-dialog.png") });
  await overwrite.getByRole("button", { name: "Không, xem lại" }).click();
  await expect(overwrite).toBeHidden();
  await expect(page.getByTestId("preview-status")).toContainText("Không có lỗi");
  await page.getByRole("button", { name: "Ghi dữ liệu" }).click();
  await overwrite.getByRole("button", { name: "Ghi đè và ghi dữ liệu" }).click();
  const result = page.getByTestId("commit-result");
  await expect(result).toContainText(/Đã ghi dữ liệu: lần nhập số \d+, gồm 0 số liệu mới và 1 số liệu thay đổi\./);
  const importId = Number(/lần nhập số (\d+)/.exec((await result.textContent()) ?? "")?.[1]);
  // After the commit the page speaks in the past tense.
  await expect(page.getByRole("heading", { level: 2, name: "Đã ghi: imports-two-errors.csv" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Các số liệu đã thay đổi" })).toBeVisible();
  const historyRow = page.locator(`tr[data-import-id="${importId}"]`);
  await expect(historyRow).toContainText("Đã ghi");
  await expect(historyRow).toContainText("imports-two-errors.csv");
  await expect(historyRow).toContainText("Trang web");

  await page.getByRole("link", { name: "Xem trang Tổng quan" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('tr[data-unit-code="21136"] [data-testid="figure-meetings"]')).toHaveText(
    new RegExp(`^${NEW_MEETINGS}\\b`),
  );

  // The detail page lists the value it changed.
  await page.goto(`/imports/${importId}`);
  await expect(page.getByRole("heading", { level: 1, name: `Lần nhập số ${importId}` })).toBeVisible();
  await expect(page.getByTestId("detail-changes").locator("tbody tr")).toHaveCount(1);
  await expect(
    page.getByTestId("detail-changes").locator('tr[data-unit-code="21136"][data-element="meetings_held"]'),
  ).toContainText(`${original} → ${NEW_MEETINGS}`);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
    "axe on the detail page",
  ).toEqual([]);
  await page.getByRole("link", { name: /Quay lại trang Nhập dữ liệu/ }).click();

  // Revert from the history table: the dialog says what will happen; then the original figure is back.
  await historyRow.getByRole("button", { name: `Hoàn tác lần nhập số ${importId}` }).click();
  const dialog = page.getByRole("dialog", { name: `Hoàn tác lần nhập số ${importId}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("1 số liệu mà lần nhập này đã sửa sẽ trở về giá trị trước đó.");
  await dialog.getByRole("button", { name: "Hoàn tác lần nhập này" }).click();
  await expect(page.getByTestId("revert-status")).toContainText(
    new RegExp(
      `Đã hoàn tác lần nhập số ${importId}: 1 số liệu trở về giá trị cũ, 0 số liệu được xoá \\(ghi thành lần nhập số \\d+\\)\\.`,
    ),
  );
  await expect(historyRow).toContainText("Đã hoàn tác");
  await expect(historyRow.getByRole("button")).toHaveCount(0);
  expect(await traTanMeetings(page)).toBe(original);

  // A second revert of the same import is refused with the server's words.
  // (from the app's own origin, as the page would send it: cookie-authenticated writes are CSRF-checked)
  const again = await page.request.post(`/api/imports/${importId}/revert?source=web`, {
    headers: { origin: new URL(page.url()).origin },
  });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe("import_not_revertible");
});

test("warnings are summed up above the changes and name the commune, quarter and figure", async ({
  page,
}, testInfo) => {
  // Trà Giang, 2024Q3 and 2024Q4 (preview only): 1 carried over + 6 received − 4 resolved leaves 3, not 5;
  // 9 999 meetings is far above any commune's usual count.
  const csv = [
    "Mã xã,Tên xã,Kỳ báo cáo,petitions_carried_over,petitions_received,petitions_resolved,meetings_held",
    "21118,Xã Trà Giang,Quý III/2024,1,6,4,",
    "21118,Xã Trà Giang,Quý IV/2024,5,,,9999",
  ].join("\n");
  await page.goto("/imports");
  await page
    .getByLabel("Chọn tệp số liệu")
    .setInputFiles({ name: "canh-bao.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByTestId("preview-status")).toContainText("Không có lỗi");
  const summary = page.getByTestId("warning-summary");
  await expect(summary).toContainText("(không ngăn việc ghi)");
  await expect(summary.locator("li", { hasText: "Số liệu bất thường" })).toHaveText("Số liệu bất thường: 1");
  await expect(summary.locator("li", { hasText: "Đơn thư chuyển sang không khớp quý trước" })).toBeVisible();
  // The summary comes before the table of changes, the full list after it.
  const order = await page.evaluate(() =>
    ["warning-summary", "changes-table", "issues-warnings"].map(
      (id) => document.querySelector(`[data-testid=${id}]`)!.getBoundingClientRect().top,
    ),
  );
  expect(order[0]).toBeLessThan(order[1]);
  expect(order[1]).toBeLessThan(order[2]);
  const rows = page.getByTestId("issues-warnings").locator("tbody tr");
  const carried = rows
    .filter({ has: page.locator("td", { hasText: /^3$/ }) })
    .and(page.locator('[data-code="carried_over_mismatch"]'));
  await expect(carried.locator("td")).toHaveText([
    "3",
    "Số đơn thư kỳ trước chuyển sang",
    "5",
    "Dòng 3: Số đơn thư kỳ trước chuyển sang của Xã Trà Giang (21118), Quý IV/2024 là 5, nhưng theo số liệu Quý " +
      "III/2024 phải là 3 (1 chuyển sang + 6 tiếp nhận − 4 đã giải quyết): kiểm tra lại số này hoặc số liệu Quý III/2024.",
  ]);
  const unusual = rows.and(page.locator('[data-code="unusual_value"]'));
  await expect(unusual.locator("td").nth(1)).toHaveText(MEETINGS_LABEL);
  await expect(unusual.locator("td").nth(3)).toContainText(
    "Dòng 3: Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn) của Xã Trà Giang (21118), Quý IV/2024 là 9.999, lớn hơn 3 lần trung vị",
  );
  await page.screenshot({ path: testInfo.outputPath("warnings-1366.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("warnings-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  await summary.getByRole("link", { name: "Xem danh sách cảnh báo" }).click();
  await expect(page).toHaveURL(/#import-warnings$/);
});

test("the templates download with the catalogue header, one row per commune", async ({ page, request }) => {
  const csv = await request.get("/api/imports/template?format=csv&period=2025Q2");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toContain('filename="mau-nhap-so-lieu-2025Q2.csv"');
  const text = (await csv.body()).toString("utf8");
  const lines = text.split("\r\n");
  expect(lines[0]).toBe("\uFEFF" + CSV_HEADER);
  expect(lines.length).toBe(1 + 16 + 1);
  expect(lines[1]).toBe("21115,Thị trấn Trà Xuân,Quý II/2025" + ",".repeat(23));
  expect(lines).toContain("21136,Xã Trà Tân,Quý II/2025" + ",".repeat(23));

  const xlsx = await request.get("/api/imports/template?format=xlsx&period=2025Q2");
  expect(xlsx.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  const bytes = await xlsx.body();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.worksheets[0];
  expect(ws.getCell("A1").value).toBe("BIỂU NHẬP SỐ LIỆU CÔNG TÁC DÂN VẬN CHÍNH QUYỀN – Quý II/2025");
  expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(["Mã xã", "Tên xã", "Kỳ báo cáo", ...ELEMENT_LABELS]);
  expect([ws.getCell("A3").value, ws.getCell("B3").value, ws.getCell("C3").value]).toEqual([
    "21115",
    "Thị trấn Trà Xuân",
    "Quý II/2025",
  ]);
  expect(ws.rowCount).toBe(2 + 16);

  expect((await request.get("/api/imports/template?format=pdf")).status()).toBe(400);
  expect((await request.get("/api/imports/template?format=csv&period=2999Q1")).status()).toBe(400);

  // The page's links default to the last closed quarter of the pinned date (DVCQ_TODAY = E2E_TODAY, 2026-12-01).
  expect(E2E_TODAY).toBe("2026-12-01");
  const previous = "2026Q3";
  await page.goto("/imports");
  await expect(page.getByRole("link", { name: "Tải mẫu CSV" })).toHaveAttribute(
    "href",
    `/api/imports/template?format=csv&period=${previous}`,
  );
  await expect(page.getByRole("link", { name: "Tải mẫu Excel" })).toHaveAttribute(
    "href",
    `/api/imports/template?format=xlsx&period=${previous}`,
  );
  await page.getByLabel("Kỳ báo cáo của mẫu").selectOption({ label: "Quý II/2025" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải mẫu CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("mau-nhap-so-lieu-2025Q2.csv");
  expect(fs.readFileSync(await download.path(), "utf8").split("\r\n")[0]).toBe("\uFEFF" + CSV_HEADER);
});

test("a dropped file is previewed, in English when chosen", async ({ page, context }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: "http://127.0.0.1" }]);
  await page.goto("/imports");
  await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.csv", { type: "text/csv" }));
    return dt;
  }, WITH_ERRORS);
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer });
  await expect(page.getByTestId("preview-status")).toContainText("The file has 2 errors and cannot be committed");
  await expect(page.getByTestId("issues-errors").locator("tbody tr").nth(1).locator("td").nth(3)).toHaveText(
    "Line 4: Case files received online (150) is greater than administrative case files received (148) for Xã " +
      "Trà Thủy (21121), Q2 2025: check one of the two figures.",
  );
  await expect(page.getByRole("button", { name: "Commit" })).toBeDisabled();
});

test("the import page passes axe and fits a phone, with a preview on screen", async ({ page }, testInfo) => {
  await page.goto("/imports");
  await expect(page.getByRole("heading", { level: 1, name: "Nhập dữ liệu" })).toBeVisible();
  await expect(page.getByTestId("history-table").locator("tbody tr").first()).toBeVisible();
  const axe = async (what: string) => {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      what,
    ).toEqual([]);
  };
  await axe("empty page");
  await page.getByLabel("Chọn tệp số liệu").setInputFiles(FIXTURE);
  await expect(page.getByTestId("issues-errors")).toBeVisible();
  await axe("with the error preview");
  await page.screenshot({ path: testInfo.outputPath("imports-1366.png"), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/imports");
  await page
    .getByLabel("Chọn tệp số liệu")
    .setInputFiles({ name: "fixed.csv", mimeType: "text/csv", buffer: Buffer.from(FIXED, "utf8") });
  await expect(page.getByTestId("changes-table")).toBeVisible();
  await page.getByLabel("Chọn tệp số liệu").setInputFiles(FIXTURE);
  await expect(page.getByTestId("issues-errors")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await axe("at phone width");
  await page.screenshot({ path: testInfo.outputPath("imports-390.png"), fullPage: true });

  // The revert dialog, opened and dismissed without changing anything.
  const firstRevert = page
    .getByTestId("history-table")
    .getByRole("button", { name: /^Hoàn tác lần nhập số \d+$/ })
    .first();
  await firstRevert.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await axe("with the revert dialog open");
  await page.screenshot({ path: testInfo.outputPath("imports-dialog-390.png") });
  await page.getByRole("button", { name: "Không, giữ nguyên" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("upload progress is shown, and failures are explained in words", async ({ page }, testInfo) => {
  await page.goto("/imports");
  const input = page.getByLabel("Chọn tệp số liệu");

  // A slow connection: the progress bar and its percentage show while the file is sent.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 64 * 1024,
  });
  const padded = WITH_ERRORS + "\r\n".repeat(150_000); // blank lines are skipped by the importer
  await input.setInputFiles({ name: "cham.csv", mimeType: "text/csv", buffer: Buffer.from(padded, "utf8") });
  const status = page.getByTestId("upload-status");
  await expect(status.locator("progress")).toBeVisible();
  await expect(status).toContainText(/Đang tải lên cham\.csv: \d+ %/);
  await expect(page.getByTestId("preview-status")).toContainText("Tệp có 2 lỗi", { timeout: 30_000 });
  await expect(status.locator("progress")).toHaveCount(0);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  // Past the size limit (50 MB by default): the server's own message.
  const big = testInfo.outputPath("qua-lon.csv");
  fs.writeFileSync(big, Buffer.alloc(50 * 1024 * 1024 + 200 * 1024, 0x20));
  await input.setInputFiles(big);
  await expect(page.getByTestId("upload-error")).toHaveText(
    "Tệp quá lớn: Tệp lớn hơn giới hạn 50 MB. Hãy chia tệp thành nhiều tệp nhỏ hơn (ví dụ theo quý hoặc theo xã) rồi tải lên lần lượt.",
    { timeout: 30_000 },
  );
  fs.rmSync(big);

  // Another error answer from the server, and a lost connection.
  await page.route("**/api/imports?*", (route) =>
    route.fulfill({
      status: 409,
      json: {
        error: { code: "no_scope", message: "Chưa có đơn vị theo dõi 525 trong danh mục.", messageEn: "No unit 525." },
      },
    }),
  );
  await input.setInputFiles(FIXTURE);
  await expect(page.getByTestId("upload-error")).toHaveText(
    "Máy chủ báo lỗi: Chưa có đơn vị theo dõi 525 trong danh mục.",
  );
  await page.unroute("**/api/imports?*");
  await page.route("**/api/imports?*", (route) => route.abort("connectionreset"));
  await input.setInputFiles(FIXTURE);
  await expect(page.getByTestId("upload-error")).toContainText("Không gửi được tệp: mất kết nối tới máy chủ.");
  await page.unroute("**/api/imports?*");
});
