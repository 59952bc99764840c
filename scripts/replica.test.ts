/**
 * Several machines (issue 12 part 4): a PostgreSQL streaming replica made with `pg_basebackup -R`, and two
 * instances of the built app (the production server, scripts/server.ts, on 3400 and 3401), each with DATABASE_URL = the primary and
 * DATABASE_READ_URL = the replica, on a fresh database of the test's own:
 * - signing in on one instance gives a session the other accepts, and signing out on the other ends it;
 * - a file imported through one instance is read back through the other (GET /api/data-values, routed to
 *   the replica) within the replication lag (polled with a deadline; the lag is printed); the import list
 *   (routed to the primary) shows the import at once;
 * - with the replica's replay paused, the other instance still serves the old figure (it does read the
 *   replica), except to the writer, whose import answer set the read-your-writes cookie (primary); once
 *   replay resumes the new figure arrives;
 * - the pages and API routes that read from the replica answer 200 on a hot standby (a read path that
 *   wrote would fail there: the app would log "A write reached the read replica");
 * - with the replica stopped, reads fall back to the primary (still 200 with the new figure).
 *
 * The replica is made of the local server (127.0.0.1:5432, TEST_DATABASE_URL's) when that server accepts
 * replication connections; otherwise (a pg_hba.conf without a `replication` line — the test may not change
 * that server's configuration) of a primary cluster of the test's own, made with initdb on port 5440. The
 * replica listens on 5441. Everything is removed afterwards (servers, clusters, folders, the database),
 * also when the test fails. Skipped, with a notice, only when pg_basebackup / pg_ctl / initdb are missing;
 * when the build is missing or stale it builds first (npm test builds before running Vitest).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { buildIsCurrent, ensureBuild } from "./lib/build";
import { startBuiltServer, until as waitFor, type BuiltServer } from "./lib/built-server";
import {
  createStreamingReplica,
  createTempPostgres,
  findPgBin,
  hasBasebackup,
  type TempPostgres,
} from "./lib/temp-postgres";
import { signIn } from "./lib/sign-in";

const bin = findPgBin();
const tools = !!bin && hasBasebackup(bin);
if (!tools)
  console.warn("[replica] pg_basebackup / pg_ctl / initdb not found: the several-machines (replica) test is skipped.");

const OWN_PRIMARY_PORT = 5440;
const REPLICA_PORT = 5441;
const PORTS = [3400, 3401] as const;
const DB_NAME = `dvcq_rep_e2e_${process.pid}`;
const ANALYST = { email: "analyst@demo.local", password: "demo-analyst" };
/** How long the new figures may take to reach the replica (the replication lag is milliseconds here). */
const LAG_DEADLINE_MS = 15_000;

/** The local server's port when it accepts replication connections from 127.0.0.1 (user postgres), else null. */
function replicableLocalPort(): number | null {
  const raw = process.env.TEST_DATABASE_URL?.trim();
  if (!raw || !bin) return null;
  const u = new URL(raw);
  if (!["127.0.0.1", "localhost"].includes(u.hostname)) return null;
  const port = Number(u.port || 5432);
  const res = spawnSync(
    path.join(bin, "psql"),
    [`host=127.0.0.1 port=${port} user=postgres dbname=postgres replication=true`, "-Atc", "IDENTIFY_SYSTEM"],
    { encoding: "utf8", timeout: 10_000 },
  );
  if (res.status === 0) return port;
  console.log(
    `[replica] the local server at 127.0.0.1:${port} refuses replication connections (${(res.stderr || "").trim()}); ` +
      `its configuration is not ours to change, so the test replicates a primary of its own (initdb on ${OWN_PRIMARY_PORT}).`,
  );
  return null;
}

const withDb = (url: string, db: string, params = "") => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString() + params;
};

describe.skipIf(!tools)("two app instances on a primary and a streaming replica", () => {
  let ownPrimary: TempPostgres | null = null;
  let replica: TempPostgres | null = null;
  let primaryUrl = "";
  let dropDatabase: (() => Promise<void>) | null = null;
  const servers: BuiltServer[] = [];

  beforeAll(async () => {
    if (!buildIsCurrent()) {
      console.log("[replica] the build is missing or stale: building first (next build).");
      if (!ensureBuild()) throw new Error("next build failed");
    }
    const localPort = replicableLocalPort();
    let primaryPort: number;
    if (localPort) {
      primaryPort = localPort;
      primaryUrl = `postgres://postgres@127.0.0.1:${localPort}/postgres`;
    } else {
      ownPrimary = createTempPostgres(OWN_PRIMARY_PORT, "dvcq-rep-primary-");
      primaryPort = OWN_PRIMARY_PORT;
      primaryUrl = ownPrimary.url;
    }
    replica = createStreamingReplica(primaryPort, REPLICA_PORT);
    // The database is created after the base backup: it reaches the replica through the WAL stream.
    const admin = postgres(primaryUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
    await admin.unsafe(`create database "${DB_NAME}"`);
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
      await admin.end({ timeout: 5 });
    };
  }, 1_200_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    replica?.remove();
    await dropDatabase?.().catch((e: unknown) => console.error("[replica] could not drop the test database", e));
    ownPrimary?.remove();
  }, 120_000);

  function startServer(port: number, name: string) {
    const server = startBuiltServer(port, {
      DATABASE_URL: withDb(primaryUrl, DB_NAME),
      DATABASE_READ_URL: withDb(replica!.url, DB_NAME, `?application_name=${name}`),
      DATABASE_POOL_MAX: "4",
      DEMO_DATA: "1",
      AUTH_SIGN_IN_PER_MINUTE: "100",
    });
    servers.push(server);
    return server;
  }

  /** Polls every 100 ms: the lag is measured with it. */
  const until = <T>(what: string, get: () => Promise<T | null>, ms: number) => waitFor(what, get, ms, () => "", 100);

  test(
    "a session from one instance works on the other; an import through one is read through the other from the " +
      "replica within the lag; reads fall back to the primary when the replica stops",
    async () => {
      const [baseA, baseB] = PORTS.map((p) => `http://127.0.0.1:${p}`);
      // One after the other, as a rolling deployment does: the first migrates and loads the demo data.
      const a = startServer(PORTS[0], "dvcq_a");
      await a.waitUntilUp();
      const b = startServer(PORTS[1], "dvcq_b");
      await b.waitUntilUp();

      // Sign in on A.
      const session = await signIn(baseA, ANALYST);
      expect(session.status).toBe(200);
      const cookie = session.cookie;
      expect(cookie).toMatch(/dvcq\.session_token=/);

      // …and use that session on B: the API and a page (the overview renders from the replica).
      const figure = `units=21136&periods=2025Q1&elements=meetings_held`;
      const readB = async () => {
        const r = await fetch(`${baseB}/api/data-values?${figure}`, { headers: { cookie } });
        expect(r.status).toBe(200);
        const body = (await r.json()) as {
          rows: { unit_code: string; period: string; element: string; value: number }[];
        };
        expect(body.rows).toHaveLength(1);
        return body.rows[0].value;
      };
      const before = await readB();
      expect(Number.isInteger(before)).toBe(true);
      // The same figure through the indicator API, which B answers from its answer cache once rendered.
      const indicatorB = async () => {
        const r = await fetch(`${baseB}/api/indicators?scope=21136&period=2025Q1&indicators=meetings`, {
          headers: { cookie },
        });
        expect(r.status).toBe(200);
        const body = (await r.json()) as { rows: { values: { meetings: { value: number } } }[] };
        return { value: body.rows[0].values.meetings.value, cached: r.headers.get("x-dvcq-answer") === "cache" };
      };
      expect(await indicatorB()).toEqual({ value: before, cached: false });
      expect(await indicatorB()).toEqual({ value: before, cached: true });
      const overview = await fetch(`${baseB}/`, { headers: { cookie }, redirect: "manual" });
      expect(overview.status).toBe(200);

      const importThroughA = async (value: number) => {
        const res = await fetch(`${baseA}/api/imports?filename=replica-test.csv`, {
          method: "POST",
          headers: { cookie, origin: baseA, "content-type": "text/csv" },
          body: `commune_code,period,element,value\n21136,2025Q1,meetings_held,${value}\n`,
        });
        const body = (await res.json()) as { status: string; importId: number | null };
        expect([res.status, body.status], JSON.stringify(body).slice(0, 1000)).toEqual([200, "committed"]);
        return { importId: body.importId, setCookies: res.headers.getSetCookie() };
      };
      const importIdsOnB = async (extraCookie = "") => {
        const r = await fetch(`${baseB}/api/imports?limit=5`, { headers: { cookie: cookie + extraCookie } });
        expect(r.status).toBe(200);
        return ((await r.json()) as { imports: { id: number }[] }).imports.map((i) => i.id);
      };

      // 1. Import a new figure through A; B reads it from the replica within the replication lag.
      const next = before + 3;
      const first = await importThroughA(next);
      const committedAt = Date.now();
      // What must read its own writes goes to the primary: B lists the import at once, no waiting.
      expect(await importIdsOnB()).toContain(first.importId);
      const seen = await until(
        "the new figure on B",
        async () => ((await readB()) === next ? true : null),
        LAG_DEADLINE_MS,
      );
      expect(seen).toBe(true);
      // B's stored answer is of the old version: the new figure, not the stored answer, comes back.
      expect((await indicatorB()).value).toBe(next);
      console.log(
        `[replica] the imported figure was read through the other instance ${Date.now() - committedAt} ms after the commit`,
      );

      // 2. With the replica's replay paused (a replica far behind), B still serves the old figure to
      // others — proof that it reads from the replica — while the writer, whose import answer carried the
      // read-your-writes cookie, reads the new one (from the primary), and the import list is current.
      const standby = postgres(withDb(replica!.url, DB_NAME), { max: 1, onnotice: () => {} });
      try {
        const [{ recovering }] = await standby<{ recovering: boolean }[]>`select pg_is_in_recovery() as recovering`;
        expect(recovering).toBe(true);
        // B's pool on the replica is open, under its application name.
        const [{ n }] = await standby<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where datname = ${DB_NAME} and application_name = 'dvcq_b'`;
        expect(n).toBeGreaterThan(0);

        await standby`select pg_wal_replay_pause()`;
        const latest = before + 5;
        const second = await importThroughA(latest);
        const wroteCookie = second.setCookies.map((c) => c.split(";")[0]).find((c) => c.startsWith("dvcq.wrote="));
        expect(wroteCookie).toBe("dvcq.wrote=1");
        expect(second.setCookies.find((c) => c.startsWith("dvcq.wrote="))).toMatch(/Max-Age=10/);
        expect(await readB()).toBe(next);
        await new Promise((r) => setTimeout(r, 500));
        expect(await readB()).toBe(next); // still: replay is paused
        const own = await fetch(`${baseB}/api/data-values?${figure}`, {
          headers: { cookie: `${cookie}; ${wroteCookie}` },
        });
        expect(((await own.json()) as { rows: { value: number }[] }).rows[0].value).toBe(latest);
        expect(await importIdsOnB()).toContain(second.importId);

        await standby`select pg_wal_replay_resume()`;
        const resumedAt = Date.now();
        await until(
          "the figure on B once replay resumes",
          async () => ((await readB()) === latest ? true : null),
          LAG_DEADLINE_MS,
        );
        console.log(`[replica] after replay resumed, B read the second figure within ${Date.now() - resumedAt} ms`);
      } finally {
        await standby`select pg_wal_replay_resume()`.catch(() => {});
        await standby.end({ timeout: 5 });
      }

      // The read-routed pages and API routes work on a hot standby.
      for (const p of [
        "/",
        "/compare",
        "/units",
        "/units/21136",
        "/exports",
        "/api/indicators?scope=525&period=2025Q1",
        "/api/completeness?scope=525&period=2025Q1",
        "/api/units?structure=2025-06&level=commune",
        "/api/reports/search?q=d%C3%A2n",
        "/api/exports/summary?scope=525&period=2025Q1&format=csv",
      ]) {
        const r = await fetch(`${baseB}${p}`, { headers: { cookie }, redirect: "manual" });
        const body = await r.text();
        expect([p, r.status], body.slice(0, 500)).toEqual([p, 200]);
      }
      expect(b.log()).toMatch(/read replica: postgres:\/\/postgres@127\.0\.0\.1:5441/);
      for (const s of [a, b]) {
        // No read fell back to the primary so far, and none of them tried to write on the standby.
        expect(s.log()).not.toMatch(
          /Read replica unreachable|A write reached the read replica|uncaughtException|unhandledRejection/,
        );
      }

      // Signing out on B ends the session on A too (sessions live in the primary).
      const signOut = await fetch(`${baseB}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie, origin: baseB, "content-type": "application/json" },
        body: "{}",
      });
      expect(signOut.status).toBe(200);
      const after = await fetch(`${baseA}/api/data-values?${figure}`, { headers: { cookie } });
      expect(after.status).toBe(401);
      const latestValue = before + 5;

      // The replica stops: reads fall back to the primary (still the new figure), said once in the log.
      const again = await signIn(baseA, ANALYST);
      expect(again.status).toBe(200);
      const cookie2 = again.cookie;
      replica!.stop();
      for (let i = 0; i < 3; i++) {
        const r = await fetch(`${baseB}/api/data-values?${figure}`, { headers: { cookie: cookie2 } });
        expect(r.status).toBe(200);
        expect(((await r.json()) as { rows: { value: number }[] }).rows[0].value).toBe(latestValue);
      }
      expect(b.log()).toMatch(/Read replica unreachable/);
      expect(servers.every((s) => s.proc.exitCode === null)).toBe(true);
    },
    600_000,
  );
});
