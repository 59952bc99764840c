import { expect, test } from "@playwright/test";

// The same file through the API's two upload forms, and what the API answers for bad input.
// These requests carry the administrator's session cookie: a state-changing one must come from the
// app's own origin (the CSRF check), as a browser's would.
test.use({ extraHTTPHeaders: { origin: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` } });
const csv = ["Mã xã,Tên xã,Kỳ báo cáo,meetings_held,dialogues_held", "21133,Xã Trà Lâm,Quý II/2025,99,3"].join("\r\n");
const bad = [
  "commune_code,period,procedures_received,procedures_online",
  "21133,2025Q2,10,11",
  "99999,2025Q2,1,1",
].join("\n");

test("multipart and raw-body previews of one file give the same answer, and write nothing", async ({ request }) => {
  const multipart = await request.post("/api/imports?dryRun=1", {
    multipart: { file: { name: "tra-lam.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } },
  });
  expect(multipart.status()).toBe(200);
  const raw = await request.post("/api/imports?dryRun=1&filename=tra-lam.csv", {
    data: Buffer.from(csv),
    headers: { "content-type": "text/csv" },
  });
  expect(raw.status()).toBe(200);
  const a = await multipart.json();
  const b = await raw.json();
  expect(a).toEqual(b);
  expect(a.status).toBe("preview");
  expect(a.importId).toBeNull();
  expect(a.counts.rows).toBe(1);
  expect(a.counts.values).toBe(2);
  expect(a.changes.find((c: { element: string }) => c.element === "meetings_held")).toMatchObject({
    unitCode: "21133",
    period: "2025Q2",
    newValue: 99,
    line: 2,
  });
  const stored = await (await request.get("/api/data-values?units=21133&periods=2025Q2&elements=meetings_held")).json();
  expect(stored.rows).toHaveLength(1);
  expect(stored.rows[0].value).not.toBe(99);
});

test("a refused upload answers 422 with every error located", async ({ request }) => {
  const res = await request.post("/api/imports?filename=bad.csv", { data: Buffer.from(bad) });
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.status).toBe("rejected");
  expect(body.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
    [2, "procedures_online", "procedures_online_le_received"],
    [3, "commune_code", expect.any(String)],
  ]);
  expect(body.errors[0].message).toBe(
    "Dòng 2: Số hồ sơ tiếp nhận trực tuyến (11) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (10) của Xã Trà " +
      "Lâm (21133), Quý II/2025: kiểm tra lại một trong hai số.",
  );
  const list = await (await request.get("/api/imports?limit=1")).json();
  expect(list.imports[0]).toMatchObject({ id: body.importId, status: "rejected", errorCount: 2, fileName: "bad.csv" });
});

test("an upload declared larger than the limit is refused with 413 before it is read", async ({ request }) => {
  const res = await request.post("/api/imports?filename=huge.csv", { data: Buffer.alloc(51 * 1024 * 1024, 0x31) });
  expect(res.status()).toBe(413);
  expect((await res.json()).error.code).toBe("file_too_large");
});

test("bad parameters get a 400 that says what is accepted", async ({ request }) => {
  const res = await request.get("/api/data-values?periods=2025Q5");
  expect(res.status()).toBe(400);
  expect((await res.json()).error.message).toContain(
    "Tham số periods không hợp lệ: cần kỳ báo cáo dạng quý 2025Q1, 6 tháng 2025S1 hoặc 2025S2, 9 tháng 2025N9",
  );
  expect((await request.get("/api/imports/999999")).status()).toBe(404);
  expect((await request.post("/api/imports/999999/revert")).status()).toBe(404);
});

test("data values come as CSV with a BOM for Excel", async ({ request }) => {
  const res = await request.get(
    "/api/data-values?units=21136&periods=2025Q2&elements=procedures_online,procedures_received&format=csv",
  );
  expect(res.headers()["content-type"]).toContain("text/csv");
  const text = (await res.body()).toString("utf8");
  expect(text.startsWith("\uFEFFunit_code,period,element,value\r\n21136,2025Q2,procedures_received,")).toBe(true);
  expect(text.split("\r\n").filter(Boolean)).toHaveLength(3);
});
