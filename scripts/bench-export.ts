/**
 * npm run bench:export — not a test. The summary workbook ("Biểu tổng hợp", lib/export/summary-workbook.ts)
 * for every commune of the country (units-2025-06.csv: 10,035 communes; a synthetic list of the same size
 * without ../shared) over a year of synthetic figures (scripts/lib/national-data.ts), in a throwaway database:
 * PostgreSQL when BENCH_DATABASE_URL / TEST_DATABASE_URL (or postgres://postgres@127.0.0.1:5432/postgres)
 * answers, else PGlite in a temporary folder. A root "Cả nước" is attached above the provinces in that
 * database only, so one scope covers every commune. Each measured phase runs in its own process with the
 * app's heap cap (scripts/lib/heap.ts), so its peak RSS is its own:
 *   data      the export's reads: engine rows, element sums, completeness (getSummaryExportData)
 *   workbook  building the workbook from those rows (the pure part), BENCH_RUNS times (default 3); the
 *             rows are loaded and garbage-collected first, so the peak is the build's with its input
 * BENCH_KEEP=1 keeps the database and the files for a closer look.
 *   route     reads + workbook streamed to a file, as GET /api/exports/summary does
 * Prints times and peak RSS against the targets (workbook ≤ 5 s, ≤ 300 MB).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { spawnSync } from "node:child_process";
import type { Database } from "../db/client";
import type { SummaryExportData } from "../lib/export/summary-table";
import { withHeapCap } from "./lib/heap";
import { benchServerUrl, nationalUnitsCsv } from "./lib/bench-db";

// Modules are imported where they are used: the workbook phase loads the exporter alone, so its RSS is
// the workbook's and not the database driver's.

const YEAR = "2024";
const ROOT_CODE = "00";
const META = { issuer: "BỘ NỘI VỤ", place: "Hà Nội" };
const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

interface Target {
  url?: string;
  dir?: string;
}

interface PhaseResult {
  phase: string;
  ms: number;
  maxRssMb: number;
  [k: string]: unknown;
}

/** Peak resident set size of this process so far (maxRSS is in KiB). */
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Collect garbage when the phase runs with --expose-gc (it does), so a phase starts from what it holds. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

async function open(target: Target): Promise<Database> {
  const { openDatabase } = await import("../db/client");
  return openDatabase(target.url ? { url: target.url, poolMax: 2 } : { dir: target.dir });
}

/** The export's input, saved with v8's serializer (Maps and Dates kept), so the workbook phase starts from exactly what the route holds. */
function saveData(file: string, data: SummaryExportData): void {
  fs.writeFileSync(file, v8.serialize(data));
}

function loadData(file: string): SummaryExportData {
  return v8.deserialize(fs.readFileSync(file)) as SummaryExportData;
}

async function rootId(target: Target): Promise<number> {
  const { sql } = await import("drizzle-orm");
  const { queryRows } = await import("../db/client");
  const { idRow } = await import("../db/columns");
  const database = await open(target);
  const [row] = await queryRows(
    database.db,
    sql`select id from units where structure = '2025-06' and code = ${ROOT_CODE}`,
    idRow,
  );
  await database.close();
  return row.id;
}

/** One measured phase, in this process (started by runPhase). Prints one JSON line. */
async function phaseMain(name: string, args: { target: Target; dataFile: string; outFile: string }): Promise<void> {
  let result: Record<string, unknown> = {};
  let ms = 0;
  if (name === "data") {
    const { getSummaryExportData } = await import("../db/queries/summary-export");
    const id = await rootId(args.target);
    const database = await open(args.target);
    const t0 = performance.now();
    const data = await getSummaryExportData(database.db, { reader: "system", scopeUnitId: id, period: YEAR });
    ms = performance.now() - t0;
    await database.close();
    saveData(args.dataFile, data);
    result = { communes: data.rows.length - 1, rows: data.rows.length };
  } else if (name === "workbook") {
    const { buildSummaryWorkbook } = await import("../lib/export/summary-workbook");
    const data = loadData(args.dataFile);
    // The input's own load (a 45 MB file) peaks below the build; collected, so the build starts from what the route would hold.
    const loadPeakMb = rssMb();
    collect();
    await new Promise((r) => setTimeout(r, 50));
    collect();
    const rssBeforeMb = Math.round(process.memoryUsage.rss() / 1048576);
    const t0 = performance.now();
    const bytes = await buildSummaryWorkbook(data, { ...META, generatedAt: new Date() });
    ms = performance.now() - t0;
    fs.writeFileSync(args.outFile, bytes);
    result = { bytes: bytes.length, rssBeforeMb, loadPeakMb };
  } else if (name === "route") {
    const { getSummaryExportData } = await import("../db/queries/summary-export");
    const { writeSummaryWorkbook } = await import("../lib/export/summary-workbook");
    const id = await rootId(args.target);
    const database = await open(args.target);
    const t0 = performance.now();
    const data = await getSummaryExportData(database.db, { reader: "system", scopeUnitId: id, period: YEAR });
    const out = fs.createWriteStream(args.outFile);
    await writeSummaryWorkbook(data, { ...META, generatedAt: new Date() }, out);
    ms = performance.now() - t0;
    await database.close();
    result = { bytes: fs.statSync(args.outFile).size };
  } else {
    throw new Error(`unknown phase ${name}`);
  }
  console.log(JSON.stringify({ phase: name, ms: Math.round(ms), maxRssMb: rssMb(), ...result }));
}

function runPhase(name: string, args: { target: Target; dataFile: string; outFile: string }): PhaseResult {
  const env = withHeapCap({ ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc`.trim() });
  const res = spawnSync(process.execPath, [TSX, "scripts/bench-export.ts", "--phase", name, JSON.stringify(args)], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env,
  });
  if (res.status !== 0) throw new Error(`phase ${name} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split("\n").pop()!) as PhaseResult;
}

async function serverUrl(): Promise<string | null> {
  const { default: postgres } = await import("postgres");
  const server = benchServerUrl();
  const probe = postgres(server, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await probe`select 1`;
    return server;
  } catch {
    return null;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

async function main() {
  const { sql } = await import("drizzle-orm");
  const { default: postgres } = await import("postgres");
  const { migrateDatabase } = await import("../db/client");
  const { prepareDatabase } = await import("../db/bootstrap");
  const { runImport } = await import("../db/queries/imports");
  const { loadUnits } = await import("../db/queries/units");
  const { quarterRange } = await import("../lib/periods");
  const { nationalCommunes, writeNationalCsv } = await import("./lib/national-data");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-bench-export-"));
  const server = await serverUrl();
  const dbName = `dvcq_bench_export_${Date.now()}`;
  let target: Target;
  let admin: ReturnType<typeof postgres> | null = null;
  if (server) {
    admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${dbName}"`);
    const u = new URL(server);
    u.pathname = `/${dbName}`;
    target = { url: u.toString() };
  } else {
    target = { dir: path.join(tmp, "pglite") };
  }
  try {
    const { communes, real } = nationalCommunes();
    const unitsCsv = nationalUnitsCsv(communes, real);
    console.log(`Engine: ${server ? `PostgreSQL (throwaway database ${dbName})` : "PGlite (temporary folder)"}`);
    console.log(
      `Units: ${real ? "../shared/data/admin-units/units-2025-06.csv" : "synthetic list"} (${communes.length} communes)`,
    );

    const t0 = performance.now();
    const database = await open(target);
    if (target.url) await migrateDatabase(database, target.url);
    await prepareDatabase(database, target.url);
    await loadUnits(database.db, { structure: "2025-06", csv: unitsCsv });
    // The whole country as one scope: a root above the provinces, in this throwaway database only.
    await database.db.execute(
      sql`insert into units (structure, code, name, level, province_code) values ('2025-06', ${ROOT_CODE}, 'Cả nước',
        'province', ${ROOT_CODE})`,
    );
    await database.db.execute(
      sql`update units set parent_id = (select id from units where structure = '2025-06' and code = ${ROOT_CODE})
        where structure = '2025-06' and level = 'province' and code <> ${ROOT_CODE}`,
    );
    const yearFile = path.join(tmp, `national-${YEAR}.csv`);
    const year = writeNationalCsv(yearFile, communes, quarterRange(`${YEAR}Q1`, `${YEAR}Q4`));
    const outcome = await runImport(database.db, {
      input: fs.createReadStream(yearFile, { highWaterMark: 1 << 20 }),
      fileName: path.basename(yearFile),
      scopeUnitId: "all",
      mode: "commit",
      createdBy: "bench-export",
      source: "cli",
      maxBytes: 1 << 30,
      currentQuarter: "2025Q4",
    });
    if (outcome.errorCount)
      throw new Error(
        `bench import rejected: ${outcome.errors
          .slice(0, 3)
          .map((e) => e.messageEn)
          .join("; ")}`,
      );
    await database.close();
    console.log(
      `Loaded ${year.values.toLocaleString("en")} values (${year.rows.toLocaleString("en")} commune-quarters) ` +
        `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const args = { target, dataFile: path.join(tmp, "data.json"), outFile: path.join(tmp, "summary.xlsx") };
    const data = runPhase("data", args);
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
    const workbooks = Array.from({ length: runs }, () => runPhase("workbook", args));
    const route = runPhase("route", { ...args, outFile: path.join(tmp, "route.xlsx") });

    const line = (label: string, r: PhaseResult, extra = "") =>
      `${label.padEnd(46)} ${(r.ms / 1000).toFixed(2).padStart(6)} s   peak RSS ${String(r.maxRssMb).padStart(4)} MB${extra}`;
    console.log("");
    console.log(line(`data: engine + sums + completeness (${data.communes} communes)`, data));
    workbooks.forEach((r, i) =>
      console.log(
        line(
          `workbook from the rows, run ${i + 1}`,
          r,
          `   ${(Number(r.bytes) / 1e6).toFixed(1)} MB file; RSS ${r.rssBeforeMb} MB with the rows loaded (load peak ${r.loadPeakMb} MB)`,
        ),
      ),
    );
    console.log(
      line("route: reads + workbook streamed to a file", route, `   ${(Number(route.bytes) / 1e6).toFixed(1)} MB`),
    );
    const ms = workbooks.map((r) => r.ms).sort((a, b) => a - b)[Math.floor((runs - 1) / 2)];
    const rss = Math.max(...workbooks.map((r) => r.maxRssMb));
    console.log("");
    console.log(
      `workbook, median of ${runs}: ${(ms / 1000).toFixed(2)} s (target ≤ 5 s); peak RSS ${rss} MB, the whole ` +
        `process with its rows (target ≤ 300 MB)`,
    );
    console.log(
      `whole export as the route does it (reads + workbook): ${(route.ms / 1000).toFixed(2)} s, peak RSS ${route.maxRssMb} MB`,
    );
  } finally {
    if (process.env.BENCH_KEEP) {
      console.log(`kept: ${target.url ?? target.dir} and ${tmp}`);
      await admin?.end();
    } else {
      if (admin) {
        await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
        await admin.end();
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}

const phaseAt = process.argv.indexOf("--phase");
if (phaseAt >= 0) {
  phaseMain(process.argv[phaseAt + 1], JSON.parse(process.argv[phaseAt + 2])).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
