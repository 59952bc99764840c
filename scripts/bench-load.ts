/**
 * npm run bench:load — not a test. Reads under load on PostgreSQL with the national year loaded (every commune
 * of units-2025-06.csv × 2024 × 23 elements): the built app is run twice on the same database, as `npm start`
 * runs it (one server process per CPU: WEB_CONCURRENCY, scripts/server.ts), with the shared result cache
 * (db/queries/result-cache.ts) and the answer cache (scripts/lib/answer-cache.ts), and with both disabled
 * (RESULT_CACHE=off), and each scenario is loaded with autocannon for a few seconds, asking for compressed
 * answers as browsers do (Accept-Encoding: gzip, deflate, br; BENCH_GZIP=0 asks for none):
 *   (1) /api/indicators?scope=VN&period=2024&by=child  — 50 connections, target p95 ≤ 300 ms
 *   (2) a province × 2024, by commune                  — 10 connections, target p95 ≤ 150 ms
 *   (3) a district × 2024Q4, by commune                — 10 connections, target p95 ≤ 50 ms
 *   (4) the overview page of a district (2024Q4)        — 20 connections, target p95 ≤ 500 ms
 * Prints p50/p95/p99, requests per second, errors (non-2xx, timeouts) for both runs and the p95 ratio, the
 * targets met or missed, and, after the run without the cache, how many queries are still running on the
 * server once the clients have gone (abandoned requests cancel their queries: it should be 0).
 * BENCH_DURATION (seconds per scenario, default 10), BENCH_PORT (default 3620), BENCH_DATABASE_URL as bench:query;
 * BENCH_KEEP=1 keeps the loaded database and BENCH_LOAD_URL=<its url> reuses it (BENCH_SCENARIOS=1,3 picks some;
 * BENCH_MODES=cache skips the run without the cache).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { openDatabase, queryRows } from "../db/client";
import { int } from "../db/columns";
import { getUnitByCode } from "../db/queries/units";
import { insertUser } from "../db/queries/users";
import { nationalCommunes } from "./lib/national-data";
import { importNationalYear, nationalUnitsCsv, withBenchDatabase } from "./lib/bench-db";
import { signIn } from "./lib/sign-in";
import { ensureBuild } from "./lib/build";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3620);
/** Ask for compressed answers as browsers do (BENCH_GZIP=0: as a client that does not). */
const GZIP = process.env.BENCH_GZIP !== "0";
const EMAIL = "bench-admin@bench.local";
const PASSWORD = "bench-mat-khau-dai-1";

interface Scenario {
  name: string;
  path: string;
  connections: number;
  targetMs: number;
}

interface Measured {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  first: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** One scenario: a first request alone (what a cold cache costs), then `connections` clients for DURATION s. */
async function load(base: string, s: Scenario, cookie: string): Promise<Measured> {
  const t0 = performance.now();
  const headers = { cookie, ...(GZIP ? { "accept-encoding": "gzip, deflate, br" } : {}) };
  const first = await fetch(base + s.path, { headers, signal: AbortSignal.timeout(120_000) });
  await first.arrayBuffer();
  const firstMs = performance.now() - t0;
  if (first.status !== 200) throw new Error(`${s.name}: the first request answered ${first.status}`);
  const latencies: number[] = [];
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: base + s.path, connections: s.connections, duration: DURATION, timeout: 30, headers },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (status !== 200) bad++;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: result.requests.average,
    requests: latencies.length,
    errors: bad + result.errors + result.timeouts,
    first: firstMs,
  };
}

async function startServer(url: string, port: number, cache: boolean): Promise<{ proc: ChildProcess; base: string }> {
  const base = `http://127.0.0.1:${port}`;
  let log = "";
  // The production way: npm start's supervisor, which runs one server process per CPU on PostgreSQL.
  const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
  const proc = spawn(process.execPath, [tsx, "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: url,
      DATABASE_POOL_MAX: "20",
      ORG_UNIT_CODE: "525",
      DEMO_DATA: "",
      RESULT_CACHE: cache ? "on" : "off",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d) => (log = (log + d).slice(-4000)));
  proc.stderr!.on("data", (d) => (log = (log + d).slice(-4000)));
  const end = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${base}/login`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > end || proc.exitCode !== null) throw new Error(`the server did not start\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { proc, base };
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  proc.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (proc.exitCode === null) proc.kill("SIGKILL");
}

const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : "–");

/** The national year 2024 (every commune × 23 elements) and an administrator to sign in as. */
async function loadNationalYear(url: string, communes: ReturnType<typeof nationalCommunes>["communes"], tmp: string) {
  const database = await openDatabase({ url, poolMax: 4 });
  try {
    await importNationalYear(database.db, communes, tmp);
    const district = await getUnitByCode(database.db, { structure: "2025-06", code: "525" });
    await insertUser(database.db, {
      email: EMAIL,
      name: "Bench",
      role: "admin",
      unitId: district!.id,
      password: PASSWORD,
      actor: { userId: null, email: "bench" },
    });
  } finally {
    await database.close();
  }
}

async function main() {
  const { communes, real } = nationalCommunes();
  if (!real) {
    console.log("bench:load needs ../shared/data/admin-units (the real unit tree); nothing measured.");
    return;
  }
  if (!ensureBuild()) throw new Error("next build failed");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-benchload-"));
  const reuse = process.env.BENCH_LOAD_URL;
  const withDatabase = reuse
    ? (fn: (url: string) => Promise<void>) => fn(reuse)
    : (fn: (url: string) => Promise<void>) => withBenchDatabase("dvcq_benchload", nationalUnitsCsv(communes, real), fn);
  await withDatabase(async (url) => {
    if (reuse) console.log(`Using the loaded database ${url} (BENCH_LOAD_URL).`);
    else await loadNationalYear(url, communes, tmp);
    const scenarios: Scenario[] = [
      {
        name: "(1) country × 2024, by province",
        path: "/api/indicators?scope=VN&structure=2025-06&period=2024&by=child",
        connections: 50,
        targetMs: 300,
      },
      {
        name: "(2) province 51 × 2024, by commune",
        path: "/api/indicators?scope=51&structure=2025-06&period=2024",
        connections: 10,
        targetMs: 150,
      },
      {
        name: "(3) district 525 × 2024Q4, by commune",
        path: "/api/indicators?scope=525&structure=2025-06&period=2024Q4",
        connections: 10,
        targetMs: 50,
      },
      { name: "(4) overview page, district 525, 2024Q4", path: "/?period=2024Q4", connections: 20, targetMs: 500 },
    ];
    const picked = process.env.BENCH_SCENARIOS?.split(",").map(Number);
    if (picked) scenarios.splice(0, scenarios.length, ...scenarios.filter((_, i) => picked.includes(i + 1)));
    const modes = process.env.BENCH_MODES === "cache" ? (["cache"] as const) : (["cache", "none"] as const);
    const runs: Record<"cache" | "none", Measured[]> = { cache: [], none: [] };
    let stillRunning = 0;
    for (const mode of modes) {
      console.log(`\n${mode === "cache" ? "With the result cache" : "Without it (RESULT_CACHE=off)"}:`);
      const { proc, base } = await startServer(url, PORT, mode === "cache");
      try {
        const { status, cookie } = await signIn(base, { email: EMAIL, password: PASSWORD });
        if (status !== 200) throw new Error(`sign-in answered ${status}`);
        for (const s of scenarios) {
          const m = await load(base, s, cookie);
          runs[mode].push(m);
          console.log(
            `  ${s.name.padEnd(42)} first ${ms(m.first)} ms · p50 ${ms(m.p50)} · p95 ${ms(m.p95)} · p99 ${ms(m.p99)} ms` +
              ` · ${m.rps.toFixed(1)} req/s · ${m.requests} answers · ${m.errors} errors`,
          );
        }
        if (mode === "none") {
          // The clients have gone: their requests' queries must have been cancelled, not left running.
          await new Promise((r) => setTimeout(r, 3000));
          const admin = await openDatabase({ url, poolMax: 1 });
          try {
            const [row] = await queryRows(
              admin.db,
              sql`select count(*)::int as n from pg_stat_activity
                  where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
              z.object({ n: int }),
            );
            stillRunning = row.n;
          } finally {
            await admin.close();
          }
        }
      } finally {
        await stop(proc);
      }
    }
    console.log(
      `\n${"scenario".padEnd(42)} conns  target   p95 cached   p95 without   ratio   errors (cached/without)`,
    );
    let met = true;
    scenarios.forEach((s, i) => {
      const c = runs.cache[i];
      const n = runs.none[i] ?? { p95: NaN, errors: NaN };
      const ok = c.p95 <= s.targetMs && c.errors === 0;
      met &&= ok;
      console.log(
        `${s.name.padEnd(42)} ${String(s.connections).padStart(5)}  ${String(s.targetMs).padStart(4)} ms  ` +
          `${ms(c.p95).padStart(7)} ms  ${ms(n.p95).padStart(9)} ms  ${(n.p95 / c.p95).toFixed(1).padStart(6)}×` +
          `   ${c.errors}/${n.errors}  ${ok ? "met" : "MISSED"}`,
      );
    });
    console.log(
      `\nQueries still running 3 s after the load without the cache ended (abandoned requests cancel theirs): ${stillRunning}`,
    );
    console.log(met ? "All targets met (with the cache)." : "Some targets were missed (see above).");
  });
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
