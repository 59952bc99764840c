/**
 * Demo narrative reports: one for every commune-quarter of Trà Bồng (and its successors) that has figures, generated
 * by lib/demo/narratives.ts and stored through the intake path, plus the
 * real seed report as Trà Tân's (21136) 2025Q1 report.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { countRow, int } from "../columns";
import { runReportImport } from "./reports-store";
import { generateDemoNarratives, type DemoFigures } from "@/lib/demo/narratives";
import { reportingDeadline } from "@/lib/indicators/deadline";
import { vietnamTime } from "@/lib/periods";

export const SEED_REPORT_PATH = path.join(process.cwd(), "lib", "reports", "__fixtures__", "seed.txt");
const AUTHOR = "Dữ liệu mẫu (demo)";

/**
 * The demo's narrative reports cover Trà Bồng (district 525) and the six communes it became: every
 * commune-quarter there with figures. The province's other communes have figures only, so the first
 * start stays quick (each report is parsed and stored through the intake path).
 */
const DEMO_DISTRICT = "525";

/** Stores the demo reports; returns how many were stored. */
export async function loadDemoNarratives(db: DbOrTx): Promise<number> {
  const rows = await queryRows(
    db,
    sql`with district as (select id from units where structure = '2025-06' and code = ${DEMO_DISTRICT}),
          area as (
            select u.id from units u where u.parent_id in (select id from district)
            union
            select m.new_unit_id from unit_merges m join units o on o.id = m.old_unit_id where o.parent_id in (select id from district))
        select u.code, u.name, d.period, d.element_code as element, d.value
        from data_values d join units u on u.id = d.unit_id
        where u.level = 'commune' and u.id in (select id from area)
        order by d.period, u.code`,
    z.object({ code: z.string(), name: z.string(), period: z.string(), element: z.string(), value: int }),
  );
  const byKey = new Map<string, DemoFigures>();
  for (const r of rows) {
    const key = `${r.code}|${r.period}`;
    const f = byKey.get(key) ?? { unitCode: r.code, unitName: r.name, period: r.period, values: {} };
    f.values[r.element] = r.value;
    byKey.set(key, f);
  }
  const user = { role: "admin" as const, unitId: 0, email: AUTHOR };
  let n = 0;
  const seedWanted = byKey.has("21136|2025Q1") && fs.existsSync(SEED_REPORT_PATH);
  for (const report of generateDemoNarratives([...byKey.values()])) {
    const seed = seedWanted && report.unitCode === "21136" && report.period === "2025Q1";
    const bytes = seed ? fs.readFileSync(SEED_REPORT_PATH) : Buffer.from(report.text, "utf8");
    const d = reportingDeadline("2025Q1").date.split("-").map(Number);
    const out = await runReportImport(db, {
      bytes,
      fileName: seed ? "bao-cao-dvcq-quy-I-2025-tra-tan.txt" : `bao-cao-${report.unitCode}-${report.period}.txt`,
      unitCode: report.unitCode,
      period: report.period,
      mode: "commit",
      user,
      source: "demo",
      audit: null,
      now: seed ? vietnamTime(d[0], d[1] - 1, d[2] - 3, 9) : report.submittedAt,
    });
    if (out.status === "stored") n++;
  }
  return n;
}

/** The bootstrap hook: demo narrative reports once, on a demo database that has none yet. */
export async function ensureDemoNarratives(db: DbOrTx): Promise<number> {
  const [{ n }] = await queryRows(db, sql`select count(*)::int as n from narrative_reports`, countRow);
  return n > 0 ? 0 : loadDemoNarratives(db);
}
