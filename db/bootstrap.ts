/**
 * What happens at every start, on either engine: migrations, the catalogue, the unit structures,
 * the demo unit fixture on an empty database, and the demo figures when asked for.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrateDatabase, queryRows, type Database, type DbOrTx } from "./client";
import { z } from "zod";
import { countRow, int } from "./columns";
import { upsertCatalogue } from "./queries/catalogue";
import { loadMerges, loadUnits, upsertStructures } from "./queries/units";
import { commitValues } from "./queries/imports";
import { ensureDemoAccounts } from "./queries/demo-accounts";
import { DEMO_COMMUNES, generateDemoReports, type DemoReport } from "@/lib/demo/generate";
import { parseProvinceFixture, provinceDemoReports, type ProvinceFixture } from "@/lib/demo/province";
import { calendarNow, lastClosedQuarter, vietnamDate } from "@/lib/calendar";
import { ensureDemoNarratives } from "./queries/reports-demo";
import { elementCodes } from "@/lib/indicators/catalogue";
import { structureForQuarter } from "@/lib/periods";

export const FIXTURES_DIR = path.join(process.cwd(), "db", "fixtures");
export const DEMO_AUTHOR = "Dữ liệu mẫu (demo)";

export interface BootstrapOptions {
  /** PostgreSQL URL, needed to migrate under a lock; absent for PGlite. */
  url?: string;
  /** Load the demo figures when the database holds no import yet. */
  demo: boolean;
  log?: (line: string) => void;
}

/** Whether the demo figures should load: DEMO_DATA=1/0, else yes on the embedded database only. */
export function demoWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.DEMO_DATA?.trim().toLowerCase();
  if (v === "1" || v === "true" || v === "yes") return true;
  if (v === "0" || v === "false" || v === "no") return false;
  return !env.DATABASE_URL;
}

/**
 * The demo unit fixtures, both filtered from the official lists (../shared/data/admin-units):
 * - `tra-bong`: Huyện Trà Bồng's 16 communes and their 6 successors (the database tests' small world);
 * - `quang-ngai`: old provinces 51 (Quảng Ngãi) and 62 (Kon Tum) with their districts and communes, the
 *   new province 51 with its 96 communes, and the mapping between them (`npm run demo:fixture` rebuilds
 *   it). The demo database (npm start) loads this one; Trà Bồng is part of it, unchanged.
 */
export type DemoFixture = "tra-bong" | "quang-ngai";

const DEMO_FIXTURE_FILES: Record<DemoFixture, { old: string; current: string; merges: string }> = {
  "tra-bong": { old: "units-demo-2025-06.csv", current: "units-demo-2025-07.csv", merges: "merges-demo.csv" },
  "quang-ngai": {
    old: "quang-ngai/units-2025-06.csv",
    current: "quang-ngai/units-2025-07.csv",
    merges: "quang-ngai/merges-2025-07.csv",
  },
};

export async function loadDemoUnits(db: DbOrTx, fixture: DemoFixture = "tra-bong"): Promise<void> {
  const read = (f: string) => fs.readFileSync(path.join(FIXTURES_DIR, f), "utf8");
  const files = DEMO_FIXTURE_FILES[fixture];
  await loadUnits(db, { structure: "2025-06", csv: read(files.old) });
  await loadUnits(db, { structure: "2025-07", csv: read(files.current) });
  await loadMerges(db, { csv: read(files.merges) });
}

/** The Quảng Ngãi fixture files (db/fixtures/quang-ngai), parsed for the province generator. */
export function readProvinceFixture(): ProvinceFixture {
  const read = (f: string) => fs.readFileSync(path.join(FIXTURES_DIR, "quang-ngai", f), "utf8");
  return parseProvinceFixture({
    old: read("units-2025-06.csv"),
    current: read("units-2025-07.csv"),
    merges: read("merges-2025-07.csv"),
  });
}

/** Every demo report: Trà Bồng's (lib/demo/generate.ts) and, for the province fixture, the rest of Quảng Ngãi up to `lastQuarter`. */
export function demoReports(options: { fixture?: DemoFixture; lastQuarter?: string } = {}): DemoReport[] {
  if ((options.fixture ?? "tra-bong") === "tra-bong") return generateDemoReports();
  return provinceDemoReports(readProvinceFixture(), options.lastQuarter ?? lastClosedQuarter(calendarNow()));
}

/**
 * Load the generated demo reports through the import store, one import per commune and quarter.
 * By default Trà Bồng's 94 reports (the database tests' world); with `fixture: "quang-ngai"` also the
 * rest of the province, old structure 2024Q1..2025Q2 and new structure 2025Q3..the last closed quarter.
 */
export async function loadDemoData(
  db: DbOrTx,
  options: { fixture?: DemoFixture; lastQuarter?: string } = {},
): Promise<number> {
  const ids = await queryRows(
    db,
    sql`select id, code, structure from units`,
    z.object({ id: int, code: z.string(), structure: z.string() }),
  );
  const byKey = new Map(ids.map((u) => [`${u.structure}|${u.code}`, u.id]));
  const reports = demoReports(options);
  const traBong = new Set(DEMO_COMMUNES.map((c) => c.code));
  // Trà Bồng: one import per commune and quarter, as always. The rest of the province: one import per
  // arrival instant (the province generator gives every report of the same quarter and day one instant).
  const groups = new Map<string, DemoReport[]>();
  for (const r of reports) {
    const isOld = structureForQuarter(r.period) === "2025-06";
    const key =
      isOld && traBong.has(r.unitCode) ? `${r.unitCode}|${r.period}` : `*|${r.period}|${r.submittedAt.toISOString()}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, group] of groups) {
    const values = group.flatMap((r) => {
      const unitId = byKey.get(`${structureForQuarter(r.period)}|${r.unitCode}`);
      if (!unitId) throw new Error(`Demo unit ${r.unitCode} is not loaded`);
      return elementCodes
        .filter((e) => r.values[e] !== undefined)
        .map((e) => ({ unitId, period: r.period, element: e, value: r.values[e] }));
    });
    const first = group[0];
    const fileName = key.startsWith("*|")
      ? `demo-${first.period}-${vietnamDate(first.submittedAt)}.csv`
      : `demo-${first.unitCode}-${first.period}.csv`;
    await commitValues(db, {
      meta: {
        createdBy: DEMO_AUTHOR,
        source: "demo",
        fileName,
        shape: "wide",
        rowCount: group.length,
        createdAt: first.submittedAt,
      },
      values,
    });
  }
  await db.execute(
    sql`insert into settings (key, value) values ('demo_data', '1') on conflict (key) do update set value = '1'`,
  );
  return reports.length;
}

/** Migrations, unit structures and the catalogue: what every process needs, scripts included. */
export async function prepareDatabase(database: Database, url?: string): Promise<void> {
  await migrateDatabase(database, url);
  await upsertStructures(database.db);
  await upsertCatalogue(database.db);
}

export async function bootstrapDatabase(database: Database, options: BootstrapOptions): Promise<void> {
  const log = options.log ?? (() => {});
  await prepareDatabase(database, options.url);
  const { db } = database;
  const [{ n: unitCount }] = await queryRows(db, sql`select count(*)::int as n from units`, countRow);
  if (unitCount === 0) {
    await loadDemoUnits(db, "quang-ngai");
    log(
      "Đã nạp danh mục đơn vị mẫu (Tỉnh Quảng Ngãi, trước và sau 01/7/2025) / Loaded the demo unit fixture " +
        "(Quảng Ngãi province, both structures).",
    );
  }
  if (options.demo) {
    const [{ n: importCount }] = await queryRows(db, sql`select count(*)::int as n from imports`, countRow);
    if (importCount === 0) {
      const n = await loadDemoData(db, { fixture: (await hasProvinceFixture(db)) ? "quang-ngai" : "tra-bong" });
      log(`Đã nạp ${n} báo cáo mẫu / Loaded ${n} demo reports.`);
    }
  }
  // Demo accounts with documented passwords exist only in the demo database, never in a real one.
  if (await isDemoDatabase(db)) {
    const n = await ensureDemoAccounts(db);
    if (n) log(`Đã tạo ${n} tài khoản dùng thử (xem README) / Created ${n} demo accounts (see README).`);
    const reports = await ensureDemoNarratives(db);
    if (reports) log(`Đã nạp ${reports} báo cáo thuyết minh mẫu / Loaded ${reports} demo narrative reports.`);
  }
}

/** Whether the Quảng Ngãi fixture's units are loaded (Kon Tum, old province 62, is only in that one). */
async function hasProvinceFixture(db: DbOrTx): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`select count(*)::int as n from units where structure = '2025-06' and code = '62'`,
    countRow,
  );
  return rows[0].n > 0;
}

/** Whether this database holds demo figures (shown as a banner so nobody mistakes them for official ones). */
export async function isDemoDatabase(db: DbOrTx): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`select value from settings where key = 'demo_data'`,
    z.object({ value: z.string() }),
  );
  return rows[0]?.value === "1";
}
