/**
 * The narrative reports API through its route handlers, with real accounts and tokens: 401/403, upload
 * preview → store → unchanged, 413 over the size limit, 422 for a refused file, a reporter's search
 * showing only its own commune's text.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { describeEachEngine, tablesChecksum } from "../test-utils";
import { testAccount, type TestAccount } from "../test-auth";

const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({
  getDb: async () => routeDb.db,
  getReadDb: async () => routeDb.db,
  getDatabase: async () => ({ db: routeDb.db }),
}));

const BASE = "http://localhost";
const FIX = path.join(__dirname, "..", "..", "lib", "reports", "__fixtures__");

function upload(
  query: string,
  headers: Record<string, string>,
  file: Buffer,
  name: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(file)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new NextRequest(`${BASE}/api/reports${query}`, { method: "POST", headers, body: form });
}

describeEachEngine("reports API", (get) => {
  let reporter: TestAccount, otherReporter: TestAccount, analyst: TestAccount, viewer: TestAccount;
  beforeAll(async () => {
    const { db } = get();
    routeDb.db = db;
    reporter = await testAccount(db, { role: "reporter", unitCode: "21136" });
    otherReporter = await testAccount(db, { role: "reporter", unitCode: "21142" });
    analyst = await testAccount(db, { role: "analyst", unitCode: "525" });
    viewer = await testAccount(db, { role: "viewer", unitCode: "525" });
  });
  beforeEach(() => {
    routeDb.db = get().db;
  });

  it("uploads the seed .docx as the reporter: preview, store, unchanged; others are refused", async () => {
    const api = await import("@/app/api/reports/route");
    const docx = fs.readFileSync(path.join(FIX, "seed.docx"));
    expect((await api.POST(upload("?dryRun=1", {}, docx, "seed.docx"))).status).toBe(401);
    expect((await api.POST(upload("?dryRun=1", viewer.headers, docx, "seed.docx"))).status).toBe(403);
    const before = await tablesChecksum(get(), ["narrative_reports", "narrative_report_items"]);
    const preview = await api.POST(upload("?dryRun=1", reporter.headers, docx, "seed.docx"));
    expect(preview.status).toBe(200);
    const p = await preview.json();
    expect(p).toMatchObject({
      status: "preview",
      reportId: null,
      unit: { code: "21136", name: "Xã Trà Tân" },
      period: "2025Q1",
    });
    expect(p.sections.map((s: { part: string; number: number }) => `${s.part}.${s.number}`)).toHaveLength(15);
    expect(p.references).toHaveLength(8);
    expect(await tablesChecksum(get(), ["narrative_reports", "narrative_report_items"])).toBe(before);

    const refused = await api.POST(upload("", otherReporter.headers, docx, "seed.docx"));
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors.map((e: { code: string }) => e.code)).toEqual(["unit_outside_scope"]);
    const scan = await api.POST(
      upload("", reporter.headers, fs.readFileSync(path.join(FIX, "scanned.pdf")), "scan.pdf"),
    );
    expect(scan.status).toBe(422);
    expect((await scan.json()).errors[0]).toMatchObject({
      code: "pdf_no_text",
      message: expect.stringContaining("không có lớp chữ"),
    });
    expect(await tablesChecksum(get(), ["narrative_reports", "narrative_report_items"])).toBe(before);

    const stored = await (await api.POST(upload("", reporter.headers, docx, "seed.docx"))).json();
    expect(stored).toMatchObject({ status: "stored", version: 1 });
    const again = await (await api.POST(upload("", reporter.headers, docx, "seed.docx"))).json();
    expect(again).toMatchObject({ status: "unchanged", reportId: stored.reportId });

    const one = await import("@/app/api/reports/[id]/route");
    const read = await one.GET(
      new NextRequest(`${BASE}/api/reports/${stored.reportId}`, { headers: analyst.headers }),
      { params: Promise.resolve({ id: String(stored.reportId) }) },
    );
    expect(read.status).toBe(200);
    expect((await read.json()).items).toHaveLength(15);
    const hidden = await one.GET(
      new NextRequest(`${BASE}/api/reports/${stored.reportId}`, { headers: otherReporter.headers }),
      { params: Promise.resolve({ id: String(stored.reportId) }) },
    );
    expect(hidden.status).toBe(404);
    expect((await hidden.json()).error.code).toBe("report_not_found");
  });

  it("refuses a file over the limit with 413", async () => {
    const api = await import("@/app/api/reports/route");
    vi.stubEnv("REPORT_MAX_BYTES", "1000");
    try {
      const res = await api.POST(upload("?dryRun=1", reporter.headers, Buffer.alloc(5000, 0x41), "big.txt"));
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe("file_too_large");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("searches without diacritics within the reader's scope, and shows a topic side by side", async () => {
    const api = await import("@/app/api/reports/route");
    const other = Buffer.from(
      "Báo cáo công tác dân vận chính quyền quý I năm 2025\nUBND xã Trà Bùi báo cáo:\nI. KẾT QUẢ THỰC HIỆN\n1. " +
        "Công tác tiếp công dân: lãnh đạo xã tiếp công dân vào thứ Hai hằng tuần tại trụ sở.\nII. NHIỆM VỤ\n1. Tiếp tục làm tốt.",
    );
    expect((await api.POST(upload("", otherReporter.headers, other, "bui.txt"))).status).toBe(200);
    const search = await import("@/app/api/reports/search/route");
    const asAnalyst = await (
      await search.GET(
        new NextRequest(`${BASE}/api/reports/search?q=${encodeURIComponent('"tiep cong dan"')}`, {
          headers: analyst.headers,
        }),
      )
    ).json();
    expect(
      asAnalyst.hits
        .map((h: { unit: { code: string }; part: string; number: number }) => `${h.unit.code}:${h.part}.${h.number}`)
        .sort(),
    ).toEqual(["21136:I.6", "21136:II.7", "21142:I.1"]);
    const asReporter = await (
      await search.GET(
        new NextRequest(`${BASE}/api/reports/search?q=tiep%20cong%20dan`, { headers: otherReporter.headers }),
      )
    ).json();
    expect(asReporter.total).toBe(1);
    expect(asReporter.hits[0]).toMatchObject({ unit: { code: "21142" }, part: "I", number: 1, topic: "reception" });
    expect(JSON.stringify(asReporter)).not.toContain("Trà Tân");
    const bad = await search.GET(
      new NextRequest(`${BASE}/api/reports/search?q=x&scope=21136`, { headers: otherReporter.headers }),
    );
    expect(bad.status).toBe(403);

    const topics = await import("@/app/api/reports/topics/route");
    const side = await (
      await topics.GET(
        new NextRequest(`${BASE}/api/reports/topics?period=2025Q1&topic=reception&part=results`, {
          headers: analyst.headers,
        }),
      )
    ).json();
    const filled = side.communes
      .filter((c: { items: unknown[] }) => c.items.length)
      .map((c: { unit: { code: string } }) => c.unit.code);
    expect(filled).toEqual(["21136", "21142"]);
    expect(side.communes.length).toBe(16);
  });
});
