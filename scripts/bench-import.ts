/**
 * npm run bench:import — not a test. One national year (every commune of units-2025-06.csv × 4
 * quarters × 23 elements = 923,220 values; a synthetic list of the same size without ../shared),
 * measured in one run on one fresh PostgreSQL database:
 *   (a) PostgreSQL's own COPY of the same values into data_values — the limit;
 *   (b) the app's full import (parse + validate + commit) through runImport;
 *   (c) the same import on PGlite;
 * and the peak RSS of a preview of a ~100 MB CSV. Prints times, b/a, values per second, peak RSS.
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) names the server; default postgres://postgres@127.0.0.1:5432/postgres.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { quarterRange } from "../lib/periods";
import { nationalCommunes, SHARED_UNITS, writeNationalCsv } from "./lib/national-data";
import { nationalUnitsCsv, withBenchDatabase } from "./lib/bench-db";
import { withHeapCap } from "./lib/heap";

const runs = Number(process.env.BENCH_RUNS ?? 2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-bench-"));
const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

interface PhaseResult {
  phase: string;
  ms: number;
  maxRssMb: number;
  values?: number;
}

function phase(name: string, args: Record<string, unknown>): PhaseResult {
  // The same V8 heap cap as the app's processes (scripts/lib/heap.ts), so RSS is what production sees.
  const res = spawnSync(process.execPath, [TSX, "scripts/bench/phase.ts", name, JSON.stringify(args)], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: withHeapCap(),
  });
  if (res.status !== 0) throw new Error(`phase ${name} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split("\n").pop()!) as PhaseResult;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  const { communes, real } = nationalCommunes();
  // The PGlite phase loads the units itself, from a file.
  const unitsCsv = real ? SHARED_UNITS : path.join(tmp, "units.csv");
  if (!real) fs.writeFileSync(unitsCsv, nationalUnitsCsv(communes, real));
  console.log(
    `Units: ${real ? "../shared/data/admin-units/units-2025-06.csv" : "synthetic list"} (${communes.length} communes)`,
  );
  const yearFile = path.join(tmp, "national-2024.csv");
  const year = writeNationalCsv(yearFile, communes, quarterRange("2024Q1", "2024Q4"));
  console.log(
    `National year: ${year.rows} rows, ${year.values} values, ${(fs.statSync(yearFile).size / 1e6).toFixed(1)} MB`,
  );

  try {
    await withBenchDatabase("dvcq_bench", fs.readFileSync(unitsCsv, "utf8"), async (url) => {
      const reset = async () => {
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        await sql`truncate data_values, value_history, imports restart identity cascade`;
        await sql`vacuum analyze`;
        await sql.end();
      };

      const copies: PhaseResult[] = [];
      const imports: PhaseResult[] = [];
      for (let i = 0; i < runs; i++) {
        await reset();
        copies.push(phase("copy", { url, file: yearFile }));
        await reset();
        imports.push(phase("import", { url, file: yearFile }));
      }
      const pgliteDir = path.join(tmp, "pglite");
      const pglite = phase("import", { dir: pgliteDir, file: yearFile, unitsCsv });

      // ~100 MB CSV preview: the same communes, with their names, over every quarter from 2000 to 2025Q2.
      const bigFile = path.join(tmp, "national-100mb.csv");
      const big = writeNationalCsv(bigFile, communes, quarterRange("2000Q1", "2025Q2"), { names: true });
      await reset();
      const preview = phase("import", { url, file: bigFile, mode: "preview" });

      const a = median(copies.map((c) => c.ms));
      const b = median(imports.map((c) => c.ms));
      const line = (label: string, r: PhaseResult, values: number) =>
        `${label.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(values / (r.ms / 1000))
          .toLocaleString("en")
          .padStart(10)} values/s  peak RSS ${String(r.maxRssMb).padStart(4)} MB`;
      console.log("");
      copies.forEach((r, i) => console.log(line(`(a) PostgreSQL COPY, run ${i + 1}`, r, year.values)));
      imports.forEach((r, i) => console.log(line(`(b) app import on PostgreSQL, run ${i + 1}`, r, year.values)));
      console.log(line("(c) app import on PGlite", pglite, year.values));
      console.log(
        line(
          `preview of ${(fs.statSync(bigFile).size / 1e6).toFixed(0)} MB CSV (${big.values} values)`,
          preview,
          big.values,
        ),
      );
      console.log("");
      console.log(`ratio b/a (medians of ${runs} runs): ${(b / a).toFixed(2)}  (target ≤ 2.5)`);
      console.log(`ratio c/a: ${(pglite.ms / a).toFixed(2)}`);
      console.log(`peak RSS of the 100 MB preview: ${preview.maxRssMb} MB (target ≤ 400 MB)`);
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
