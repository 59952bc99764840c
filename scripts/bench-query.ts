/**
 * npm run bench:query — not a test. One national year (every commune of units-2025-06.csv × 2024 ×
 * 23 elements) loaded into a fresh PostgreSQL database, then the indicator engine timed against
 * hand-written SQL computing the same numbers, in the same run:
 *   (a) one district × one quarter, by commune;  (b) one province × a year, by commune;
 *   (c) the whole country × a year, by province;
 * and across the 1 July 2025 reform (2025Q1–Q2 in the old communes, 2025Q3–Q4 in the 3,321 new ones):
 *   (d) the new province 51 × 2025, by quarter;  (e) the whole country (2025-07) × 2025, by province —
 * against a hand-written statement that maps each old commune to its new province (equal to the engine's
 * figures when every report is complete, as here; a check line compares them).
 * Prints medians and ratios, then the overview page's first-load JavaScript (gzip) from the built app
 * (BENCH_ONLY=js measures only that).
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) names the server; default postgres://postgres@127.0.0.1:5432/postgres.
 * BENCH_CASES=d,e measures only those cases (default every one, then the first-load JS); BENCH_RUNS sets the repetitions (default 15).
 * BENCH_QUERY_PREFIX names the new database (default dvcq_benchq, then _<timestamp>). BENCH_KEEP=1 keeps it
 * and BENCH_QUERY_DB=<its name> measures it again without loading (dropped afterwards unless BENCH_KEEP=1).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { spawn } from "node:child_process";
import { sql, type SQL } from "drizzle-orm";
import { openDatabase, queryRawRows, queryRows, type Db } from "../db/client";
import { z } from "zod";
import { floatOrNull, idRow } from "../db/columns";
import { getUnitByCode, loadMerges, loadUnits } from "../db/queries/units";
import { getIndicatorTable, type IndicatorTableParams } from "../db/queries/indicators";
import { indicators } from "../lib/indicators/catalogue";
import { comparisonWindows, windowsNeeded } from "../lib/indicators/rows";
import { parsePeriod } from "../lib/periods";
import { pgArray } from "../db/pg-array";
import { nationalCommunes } from "./lib/national-data";
import { importNationalYear, nationalUnitsCsv, reuseBenchDatabase, withBenchDatabase } from "./lib/bench-db";
import { buildIsCurrent, serverCommand } from "./lib/build";

// The engine itself is measured here, never the shared result cache in front of it (bench:load measures that).
process.env.RESULT_CACHE = "off";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CASES = new Set(
  (process.env.BENCH_CASES ?? "a,b,c,d,e")
    .toLowerCase()
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean),
);
const KEEP = process.env.BENCH_KEEP === "1";
const EXISTING = process.env.BENCH_QUERY_DB?.trim();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-benchq-"));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The hand-written baseline: the same numbers as the engine — per row group and for the whole, every
 * indicator's Σnumerator and Σdenominator over the communes that know all of its elements (a flow is
 * known when present in every quarter the commune reported; the stock is the first quarter's), for the
 * period and its two comparison periods — written out by hand as one statement.
 */
function rawSql(params: { communes: SQL; group: "commune" | "province"; periodCode: string }): SQL {
  const p = parsePeriod(params.periodCode)!;
  const w = comparisonWindows(p);
  const wins = [w.current, w.previous, w.yearAgo].filter((x, i, a) => a.findIndex((y) => y.code === x.code) === i);
  const pairs = wins.flatMap((win) => win.quarters.map((q) => [win.code, q, win.quarters[0]]));
  const groupExpr = params.group === "commune" ? sql`v.unit_id` : sql`u.province_code`;
  return sql`with win as (select * from unnest(${pgArray(pairs.map((x) => x[0]))}::text[],
    ${pgArray(pairs.map((x) => x[1]))}::text[], ${pgArray(pairs.map((x) => x[2]))}::text[]) as t(win, period, first)),
    c as (
      select win.win, v.unit_id, ${groupExpr} as grp, count(distinct v.period) as n,
        sum(v.value) filter (where element_code = 'meetings_held') as meetings_held, count(*) filter (where
          element_code = 'meetings_held') as c_meetings_held,
        sum(v.value) filter (where element_code = 'dialogues_held') as dialogues_held, count(*) filter (where
          element_code = 'dialogues_held') as c_dialogues_held,
        sum(v.value) filter (where element_code = 'reception_sessions') as reception_sessions, count(*) filter (where
          element_code = 'reception_sessions') as c_reception_sessions,
        sum(v.value) filter (where element_code = 'propaganda_sessions') as propaganda_sessions, count(*) filter
          (where element_code = 'propaganda_sessions') as c_propaganda_sessions,
        sum(v.value) filter (where element_code = 'skilled_models') as skilled_models, count(*) filter (where
          element_code = 'skilled_models') as c_skilled_models,
        max(v.value) filter (where element_code = 'petitions_carried_over' and v.period = win.first) as petitions_carried_over,
        sum(v.value) filter (where element_code = 'petitions_received') as petitions_received, count(*) filter (where
          element_code = 'petitions_received') as c_petitions_received,
        sum(v.value) filter (where element_code = 'petitions_resolved') as petitions_resolved, count(*) filter (where
          element_code = 'petitions_resolved') as c_petitions_resolved,
        sum(v.value) filter (where element_code = 'voter_requests_received') as vr_received, count(*) filter (where
          element_code = 'voter_requests_received') as c_vr_received,
        sum(v.value) filter (where element_code = 'voter_requests_answered') as vr_answered, count(*) filter (where
          element_code = 'voter_requests_answered') as c_vr_answered,
        sum(v.value) filter (where element_code = 'procedures_received') as p_received, count(*) filter (where
          element_code = 'procedures_received') as c_p_received,
        sum(v.value) filter (where element_code = 'procedures_online') as p_online, count(*) filter (where
          element_code = 'procedures_online') as c_p_online,
        sum(v.value) filter (where element_code = 'procedures_resolved') as p_resolved, count(*) filter (where
          element_code = 'procedures_resolved') as c_p_resolved,
        sum(v.value) filter (where element_code = 'procedures_on_time') as p_on_time, count(*) filter (where
          element_code = 'procedures_on_time') as c_p_on_time,
        sum(v.value) filter (where element_code = 'procedures_paid_online') as p_paid, count(*) filter (where
          element_code = 'procedures_paid_online') as c_p_paid,
        sum(v.value) filter (where element_code = 'procedures_digitized') as p_digitized, count(*) filter (where
          element_code = 'procedures_digitized') as c_p_digitized
      from data_values v join win on win.period = v.period join units u on u.id = v.unit_id
      where v.unit_id in (${params.communes})
      group by win.win, v.unit_id, ${groupExpr}),
    k as (
      select win, grp, n,
        case when c_meetings_held = n then meetings_held end as meetings, case when c_dialogues_held = n then
          dialogues_held end as dialogues,
        case when c_reception_sessions = n then reception_sessions end as reception, case when c_propaganda_sessions =
          n then propaganda_sessions end as propaganda,
        case when c_skilled_models = n then skilled_models end as models, petitions_carried_over as carried,
        case when c_petitions_received = n then petitions_received end as pet_received, case when c_petitions_resolved
          = n then petitions_resolved end as pet_resolved,
        case when c_vr_received = n then vr_received end as vr_received, case when c_vr_answered = n then vr_answered end as vr_answered,
        case when c_p_received = n then p_received end as p_received, case when c_p_online = n then p_online end as p_online,
        case when c_p_resolved = n then p_resolved end as p_resolved, case when c_p_on_time = n then p_on_time end as p_on_time,
        case when c_p_paid = n then p_paid end as p_paid, case when c_p_digitized = n then p_digitized end as p_digitized
      from c)
    select win, grp, sum(n) as reported,
      sum(meetings), count(meetings), sum(n) filter (where meetings is not null),
      sum(dialogues), count(dialogues), sum(n) filter (where dialogues is not null),
      sum(reception), count(reception), sum(n) filter (where reception is not null),
      sum(propaganda), count(propaganda), sum(n) filter (where propaganda is not null),
      sum(models), count(models), sum(n) filter (where models is not null),
      sum(pet_resolved) filter (where pet_resolved is not null and carried is not null and pet_received is not null),
        sum(carried + pet_received) filter (where pet_resolved is not null and carried is not null and pet_received is not null),
        count(*) filter (where pet_resolved is not null and carried is not null and pet_received is not null),
        sum(n) filter (where pet_resolved is not null and carried is not null and pet_received is not null),
      sum(vr_answered) filter (where vr_answered is not null and vr_received is not null), sum(vr_received) filter
        (where vr_answered is not null and vr_received is not null),
        count(*) filter (where vr_answered is not null and vr_received is not null), sum(n) filter (where vr_answered
          is not null and vr_received is not null),
      sum(p_online) filter (where p_online is not null and p_received is not null) as online_num, sum(p_received)
        filter (where p_online is not null and p_received is not null) as online_den,
        count(*) filter (where p_online is not null and p_received is not null), sum(n) filter (where p_online is not
          null and p_received is not null),
      sum(p_on_time) filter (where p_on_time is not null and p_resolved is not null), sum(p_resolved) filter (where
        p_on_time is not null and p_resolved is not null),
        count(*) filter (where p_on_time is not null and p_resolved is not null), sum(n) filter (where p_on_time is
          not null and p_resolved is not null),
      sum(p_paid) filter (where p_paid is not null and p_resolved is not null), sum(p_resolved) filter (where p_paid
        is not null and p_resolved is not null),
        count(*) filter (where p_paid is not null and p_resolved is not null), sum(n) filter (where p_paid is not null
          and p_resolved is not null),
      sum(p_digitized) filter (where p_digitized is not null and p_resolved is not null), sum(p_resolved) filter
        (where p_digitized is not null and p_resolved is not null),
        count(*) filter (where p_digitized is not null and p_resolved is not null), sum(n) filter (where p_digitized
          is not null and p_resolved is not null)
    from k group by grouping sets ((win, grp), (win))`;
}

/**
 * The hand-written baseline across the reform, per window and new province (and in total): quarters
 * before 2025Q3 taken from the old communes (each mapped to its new province), later ones from the new
 * communes; flows summed, the stock taken in each window's first quarter; Σnumerator and Σdenominator
 * per indicator. Equals the engine's figures when every report is complete.
 */
function reformSql(params: {
  province: string | null;
  windows: readonly { code: string; quarters: readonly string[] }[];
}): SQL {
  const pairs = params.windows.flatMap((w) => w.quarters.map((q) => [w.code, q, [...w.quarters].sort()[0]]));
  const only = params.province === null ? sql`true` : sql`prov = ${params.province}`;
  const rate = (num: string, den: string) =>
    sql`sum(${sql.raw(num)}) as ${sql.raw(`${num}_n`)}, sum(${sql.raw(den)}) as ${sql.raw(`${num}_d`)}`;
  return sql`with win as (select * from unnest(${pgArray(pairs.map((x) => x[0]))}::text[], ${pgArray(pairs.map((x) => x[1]))}::text[],
                                              ${pgArray(pairs.map((x) => x[2]))}::text[]) as t(win, period, first)),
    om as (select distinct m.old_unit_id as id, n.province_code as prov from unit_merges m join units n on n.id = m.new_unit_id),
    tr as (
      select v.period, v.element_code, v.value, om.prov from data_values v join om on om.id = v.unit_id where v.period < '2025Q3'
      union all
      select v.period, v.element_code, v.value, u.province_code from data_values v join units u on u.id = v.unit_id
      where u.structure = '2025-07' and v.period >= '2025Q3'),
    p as (
      select win.win, tr.prov,
        sum(value) filter (where element_code = 'meetings_held') as meetings,
        sum(value) filter (where element_code = 'reception_sessions') as reception,
        sum(value) filter (where element_code = 'petitions_resolved') as pet_resolved,
        sum(value) filter (where element_code = 'petitions_received') + coalesce(sum(value) filter (where element_code
          = 'petitions_carried_over' and tr.period = win.first), 0) as pet_available,
        sum(value) filter (where element_code = 'voter_requests_answered') as vr_answered, sum(value) filter (where
          element_code = 'voter_requests_received') as vr_received,
        sum(value) filter (where element_code = 'procedures_online') as p_online, sum(value) filter (where
          element_code = 'procedures_received') as p_received,
        sum(value) filter (where element_code = 'procedures_on_time') as p_on_time, sum(value) filter (where
          element_code = 'procedures_resolved') as p_resolved,
        sum(value) filter (where element_code = 'procedures_paid_online') as p_paid, sum(value) filter (where
          element_code = 'procedures_digitized') as p_digitized
      from tr join win on win.period = tr.period where ${only} group by win.win, tr.prov)
    select win, prov as grp, sum(meetings) as meetings, sum(reception) as reception, ${rate("pet_resolved", "pet_available")},
      ${rate("vr_answered", "vr_received")}, ${rate("p_online", "p_received")}, ${rate("p_on_time", "p_resolved")},
      sum(p_paid) as paid, sum(p_digitized) as digitized
    from p group by grouping sets ((win, prov), (win))`;
}

/** Old communes (and island districts) in 2025Q1–Q2 and the new communes in 2025Q3–Q4, every element. */
async function loadAcrossTheReform(db: Db): Promise<void> {
  const shared = path.resolve(process.cwd(), "../shared/data/admin-units");
  await loadUnits(db, { structure: "2025-07", csv: fs.readFileSync(path.join(shared, "units-2025-07.csv"), "utf8") });
  await loadMerges(db, { csv: fs.readFileSync(path.join(shared, "merges-2025-07.csv"), "utf8") });
  const [imp] = await queryRows(
    db,
    sql`insert into imports (created_by, source, status) values ('bench', 'cli', 'committed') returning id`,
    idRow,
  );
  await db.execute(sql`
    insert into data_values (unit_id, period, element_code, value, import_id)
    select u.id, q.period, e.code, 5 + abs(hashtext(u.code || q.period || e.code)) % 190, ${imp.id}
    from units u
    join (values ('2025Q1'), ('2025Q2'), ('2025Q3'), ('2025Q4')) q(period) on (u.structure = '2025-06') = (q.period < '2025Q3')
    cross join data_elements e
    where u.level = 'commune' or (u.level = 'district' and exists (select 1 from unit_merges m where m.old_unit_id = u.id))`);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function compare(db: Db, label: string, engine: IndicatorTableParams, raw: SQL) {
  for (let i = 0; i < 2; i++) {
    await getIndicatorTable(db, engine);
    await queryRawRows(db, raw);
  }
  const e: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    e.push(await time(() => getIndicatorTable(db, engine)));
    r.push(await time(() => queryRawRows(db, raw)));
  }
  const [me, mr] = [median(e), median(r)];
  console.log(
    `${label.padEnd(40)} engine ${me.toFixed(1).padStart(8)} ms   raw SQL ${mr.toFixed(1).padStart(8)} ms   ` +
      `ratio ${(me / mr).toFixed(2)}   difference ${(me - mr).toFixed(1)} ms`,
  );
  return { engine: me, raw: mr };
}

/** Sum of the gzip sizes of the scripts the built overview page loads. */
async function overviewFirstLoadJs(): Promise<string> {
  if (!buildIsCurrent()) return "skipped: the app is not built (npm run build), or sources changed since";
  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn(process.execPath, serverCommand(), {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PGLITE_DIR: path.join(tmp, "pglite-js"),
      DATABASE_URL: "",
      DEMO_DATA: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    // The overview needs a signed-in user: the demo database's analyst (README "Accounts").
    let cookie = "";
    for (let i = 0; i < 120 && !cookie; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const res = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ email: "analyst@demo.local", password: "demo-analyst" }),
      }).catch(() => null);
      if (res?.ok)
        cookie = res.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
    }
    const html = await fetch(`${base}/`, { headers: { cookie } }).then(
      (r) => (r.ok ? r.text() : ""),
      () => "",
    );
    if (!html.includes("main")) return "could not load the overview";
    const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
    let total = 0;
    for (const src of srcs) total += gzipSync(Buffer.from(await (await fetch(`${base}${src}`)).arrayBuffer())).length;
    return `${(total / 1024).toFixed(1)} kB gzip in ${srcs.length} scripts (target ≤ 250 kB)`;
  } finally {
    child.kill("SIGTERM");
  }
}

async function main() {
  if (process.env.BENCH_ONLY === "js") {
    console.log(`Overview first-load JS: ${await overviewFirstLoadJs()}`);
    return;
  }
  const { communes, real } = nationalCommunes();
  if (!real)
    console.log(
      "../shared is absent: (b) and (c) need the real unit tree and are skipped; (a) uses a synthetic district.",
    );
  try {
    const run = (fn: (url: string) => Promise<void>) =>
      EXISTING
        ? reuseBenchDatabase(EXISTING, fn, { keep: KEEP })
        : withBenchDatabase(
            process.env.BENCH_QUERY_PREFIX?.trim() || "dvcq_benchq",
            nationalUnitsCsv(communes, real),
            fn,
            undefined,
            { keep: KEEP },
          );
    await run(async (url) => {
      const database = await openDatabase({ url, poolMax: 4 });
      const db = database.db;
      if (!EXISTING) await importNationalYear(db, communes, tmp);
      const district = await getUnitByCode(db, { structure: "2025-06", code: real ? "525" : "999" });
      const province = await getUnitByCode(db, { structure: "2025-06", code: real ? "51" : "99" });
      const under = (id: number) =>
        sql`with recursive t as (select id, level from units where id = ${id} union all select c.id, c.level from
          units c join t on c.parent_id = t.id) select id from t where level = 'commune'`;
      console.log(
        `\nmedians of ${RUNS} runs, all ${indicators.length} indicators with previous and year-ago comparisons:`,
      );
      if (CASES.has("a"))
        await compare(
          db,
          "(a) district 525 × 2024Q2, by commune",
          { reader: "system", scope: district!.id, period: "2024Q2", by: "unit" },
          rawSql({ communes: under(district!.id), group: "commune", periodCode: "2024Q2" }),
        );
      if (real) {
        if (CASES.has("b"))
          await compare(
            db,
            "(b) province 51 × 2024, by commune",
            { reader: "system", scope: province!.id, period: "2024", by: "unit" },
            rawSql({ communes: under(province!.id), group: "commune", periodCode: "2024" }),
          );
        if (CASES.has("c")) {
          await compare(
            db,
            "(c) country × 2024, by province",
            { reader: "system", scope: { country: "2025-06" }, period: "2024", by: "child" },
            rawSql({
              communes: sql`select id from units where structure = '2025-06' and level = 'commune'`,
              group: "province",
              periodCode: "2024",
            }),
          );
          // Same numbers: the engine's country online rate against the baseline's total row.
          const engine = await getIndicatorTable(db, {
            reader: "system",
            scope: { country: "2025-06" },
            period: "2024",
            by: "child",
            indicators: ["online_rate"],
          });
          const raw = await queryRows(
            db,
            rawSql({
              communes: sql`select id from units where structure = '2025-06' and level = 'commune'`,
              group: "province",
              periodCode: "2024",
            }),
            z.object({ win: z.string(), grp: z.string().nullable(), online_num: floatOrNull, online_den: floatOrNull }),
          );
          const rawTotal = raw.find((r) => r.win === "2024" && r.grp === null)!;
          const total = engine.rows.at(-1)!.values.online_rate;
          const [num, den] = [rawTotal.online_num, rawTotal.online_den];
          console.log(
            `check: engine country online rate ${total.numerator}/${total.denominator}; baseline ${num}/${den} → ` +
              `${total.numerator === num && total.denominator === den ? "equal" : "DIFFERENT"}`,
          );
        }
        if (!CASES.has("d") && !CASES.has("e")) return void (await database.close());

        // A kept database of an earlier run may hold them already.
        const loaded = await queryRows(
          db,
          sql`select exists (select 1 from units where structure = '2025-07') as loaded`,
          z.object({ loaded: z.boolean() }),
        );
        if (!loaded[0].loaded) {
          const t1 = performance.now();
          await loadAcrossTheReform(db);
          await db.execute(sql`analyze`);
          console.log(
            `\nLoaded 2025 across the reform (old communes Q1–Q2, 3,321 new communes Q3–Q4) in ` +
              `${((performance.now() - t1) / 1000).toFixed(1)} s`,
          );
        }
        const newProvince = await getUnitByCode(db, { structure: "2025-07", code: "51" });
        const byQuarter = windowsNeeded(parsePeriod("2025")!, "period").map((w) => ({
          code: w.code,
          quarters: w.quarters,
        }));
        if (CASES.has("d"))
          await compare(
            db,
            "(d) new province 51 × 2025, by quarter",
            { reader: "system", scope: newProvince!.id, period: "2025", by: "period" },
            reformSql({ province: "51", windows: byQuarter }),
          );
        const yearWindows = windowsNeeded(parsePeriod("2025")!, "child").map((w) => ({
          code: w.code,
          quarters: w.quarters,
        }));
        if (!CASES.has("e")) return void (await database.close());
        await compare(
          db,
          "(e) country (2025-07) × 2025, by province",
          { reader: "system", scope: { country: "2025-07" }, period: "2025", by: "child" },
          reformSql({ province: null, windows: yearWindows }),
        );
        const across = await getIndicatorTable(db, {
          reader: "system",
          scope: { country: "2025-07" },
          period: "2025",
          by: "child",
          indicators: ["online_rate", "petition_resolution_rate"],
        });
        const base = (
          await queryRows(
            db,
            reformSql({ province: null, windows: yearWindows }),
            z.object({
              win: z.string(),
              grp: z.string().nullable(),
              p_online_n: floatOrNull,
              p_online_d: floatOrNull,
              pet_resolved_n: floatOrNull,
              pet_resolved_d: floatOrNull,
            }),
          )
        ).find((r) => r.win === "2025" && r.grp === null)!;
        const t = across.rows.at(-1)!.values;
        const same =
          t.online_rate.numerator === base.p_online_n &&
          t.online_rate.denominator === base.p_online_d &&
          t.petition_resolution_rate.numerator === base.pet_resolved_n &&
          t.petition_resolution_rate.denominator === base.pet_resolved_d;
        console.log(
          `check: engine country 2025 online ${t.online_rate.numerator}/${t.online_rate.denominator}, petitions ` +
            `${t.petition_resolution_rate.numerator}/${t.petition_resolution_rate.denominator}; baseline ` +
            `${base.p_online_n}/${base.p_online_d}, ${base.pet_resolved_n}/${base.pet_resolved_d} → ${same ? "equal" : "DIFFERENT"}`,
        );
      }
      await database.close();
    });
    // BENCH_CASES picks query cases only; the page measurement runs with the full benchmark (or BENCH_ONLY=js).
    if (!process.env.BENCH_CASES) console.log(`\nOverview first-load JS: ${await overviewFirstLoadJs()}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
