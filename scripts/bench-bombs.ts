/**
 * npm run bench:bombs — not a test. Hostile uploads and a national-year workbook (40,140 rows × 26
 * columns) through runImport (the web page's, API's and CLI's path), each in its own process with the
 * app's heap cap: prints the outcome (refused with its code, or read), the time, the peak RSS of the
 * process (main thread + parsing worker) and whether a normal upload right after still works.
 * Target: peak RSS ≤ 400 MB for every line. Uses the local PostgreSQL like bench:import (BENCH_DATABASE_URL),
 * in a database of its own that is dropped at the end.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { quarterRange } from "../lib/periods";
import { deepJson, farColumn, giantCell, manyRows, wideCsv, zipBomb } from "../lib/ingest/__fixtures__/bombs";
import { nationalCommunes, writeNationalXlsx } from "./lib/national-data";
import { nationalUnitsCsv, withBenchDatabase } from "./lib/bench-db";
import { withHeapCap } from "./lib/heap";

const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-bombs-"));

function measure(name: string, file: string, url: string, commune: string) {
  const res = spawnSync(
    process.execPath,
    [TSX, "scripts/bench/bomb-phase.ts", JSON.stringify({ file, name, url, commune })],
    { encoding: "utf8", env: withHeapCap(), maxBuffer: 1 << 24 },
  );
  if (res.status !== 0)
    return { name, ms: 0, maxRssMb: 0, outcome: `phase failed: ${res.stderr.slice(-500)}`, after: "-" };
  return JSON.parse(res.stdout.trim().split("\n").pop()!) as {
    name: string;
    ms: number;
    maxRssMb: number;
    outcome: string;
    after: string;
  };
}

async function main() {
  const { communes, real } = nationalCommunes();
  const national = path.join(tmp, "national-2024.xlsx");
  const year = await writeNationalXlsx(national, communes, quarterRange("2024Q1", "2024Q4"));
  const codes = communes.map((c) => c.code);
  const files: [string, Uint8Array][] = [
    ["zip-bomb-5mb.xlsx", zipBomb(2000)],
    ["zip-bomb-lying.xlsx", zipBomb(2000, true)],
    ["giant-cell-1mb.xlsx", giantCell(50_000_000)],
    ["far-column.xlsx", farColumn()],
    ["rows-33000.xlsx", manyRows(33_000, codes, ["2024Q1", "2024Q2", "2024Q3", "2024Q4"])],
    ["deep.json", deepJson(1_000_000)],
    ["columns-200000.csv", wideCsv(200_000)],
  ];
  console.log(
    `National year workbook: ${year.rows} rows × 26 columns, ${(fs.statSync(national).size / 1e6).toFixed(1)} ` +
      `MB (${real ? "real" : "synthetic"} communes)`,
  );
  const lines: (ReturnType<typeof measure> & { size: number })[] = [];
  await withBenchDatabase("dvcq_bombs", nationalUnitsCsv(communes, real), async (url) => {
    for (const [name, bytes] of files) {
      fs.writeFileSync(path.join(tmp, name), bytes);
      lines.push({ ...measure(name, path.join(tmp, name), url, codes[0]), size: bytes.length });
    }
    lines.push({ ...measure("national-2024.xlsx", national, url, codes[0]), size: fs.statSync(national).size });
  });
  for (const l of lines) {
    console.log(
      `${l.name.padEnd(22)} ${(l.size / 1e6).toFixed(1).padStart(6)} MB ${(l.ms / 1000).toFixed(2).padStart(7)} ` +
        `s  peak RSS ${String(l.maxRssMb).padStart(4)} MB  ${l.outcome}  | next upload: ${l.after}`,
    );
  }
  const worst = Math.max(...lines.map((l) => l.maxRssMb));
  console.log(`Highest peak RSS: ${worst} MB (target ≤ 400 MB) ${worst <= 400 ? "OK" : "OVER"}`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
