/**
 * Hostile uploads through runImport, the one path of the web page, the API and the command line: each
 * is refused with its code while parsing runs in the worker thread, and a normal upload right after
 * it still imports. A file that exhausts the worker's heap fails alone with too_large.
 */
import { afterEach, expect, it } from "vitest";
import { describeEachEngine } from "../test-utils";
import type { Database } from "../client";
import { runImport, type RunImportParams } from "./imports";
import { getUnitByCode } from "./units";
import { AppError } from "@/lib/errors";
import { deepJson, farColumn, giantCell, wideCsv, zipBomb } from "@/lib/ingest/__fixtures__/bombs";

const NORMAL = "commune_code,period,meetings_held\n21136,2025Q1,12\n";

async function upload(database: Database, input: Uint8Array, fileName: string, extra: Partial<RunImportParams> = {}) {
  const district = await getUnitByCode(database.db, { structure: "2025-06", code: "525" });
  return runImport(database.db, {
    input,
    fileName,
    scopeUnitId: district!.id,
    mode: "preview",
    createdBy: "test",
    source: "api",
    maxBytes: 50 << 20,
    currentQuarter: "2025Q4",
    ...extra,
  });
}

async function refused(p: Promise<unknown>): Promise<[string, number]> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return [(e as AppError).code, (e as AppError).status];
}

const envBefore = { heap: process.env.IMPORT_WORKER_HEAP_MB, workers: process.env.IMPORT_WORKERS };
afterEach(() => {
  for (const [key, value] of [
    ["IMPORT_WORKER_HEAP_MB", envBefore.heap],
    ["IMPORT_WORKERS", envBefore.workers],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describeEachEngine("upload bombs through runImport (worker thread)", (get) => {
  it("each bomb is refused with too_large (413) and a normal preview right after it imports", async () => {
    const bombs: [string, Uint8Array][] = [
      ["bomb.xlsx", zipBomb(2000)],
      ["cell.xlsx", giantCell(50_000_000)],
      ["wide.xlsx", farColumn()],
      ["deep.json", deepJson(100_000)],
      ["wide.csv", wideCsv(200_000)],
    ];
    for (const [name, bytes] of bombs) {
      expect([name, ...(await refused(upload(get(), bytes, name)))]).toEqual([name, "too_large", 413]);
      const ok = await upload(get(), new TextEncoder().encode(NORMAL), "ok.csv");
      expect([ok.status, ok.counts.values]).toEqual(["preview", 1]);
    }
  });

  it("uploads beyond IMPORT_WORKERS wait their turn and all complete, a bomb among them failing alone", async () => {
    process.env.IMPORT_WORKERS = "1";
    const ok = () =>
      upload(get(), new TextEncoder().encode(NORMAL), "ok.csv").then((o) => `${o.status}:${o.counts.values}`);
    const bomb = upload(get(), deepJson(10_000), "deep.json").then(
      () => "accepted",
      (e: AppError) => e.code,
    );
    expect(await Promise.all([ok(), bomb, ok(), ok()])).toEqual(["preview:1", "too_large", "preview:1", "preview:1"]);
  });

  it("a file that exhausts the worker's heap fails alone with too_large; the next upload imports", async () => {
    process.env.IMPORT_WORKER_HEAP_MB = "32";
    // 500,000 reports (≈50 MB) with the JSON size limit lifted: JSON.parse alone needs far more than 32 MB.
    const values = Object.fromEntries(["meetings_held", "dialogues_held", "procedures_received"].map((k, i) => [k, i]));
    const doc = new TextEncoder().encode(
      JSON.stringify(
        Array.from({ length: 500_000 }, (_, i) => ({
          commune_code: String(21000 + (i % 900)),
          period: "2025Q1",
          values,
        })),
      ),
    );
    const e = await upload(get(), doc, "big.json", { maxBytes: 1 << 30, limits: { jsonMaxBytes: 1 << 30 } }).then(
      () => null,
      (err: unknown) => err as AppError,
    );
    expect([e?.code, e?.status, e?.messageVi.slice(0, 60)]).toEqual([
      "too_large",
      413,
      "Tệp cần nhiều bộ nhớ hơn giới hạn 32 MB dành cho việc đọc mộ",
    ]);
    const ok = await upload(get(), new TextEncoder().encode(NORMAL), "ok.csv");
    expect([ok.status, ok.counts.values]).toEqual(["preview", 1]);
  });
});
