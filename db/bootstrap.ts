/**
 * What happens at every start, on either engine: migrations, the catalogue, the unit structures,
 * the demo unit fixture on an empty database, and the demo figures when asked for.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrateDatabase, queryRows, type Database, type DbOrTx } from "./client";
import { upsertCatalogue } from "./queries/catalogue";
import { loadMerges, loadUnits, upsertStructures } from "./queries/units";
import { commitValues } from "./queries/imports";
import { ensureDemoAccounts } from "./queries/demo-accounts";
import { ensureDemoNarratives } from "./queries/reports-demo";
import { generateDemoReports } from "@/lib/demo/generate";
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

export async function loadDemoUnits(db: DbOrTx): Promise<void> {
  const read = (f: string) => fs.readFileSync(path.join(FIXTURES_DIR, f), "utf8");
  await loadUnits(db, { structure: "2025-06", csv: read("units-demo-2025-06.csv") });
  await loadUnits(db, { structure: "2025-07", csv: read("units-demo-2025-07.csv") });
  await loadMerges(db, { csv: read("merges-demo.csv") });
}

/** Load the generated demo reports through the import store, one import per commune and quarter. */
export async function loadDemoData(db: DbOrTx): Promise<number> {
  const ids = await queryRows<{ id: number; code: string; structure: string }>(db, sql`select id, code, structure from units`);
  const byKey = new Map(ids.map((u) => [`${u.structure}|${u.code}`, u.id]));
  const reports = generateDemoReports();
  for (const r of reports) {
    const unitId = byKey.get(`${structureForQuarter(r.period)}|${r.unitCode}`);
    if (!unitId) throw new Error(`Demo unit ${r.unitCode} is not loaded`);
    const values = elementCodes
      .filter((e) => r.values[e] !== undefined)
      .map((e) => ({ unitId, period: r.period, element: e, value: r.values[e] }));
    await commitValues(db, {
      meta: { createdBy: DEMO_AUTHOR, source: "demo", fileName: `demo-${r.unitCode}-${r.period}.csv`, shape: "wide", rowCount: 1, createdAt: r.submittedAt },
      values,
    });
  }
  await db.execute(sql`insert into settings (key, value) values ('demo_data', '1') on conflict (key) do update set value = '1'`);
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
  const [{ n: unitCount }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from units`);
  if (unitCount === 0) {
    await loadDemoUnits(db);
    log("Đã nạp danh mục đơn vị mẫu (Huyện Trà Bồng) / Loaded the demo unit fixture (Trà Bồng district).");
  }
  if (options.demo) {
    const [{ n: importCount }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from imports`);
    if (importCount === 0) {
      const n = await loadDemoData(db);
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

/** Whether this database holds demo figures (shown as a banner so nobody mistakes them for official ones). */
export async function isDemoDatabase(db: DbOrTx): Promise<boolean> {
  const rows = await queryRows<{ value: string }>(db, sql`select value from settings where key = 'demo_data'`);
  return rows[0]?.value === "1";
}
