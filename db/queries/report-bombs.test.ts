/**
 * Hostile narrative report files: they are read in the upload worker (lib/ingest/worker), each is
 * refused with too_large (413, the one error shape through the API), nothing is written, and a normal
 * report right after it is still read. A .docx whose XML inflates far past its size (honest or lying in
 * its zip directory), a PDF whose content stream inflates to 1 GB, and a small .docx that costs minutes
 * of parsing (the worker's time limit ends it).
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { describeEachEngine, tablesChecksum } from "../test-utils";
import { testAccount, type TestAccount } from "../test-auth";
import { queryRows } from "../client";
import { idRow } from "../columns";
import { runReportImport, type RunReportParams } from "./reports-store";
import { AppError } from "@/lib/errors";
import { docxBomb, docxUnclosed, pdfBomb } from "@/lib/ingest/__fixtures__/bombs";

const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({ getDb: async () => routeDb.db, getDatabase: async () => ({ db: routeDb.db }) }));

const FIX = path.join(__dirname, "..", "..", "lib", "reports", "__fixtures__");
const seedTxt = fs.readFileSync(path.join(FIX, "seed.txt"));
const TABLES = ["narrative_reports", "narrative_report_items", "audit_events"];

describeEachEngine("hostile report files (upload worker)", (get) => {
  let user: RunReportParams["user"];
  let reporter: TestAccount;
  beforeAll(async () => {
    const { db } = get();
    routeDb.db = db;
    const [unit] = await queryRows(db, sql`select id from units where structure = '2025-06' and code = '21136'`, idRow);
    user = { role: "reporter", unitId: unit.id, email: "rep@test.vn" };
    reporter = await testAccount(db, { role: "reporter", unitCode: "21136" });
  });
  beforeEach(() => {
    routeDb.db = get().db;
  });

  const store = (bytes: Uint8Array, fileName: string) =>
    runReportImport(get().db, { bytes, fileName, mode: "commit", user, source: "api", audit: null });

  async function refused(p: Promise<unknown>): Promise<[string, number, string]> {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    return [(e as AppError).code, (e as AppError).status, (e as AppError).messageVi];
  }

  it("refuses .docx and .pdf bombs with too_large, writes nothing, and reads the next report", async () => {
    const before = await tablesChecksum(get(), TABLES);
    const bombs: [string, Uint8Array, string][] = [
      // 100 MB of XML in a 0.3 MB file, declared honestly: counted while inflating, stopped at 16 MB.
      ["honest.docx", docxBomb(100), "16 MB"],
      // 2,000 MB declared as 1 KB: the inflated bytes pass the declared size, refused unread.
      ["lying.docx", docxBomb(2000, true), "16 MB"],
      // 1,000 MB declared: refused from the zip directory, before inflating anything.
      ["declared.docx", docxBomb(1000), "200 MB"],
      // A page whose content stream inflates to 1,000 MB.
      ["bomb.pdf", pdfBomb(1000), "48 MB"],
    ];
    for (const [name, bytes, limit] of bombs) {
      expect(bytes.length).toBeLessThan(7_000_000);
      const [code, status, message] = await refused(store(bytes, name));
      expect([name, code, status]).toEqual([name, "too_large", 413]);
      expect(message).toContain(`giải nén ra hơn ${limit}`);
      const ok = await runReportImport(get().db, {
        bytes: seedTxt,
        fileName: "seed.txt",
        mode: "preview",
        user,
        source: "api",
      });
      expect([ok.status, ok.sections.length]).toEqual(["preview", 15]);
    }
    expect(await tablesChecksum(get(), TABLES)).toBe(before);
  });

  it("ends a file that parses past REPORT_WORKER_TIMEOUT_MS with too_large; the next report is read", async () => {
    vi.stubEnv("REPORT_WORKER_TIMEOUT_MS", "2000");
    try {
      const before = await tablesChecksum(get(), TABLES);
      const t = performance.now();
      // 20,000 paragraphs of a never-closed document: minutes for the XML reader, 4 KB of file.
      const [code, status, message] = await refused(store(docxUnclosed(20_000), "unclosed.docx"));
      expect([code, status]).toEqual(["too_large", 413]);
      expect(message).toContain("mất quá 2 giây");
      expect(performance.now() - t).toBeLessThan(15_000);
      const ok = await runReportImport(get().db, {
        bytes: seedTxt,
        fileName: "seed.txt",
        mode: "preview",
        user,
        source: "api",
      });
      expect([ok.status, ok.unit?.code]).toEqual(["preview", "21136"]);
      expect(await tablesChecksum(get(), TABLES)).toBe(before);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("answers a bomb through POST /api/reports with 413 in the one error shape", async () => {
    const { POST } = await import("@/app/api/reports/route");
    const before = await tablesChecksum(get(), TABLES);
    const form = new FormData();
    form.set("file", new File([new Uint8Array(docxBomb(100))], "bao-cao.docx"));
    const res = await POST(
      new NextRequest("http://localhost/api/reports", { method: "POST", headers: reporter.headers, body: form }),
    );
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe("too_large");
    expect(body.error.message).toMatch(/^Tệp Word \(\.docx\) chứa nội dung nén giải nén ra hơn 16 MB/);
    expect(body.error.messageEn).toMatch(/^The docx file holds compressed content that inflates to more than 16 MB/);
    expect(await tablesChecksum(get(), TABLES)).toBe(before);
  });
});
