/**
 * What the benchmarks share: the PostgreSQL server they use, a throwaway database of their own (dropped
 * afterwards, and only it), migrated and holding the 2025-06 units, and the national units CSV.
 */
import fs from "node:fs";
import postgres from "postgres";
import { openDatabase, migrateDatabase } from "../../db/client";
import { prepareDatabase } from "../../db/bootstrap";
import { loadUnits } from "../../db/queries/units";
import { SHARED_UNITS, writeNationalCsv, type NationalCommune } from "./national-data";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { runImport } from "../../db/queries/imports";
import { quarterRange } from "../../lib/periods";

export function benchServerUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres"
  );
}

/** units-2025-06.csv from ../shared, or a synthetic province and district holding the synthetic communes. */
export function nationalUnitsCsv(communes: readonly NationalCommune[], real: boolean): string {
  if (real) return fs.readFileSync(SHARED_UNITS, "utf8");
  return [
    "code,name,level,parent_code,province_code",
    "99,Tỉnh Thử,province,,99",
    "999,Huyện Thử,district,99,99",
    ...communes.map((c) => `${c.code},${c.name},commune,999,99`),
  ].join("\n");
}

/** The URL of database `name` on `server`. */
function databaseUrl(server: string, name: string): string {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Create a database named `<prefix>_<timestamp>` on the server, migrate it, load the units, run `fn`
 * with its URL, and drop it whatever happens (unless `keep`).
 */
export async function withBenchDatabase<T>(
  prefix: string,
  unitsCsv: string,
  fn: (url: string) => Promise<T>,
  server = benchServerUrl(),
  options: { keep?: boolean } = {},
): Promise<T> {
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const name = `${prefix}_${Date.now()}`;
  await admin.unsafe(`create database "${name}"`);
  const url = databaseUrl(server, name);
  try {
    const database = await openDatabase({ url, poolMax: 1 });
    try {
      await migrateDatabase(database, url);
      await prepareDatabase(database, url);
      await loadUnits(database.db, { structure: "2025-06", csv: unitsCsv });
    } finally {
      await database.close();
    }
    return await fn(url);
  } finally {
    // BENCH_KEEP=1 (or the caller's keep option) keeps the database for a closer look (drop it yourself afterwards).
    if (options.keep) console.log(`Kept database ${name} (the script's header says how to measure it again)`);
    else if (process.env.BENCH_KEEP === "1") console.log(`Kept the database ${url}`);
    else await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

/**
 * The national year 2024 (every commune × 23 elements, written by `writeNationalCsv`) imported through the
 * app's own import path, then analyzed; logs what it loaded and how long it took.
 */
export async function importNationalYear(db: Db, communes: readonly NationalCommune[], tmp: string): Promise<void> {
  const file = path.join(tmp, "year.csv");
  const year = writeNationalCsv(file, communes, quarterRange("2024Q1", "2024Q4"));
  const t0 = performance.now();
  const outcome = await runImport(db, {
    input: fs.createReadStream(file),
    fileName: "year.csv",
    scopeUnitId: "all",
    mode: "commit",
    createdBy: "bench",
    source: "cli",
    maxBytes: 1 << 30,
    currentQuarter: "2025Q4",
  });
  console.log(
    `Loaded ${outcome.counts.values} values (${year.rows} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s; analyzing…`,
  );
  await db.execute(sql`analyze`);
}

/**
 * Run `fn` on an already loaded database of an earlier run (`name` on the bench server), after applying
 * pending migrations; drop it afterwards unless `keep`.
 */
export async function reuseBenchDatabase<T>(
  name: string,
  fn: (url: string) => Promise<T>,
  options: { keep?: boolean } = {},
): Promise<T> {
  const url = databaseUrl(benchServerUrl(), name);
  try {
    const database = await openDatabase({ url, poolMax: 1 });
    try {
      await migrateDatabase(database, url);
    } finally {
      await database.close();
    }
    return await fn(url);
  } finally {
    if (options.keep) console.log(`Kept database ${name}`);
    else {
      const admin = postgres(benchServerUrl(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name.replace(/"/g, "")}" with (force)`);
      await admin.end();
    }
  }
}
