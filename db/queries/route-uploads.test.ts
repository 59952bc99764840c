/**
 * Uploads through POST /api/imports: an empty file is named empty (422 file_empty), not "no file"; a
 * huge bad file gets a small answer (200,000 unknown columns named up to 20; at most 1,000 problems
 * listed, `error.details` counting them all). Same harness as route-probes.test.ts.
 */
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { describeEachEngine, tablesChecksum } from "../test-utils";
import { testAccount } from "../test-auth";
import { loadDemoData } from "../bootstrap";

const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({
  getDb: async () => routeDb.db,
  getReadDb: async () => routeDb.db,
  getDatabase: async () => ({ db: routeDb.db }),
}));

const BASE = "http://localhost";
/** A streamed body needs `duplex: "half"` (undici), which the init type does not list. */
type NextRequestInit = NonNullable<ConstructorParameters<typeof NextRequest>[1]>;

/**
 * A multipart body of `fileBytes` bytes of file content, streamed in 64 KB chunks without a
 * content-length (as a chunked request arrives); `pulled()` says how many bytes the reader asked for.
 */
function chunkedMultipart(fileBytes: number, fileName: string) {
  const boundary = "----dvcq-chunked-test";
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  let file = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let next: Uint8Array;
      if (sent === 0) next = head;
      else if (file < fileBytes) {
        next = chunk.subarray(0, Math.min(chunk.length, fileBytes - file));
        file += next.length;
      } else if (file === fileBytes) {
        next = tail;
        file++;
      } else return controller.close();
      sent += next.length;
      controller.enqueue(next);
    },
  });
  return { stream, contentType: `multipart/form-data; boundary=${boundary}`, pulled: () => sent };
}

describeEachEngine("route handlers: uploads", (get) => {
  let headers: Record<string, string>;
  const post = async (query: string, init: { body?: BodyInit; contentType?: string }) => {
    const { POST } = await import("@/app/api/imports/route");
    const h: Record<string, string> = { ...headers };
    if (init.contentType) h["content-type"] = init.contentType;
    return POST(new NextRequest(`${BASE}/api/imports${query}`, { method: "POST", headers: h, body: init.body }));
  };

  beforeAll(async () => {
    const { db } = get();
    routeDb.db = db;
    await loadDemoData(db);
    headers = (await testAccount(db, { role: "admin", unitCode: "525" })).headers;
  });
  beforeEach(() => {
    routeDb.db = get().db;
  });

  it("refuses a chunked multipart body (no content-length) past the limit with 413, without reading it all", async () => {
    vi.stubEnv("IMPORT_MAX_BYTES", "1000000");
    try {
      const before = await tablesChecksum(get(), ["imports", "data_values"]);
      const body = chunkedMultipart(20_000_000, "lon.csv");
      const { POST } = await import("@/app/api/imports/route");
      const req = new NextRequest(`${BASE}/api/imports?dryRun=0`, {
        method: "POST",
        headers: { ...headers, "content-type": body.contentType },
        body: body.stream,
        duplex: "half",
      } as NextRequestInit);
      expect(req.headers.get("content-length")).toBeNull();
      const res = await POST(req);
      expect(res.status).toBe(413);
      expect((await res.json()).error).toEqual({
        code: "file_too_large",
        message:
          "Tệp lớn hơn giới hạn 1 MB. Hãy chia tệp thành nhiều tệp nhỏ hơn (ví dụ theo quý hoặc theo xã) rồi tải lên lần lượt.",
        messageEn:
          "The file is larger than the 1 MB limit. Split it into smaller files (e.g. by quarter or commune) and upload them one by one.",
      });
      // Read up to the limit (1 MB + 64 KB of multipart slack) and a chunk or two more, not the 20 MB.
      expect(body.pulled()).toBeGreaterThan(1_000_000);
      expect(body.pulled()).toBeLessThan(1_000_000 + 64 * 1024 + 4 * 64 * 1024);
      expect(await tablesChecksum(get(), ["imports", "data_values"])).toBe(before);

      // A chunked body within the limit is read and parsed as before.
      const small = chunkedMultipart(0, "rong.csv");
      const ok = await POST(
        new NextRequest(`${BASE}/api/imports?dryRun=1`, {
          method: "POST",
          headers: { ...headers, "content-type": small.contentType },
          body: small.stream,
          duplex: "half",
        } as NextRequestInit),
      );
      expect([ok.status, (await ok.json()).error.code]).toEqual([422, "file_empty"]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses a chunked JSON body past its limit with 413 too_large before parsing, and still answers the next request", async () => {
    const before = await tablesChecksum(get(), ["imports", "data_values", "entry_drafts", "period_approvals"]);
    let sent = 0;
    const piece = new TextEncoder().encode(`"${"x".repeat(64 * 1024 - 2)}",`);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"inputs":['));
        if (sent > 50_000_000) return controller.close();
        sent += piece.length;
        controller.enqueue(piece);
      },
    });
    const { POST } = await import("@/app/api/entry-form/route");
    const req = new NextRequest(`${BASE}/api/entry-form`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as NextRequestInit);
    expect(req.headers.get("content-length")).toBeNull();
    const res = await POST(req);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toEqual({
      code: "too_large",
      message:
        "Nội dung gửi lên lớn hơn giới hạn 1 MB, chưa đọc hết và chưa ghi gì. Một biểu mẫu chỉ cần vài kilobyte: " +
        "hãy kiểm tra lại dữ liệu gửi đi.",
      messageEn:
        "The request body is larger than the 1 MB limit; it was not read and nothing was written. A form needs a " +
        "few kilobytes: check what is being sent.",
    });
    expect(sent).toBeLessThan(1024 * 1024 + 4 * 64 * 1024); // read up to the limit, not the 50 MB
    expect(await tablesChecksum(get(), ["imports", "data_values", "entry_drafts", "period_approvals"])).toBe(before);
    // The next request is answered as before: malformed JSON is a 400 of the one error shape.
    const bad = await POST(
      new NextRequest(`${BASE}/api/entry-form`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: "{not json",
      }),
    );
    expect([bad.status, (await bad.json()).error.code]).toEqual([400, "bad_request"]);
  });

  it("refuses a chunked report upload past REPORT_MAX_BYTES with 413, without reading it all", async () => {
    vi.stubEnv("REPORT_MAX_BYTES", "1000000");
    try {
      const before = await tablesChecksum(get(), ["narrative_reports", "narrative_report_items"]);
      const body = chunkedMultipart(20_000_000, "bao-cao.txt");
      const { POST } = await import("@/app/api/reports/route");
      const res = await POST(
        new NextRequest(`${BASE}/api/reports`, {
          method: "POST",
          headers: { ...headers, "content-type": body.contentType },
          body: body.stream,
          duplex: "half",
        } as NextRequestInit),
      );
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe("file_too_large");
      expect(body.pulled()).toBeGreaterThan(1_000_000);
      expect(body.pulled()).toBeLessThan(1_000_000 + 64 * 1024 + 4 * 64 * 1024);
      expect(await tablesChecksum(get(), ["narrative_reports", "narrative_report_items"])).toBe(before);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("names an empty multipart file empty (422 file_empty), and a form without a file 'no file' (400)", async () => {
    const form = new FormData();
    form.set("file", new File([], "bao-cao-trong.csv", { type: "text/csv" }));
    const res = await post("?dryRun=1", { body: form });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: {
        code: "file_empty",
        message:
          'Tệp "bao-cao-trong.csv" trống (0 byte). Hãy chọn tệp có dòng tiêu đề và ít nhất một dòng số liệu rồi tải lên lại.',
        messageEn:
          'The file "bao-cao-trong.csv" is empty (0 bytes). ' +
          "Choose a file with a header row and at least one data row, and upload it again.",
        details: { fileName: "bao-cao-trong.csv" },
      },
    });
    const none = await post("?dryRun=1", { body: new FormData() });
    expect(none.status).toBe(400);
    expect((await none.json()).error.code).toBe("no_file");
  });

  it("names an empty raw body empty when it names a file", async () => {
    const res = await post("?dryRun=1&filename=rong.csv", { body: "", contentType: "text/csv" });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("file_empty");
    expect(body.error.message).toContain('Tệp "rong.csv" trống');
  });

  it("refuses a header of 200,000 columns with a small 413 naming the column limit", async () => {
    const header = [
      "Mã xã",
      "Kỳ báo cáo",
      "meetings_held",
      ...Array.from({ length: 200_000 }, (_, i) => `cot_la_${i}`),
    ].join(",");
    const res = await post("?dryRun=1&filename=rong-lon.csv", {
      body: `${header}\n21136,Quý I/2025,5\n`,
      contentType: "text/csv",
    });
    expect(res.status).toBe(413);
    const text = await res.text();
    expect(text.length).toBeLessThan(2_000);
    const body = JSON.parse(text);
    expect(body.error.code).toBe("too_large");
    expect(body.error.message).toMatch(/^Tệp có hơn 500 cột, vượt giới hạn nên không đọc được; chưa ghi gì\./);
  });

  it("answers a header of 450 unknown columns with a small answer naming 20 of them and counting the rest", async () => {
    const header = [
      "Mã xã",
      "Kỳ báo cáo",
      "meetings_held",
      ...Array.from({ length: 450 }, (_, i) => `cot_la_${i}`),
    ].join(",");
    const res = await post("?dryRun=1&filename=rong-lon.csv", {
      body: `${header}\n21136,Quý I/2025,5\n`,
      contentType: "text/csv",
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text.length).toBeLessThan(10_000);
    const body = JSON.parse(text);
    expect(body.status).toBe("rejected");
    expect(body.error).toEqual({
      code: "import_rejected",
      message: 'Tệp "rong-lon.csv" có 1 lỗi, chưa ghi gì. Hãy sửa các lỗi trong danh sách rồi tải lên lại.',
      messageEn: 'The file "rong-lon.csv" has 1 error; nothing was written. Fix the listed errors and upload it again.',
      details: { total: 1, listed: 1, truncated: false },
    });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].code).toBe("unknown_columns");
    expect(body.errors[0].column).toBe(`${Array.from({ length: 20 }, (_, i) => `cot_la_${i}`).join(", ")}, … (+430)`);
    expect(body.errors[0].message).toContain("cot_la_19 và 430 cột khác");
  });

  it("lists the first 1,000 of 2,500 bad rows and says the list is cut", async () => {
    const rows = Array.from({ length: 2500 }, () => "21136,Quý I/2025,năm");
    const csv = ["Mã xã,Kỳ báo cáo,meetings_held", ...rows].join("\n");
    const res = await post("?dryRun=1&filename=nhieu-loi.csv", { body: csv, contentType: "text/csv" });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toHaveLength(1000);
    expect(body.errorCount).toBe(2500);
    expect(body.error.details).toEqual({ total: 2500, listed: 1000, truncated: true });
    expect(new Set(body.errors.map((e: { code: string }) => e.code))).toEqual(new Set(["value_not_number"]));
    expect(body.error.message).toBe(
      'Tệp "nhieu-loi.csv" có 2.500 lỗi (liệt kê 1.000 lỗi đầu tiên), chưa ghi gì. Hãy sửa các lỗi trong danh sách rồi tải lên lại.',
    );
  });
});
