/**
 * npm run bench:reports — not a test. ≥ 40,000 generated narrative reports (every commune of
 * units-2025-06.csv × the four quarters of 2024, written by lib/demo/narratives.ts and read by
 * lib/reports) in a throwaway PostgreSQL database, then timed:
 *   - five searches (median and p95), as an analyst of one province and as an administrator (country);
 *   - one topic side by side for every commune of a province;
 *   - storing one report through the intake path (parse, checks, recycled-text search, transaction).
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) names the server; default postgres://postgres@127.0.0.1:5432/postgres.
 * BENCH_REPORTS_DB=<name> measures an already loaded database of an earlier run (loading takes ~30 min
 * on a busy machine; pending migrations are applied to it first) and drops it afterwards.
 * --keep keeps the database (a new one, or BENCH_REPORTS_DB) and prints its name, for the next run.
 * BENCH_REPORTS_PREFIX names a new database (default dvcq_bench_reports, then _<timestamp>).
 */
import postgres from "postgres";
import { benchServerUrl } from "./lib/bench-db";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { migrateDatabase, openDatabase, queryRows, type Db } from "../db/client";
import { int } from "../db/columns";
import { narrativeReportItems, narrativeReports } from "../db/schema";
import { getUserScope } from "../db/queries/access";
import { searchReports } from "../db/queries/reports-search";
import { getTopicSideBySide } from "../db/queries/reports-read";
import { runReportImport } from "../db/queries/reports-store";
import { generateDemoNarratives, type DemoFigures } from "../lib/demo/narratives";
import { mulberry32 } from "../lib/demo/generate";
import { parseReport } from "../lib/reports/parse";
import { nationalCommunes } from "./lib/national-data";
import { nationalUnitsCsv, withBenchDatabase } from "./lib/bench-db";

const QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4"];
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const KEEP = process.argv.includes("--keep");
const SEARCHES = [
  "tiep cong dan",
  '"tiếp công dân định kỳ"',
  "doi thoai dat dai",
  "mot cua truc tuyen",
  '"dân vận khéo" mô hình',
];

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function values(r: () => number): Record<string, number> {
  const n = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  return {
    directive_docs: n(1, 6),
    meetings_held: n(2, 12),
    propaganda_sessions: n(1, 10),
    broadcast_items: n(5, 40),
    skilled_models: n(0, 2),
    dialogues_held: n(0, 4),
    procedures_received: n(40, 400),
    procedures_online: n(10, 300),
    reception_sessions: n(10, 14),
    citizens_received: n(3, 60),
    petitions_received: n(0, 12),
    petitions_resolved: n(0, 10),
    supervisions_with_front: n(0, 3),
    voter_contacts: n(0, 2),
  };
}

/** Generate, read and insert every report (items' repetition left empty: the bulk is for search and reading). */
async function load(db: Db): Promise<number> {
  const units = await queryRows(
    db,
    sql`select id, code, name, parent_id as parent from units where level = 'commune' and structure = '2025-06' order by parent_id, code`,
    z.object({ id: int, code: z.string(), name: z.string(), parent: int }),
  );
  const byParent = new Map<number, typeof units>();
  for (const u of units) byParent.set(u.parent, [...(byParent.get(u.parent) ?? []), u]);
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  let total = 0;
  let batch: {
    report: typeof narrativeReports.$inferInsert;
    items: Omit<typeof narrativeReportItems.$inferInsert, "reportId">[];
  }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const ids = await db
      .insert(narrativeReports)
      .values(batch.map((b) => b.report))
      .returning({ id: narrativeReports.id });
    const items = batch.flatMap((b, i) => b.items.map((it) => ({ ...it, reportId: ids[i].id })));
    for (let i = 0; i < items.length; i += 2000) await db.insert(narrativeReportItems).values(items.slice(i, i + 2000));
    total += batch.length;
    batch = [];
    if (total % 5000 < 500) process.stderr.write(`  ${total} reports…\n`);
  };
  for (const [, communes] of byParent) {
    const figures: DemoFigures[] = communes.flatMap((c) =>
      QUARTERS.map((period) => ({
        unitCode: c.code,
        unitName: c.name,
        period,
        values: values(mulberry32(Number(c.code) * 7 + Number(period.slice(-1)))),
      })),
    );
    for (const n of generateDemoNarratives(figures, 20250331, { missingAndLate: false })) {
      const key = `${n.unitCode}|${n.period}`;
      const p = parseReport(n.text);
      const unitId = idOf.get(n.unitCode)!;
      batch.push({
        report: {
          unitId,
          period: n.period,
          version: 1,
          sha256: key,
          format: "txt",
          title: p.title,
          preamble: p.preamble,
          closing: p.closing,
          references: p.references,
          figures: p.figures,
          coverage: { missingTopics: p.missingTopics },
          source: "cli",
          createdBy: "bench",
          createdAt: n.submittedAt,
        },
        items: p.items.map((it, position) => ({
          unitId,
          period: n.period,
          position,
          part: it.part,
          partKind: it.partKind,
          number: it.number,
          title: it.title,
          topic: it.topic,
          text: it.text,
          footnotes: it.footnotes,
        })),
      });
      if (batch.length >= 500) await flush();
    }
  }
  await flush();
  return total;
}

async function reuse(name: string, fn: (url: string) => Promise<void>) {
  const u = new URL(benchServerUrl());
  u.pathname = `/${name}`;
  try {
    const database = await openDatabase({ url: u.toString(), poolMax: 1 });
    try {
      await migrateDatabase(database, u.toString());
    } finally {
      await database.close();
    }
    await fn(u.toString());
  } finally {
    if (KEEP) console.log(`Kept database ${name} (BENCH_REPORTS_DB=${name} measures it again)`);
    else {
      const admin = postgres(benchServerUrl(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name.replace(/"/g, "")}" with (force)`);
      await admin.end();
    }
  }
}

async function main() {
  const { communes, real } = nationalCommunes();
  const existing = process.env.BENCH_REPORTS_DB?.trim();
  const run = (fn: (url: string) => Promise<void>) =>
    existing
      ? reuse(existing, fn)
      : withBenchDatabase(
          process.env.BENCH_REPORTS_PREFIX?.trim() || "dvcq_bench_reports",
          nationalUnitsCsv(communes, real),
          fn,
          benchServerUrl(),
          { keep: KEEP },
        );
  await run(async (url) => {
    const database = await openDatabase({ url, poolMax: 2 });
    const { db } = database;
    try {
      const t = performance.now();
      if (!existing) {
        const n = await load(db);
        await db.execute(sql`analyze narrative_reports; analyze narrative_report_items`);
        console.log(
          `Loaded ${n} reports of ${communes.length} communes${real ? "" : " (synthetic units)"} in ` +
            `${((performance.now() - t) / 1000).toFixed(0)} s`,
        );
      }
      const [{ items, reports }] = await queryRows(
        db,
        sql`select (select count(*)::int from narrative_report_items) as items, (select count(*)::int from narrative_reports) as reports`,
        z.object({ items: int, reports: int }),
      );
      console.log(`Database: ${reports} reports, ${items} items`);

      // The province with the most communes, and an analyst of it.
      const [prov] = await queryRows(
        db,
        sql`select p.id, p.code, p.name from units p join units d on d.parent_id = p.id join units c on c.parent_id = d.id
            where p.level = 'province' and p.structure = '2025-06' group by p.id order by count(*) desc limit 1`,
        z.object({ id: int, code: z.string(), name: z.string() }),
      );
      const analyst = await getUserScope(db, { role: "analyst", unitId: prov.id });
      const admin = await getUserScope(db, { role: "admin", unitId: 0 });
      console.log(`Province ${prov.name} (${prov.code}): ${analyst.readUnitIds.length} communes`);

      for (const [label, scope, runs] of [
        [`analyst of ${prov.code}`, analyst, RUNS],
        ["administrator (country)", admin, 3],
      ] as const) {
        const all: number[] = [];
        for (const q of SEARCHES) {
          const res = await searchReports(db, { q, scope, limit: 20 });
          const xs: number[] = [];
          for (let i = 0; i < runs; i++) xs.push(await time(() => searchReports(db, { q, scope, limit: 20 })));
          all.push(...xs);
          console.log(
            `  search ${JSON.stringify(q)} [${label}]: ${(res as { capped?: boolean }).capped ? "more than " : ""}${res.total} hits, median ${ms(pct(xs, 0.5))}, p95 ${ms(pct(xs, 0.95))}`,
          );
        }
        console.log(
          `Search, 5 queries × ${runs} runs [${label}]: median ${ms(pct(all, 0.5))}, p95 ${ms(pct(all, 0.95))} (target p95 ≤ 100 ms)`,
        );
      }

      const filtered: number[] = [];
      for (const q of SEARCHES)
        for (let i = 0; i < RUNS; i++)
          filtered.push(await time(() => searchReports(db, { q, scope: analyst, periods: ["2024Q3"], limit: 20 })));
      console.log(
        `Search, 5 queries × ${RUNS} runs [analyst of ${prov.code}, one quarter]: median ` +
          `${ms(pct(filtered, 0.5))}, p95 ${ms(pct(filtered, 0.95))}`,
      );

      const topicTimes: number[] = [];
      let cols = 0;
      for (let i = 0; i < RUNS; i++)
        topicTimes.push(
          await time(
            async () =>
              (cols = (
                await getTopicSideBySide(db, {
                  scope: analyst,
                  scopeUnitId: prov.id,
                  period: "2024Q3",
                  topic: "reception",
                  part: "results",
                })
              ).length),
          ),
        );
      console.log(
        `Topic side by side, province ${prov.code} (${cols} communes), reception 2024Q3: median ` +
          `${ms(pct(topicTimes, 0.5))}, p95 ${ms(pct(topicTimes, 0.95))} (target ≤ 100 ms)`,
      );

      const targets = await queryRows(
        db,
        sql`select code, name from units where level = 'commune' and structure = '2025-06'
            and parent_id in (select id from units where parent_id = ${prov.id}) order by code limit 7`,
        z.object({ code: z.string(), name: z.string() }),
      );
      // A kept corpus holds the reports an earlier run stored: remove them, so each store is a new report.
      await db.execute(sql`delete from narrative_reports where period = '2025Q1' and created_by = 'bench'`);
      const storeTimes: number[] = [];
      for (const [i, u] of targets.entries()) {
        const [text] = generateDemoNarratives([
          { unitCode: u.code, unitName: u.name, period: "2025Q1", values: values(mulberry32(i + 1)) },
        ]);
        const took = await time(async () => {
          const out = await runReportImport(db, {
            bytes: Buffer.from(text.text),
            fileName: "bench.txt",
            unitCode: u.code,
            period: "2025Q1",
            mode: "commit",
            user: { role: "admin", unitId: 0, email: "bench" },
            source: "cli",
            audit: null,
          });
          if (out.status !== "stored") throw new Error(`bench store failed: ${JSON.stringify(out.errors)}`);
        });
        if (i > 1) storeTimes.push(took); // the first two warm up
      }
      console.log(
        `Store one report (parse, figure check, recycled text, transaction): median ` +
          `${ms(pct(storeTimes, 0.5))}, max ${ms(Math.max(...storeTimes))} (target ≤ 500 ms)`,
      );
    } finally {
      await database.close();
    }
  });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
