/**
 * The answer cache of the production server (scripts/server.ts, scripts/lib/answer-cache.ts), on the built app
 * with PostgreSQL (a database of the test's own on TEST_DATABASE_URL's server) and the demo data:
 *  - a second request for the overview or the indicator API is answered from the cache, byte for byte what
 *    Next rendered; another account gets its own answer, never the first one's;
 *  - after an import, a revert and an approval through the API, the next answer is rendered again and the
 *    figure equals a plain SQL oracle;
 *  - a signed-out or deactivated session, a client that has just written (read-your-writes cookie) and a
 *    hard reload (Cache-Control: no-cache) are never answered from the cache;
 *  - a page whose client goes away cancels its queries on the server.
 * Skipped with a notice without TEST_DATABASE_URL or when the build is missing or stale.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildIsCurrent } from "./lib/build";
import { startBuiltServer, until, type BuiltServer } from "./lib/built-server";
import { signIn } from "./lib/sign-in";

const pgUrl = process.env.TEST_DATABASE_URL?.trim();
const built = buildIsCurrent();
if (!pgUrl) console.warn("[answer-cache] TEST_DATABASE_URL is not set: the answer cache test is skipped.");
else if (!built)
  console.warn(
    "[answer-cache] the build is missing or stale: run `npm run build` first; the answer cache test is skipped.",
  );

const PORT = 3470;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_NAME = `${process.env.TEST_DATABASE_PREFIX ?? "dvcq_test_"}answers_${process.pid}`;
const ADMIN = { email: "admin@demo.local", password: "demo-admin" };
const ANALYST = { email: "analyst@demo.local", password: "demo-analyst" };
const INDICATORS = "/api/indicators?scope=21136&period=2025Q1&indicators=meetings";

const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

describe.skipIf(!pgUrl || !built)("answer cache (built server on PostgreSQL)", () => {
  let server: BuiltServer | null = null;
  const log = () => server?.log() ?? "";
  let admin: ReturnType<typeof postgres>;
  let db: ReturnType<typeof postgres>;

  beforeAll(async () => {
    admin = postgres(pgUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
    await admin.unsafe(`create database "${DB_NAME}"`);
    db = postgres(withDb(pgUrl!, DB_NAME), { max: 2, onnotice: () => {} });
    server = startBuiltServer(PORT, {
      DATABASE_URL: withDb(pgUrl!, DB_NAME),
      DATABASE_POOL_MAX: "4",
      DEMO_DATA: "1",
      AUTH_SIGN_IN_PER_MINUTE: "100",
    });
    await server.waitUntilUp();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await db?.end({ timeout: 5 });
    await admin?.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
    await admin?.end({ timeout: 5 });
  }, 60_000);

  const get = async (path: string, cookie: string, headers: Record<string, string> = {}) => {
    const res = await fetch(BASE + path, { headers: { cookie, ...headers }, redirect: "manual" });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, cached: res.headers.get("x-dvcq-answer") === "cache", body, headers: res.headers };
  };
  const meetings = (body: Buffer) =>
    (JSON.parse(body.toString("utf8")) as { rows: { kind: string; values: { meetings: { value: number | null } } }[] })
      .rows[0].values.meetings.value;
  /** The oracle: the commune's stored figure, straight from data_values. */
  const oracle = async () => {
    const [row] = await db<{ value: number }[]>`
      select v.value::float8 as value from data_values v join units u on u.id = v.unit_id
      where u.code = '21136' and u.structure = '2025-06' and v.period = '2025Q1' and v.element_code = 'meetings_held'`;
    return row.value;
  };
  const post = async (path: string, cookie: string, body: string, type = "application/json") => {
    const res = await fetch(BASE + path, {
      method: "POST",
      headers: { cookie, origin: BASE, "content-type": type },
      body,
    });
    const json = (await res.json()) as Record<string, unknown>;
    expect(res.status, JSON.stringify(json).slice(0, 500)).toBe(200);
    return json;
  };

  test("a page whose client goes away cancels its queries on the server (they do not wait on)", async () => {
    const { cookie } = await signIn(BASE, ADMIN);
    const waiting = async () =>
      (
        await db<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
          where datname = ${DB_NAME} and wait_event_type = 'Lock' and pid <> pg_backend_pid()`
      )[0].n;
    const wait = (what: string, ok: () => Promise<boolean>) =>
      until(what, async () => ((await ok()) ? true : null), 20_000, log, 100);
    // The figures are locked by another session: the overview's query waits for them.
    const holder = postgres(withDb(pgUrl!, DB_NAME), { max: 1, onnotice: () => {} });
    try {
      await holder.begin(async (tx) => {
        await tx`lock table data_values in access exclusive mode`;
        const client = new AbortController();
        const page = fetch(`${BASE}/?period=2025Q1`, {
          headers: { cookie, "cache-control": "no-cache" },
          signal: client.signal,
        }).catch(() => null);
        await wait("the page's query to wait on the lock", async () => (await waiting()) > 0);
        client.abort(); // the official closes the tab
        await page;
        await wait("the abandoned query to be cancelled", async () => (await waiting()) === 0);
      });
    } finally {
      await holder.end({ timeout: 5 });
    }
    expect((await get("/api/indicators?scope=21136&period=2025Q1", cookie)).status).toBe(200);
    // What no one waits for is not reported as an error of the app.
    expect(log()).not.toMatch(/canceling statement due to user request/);
  }, 120_000);

  test(
    "a repeated request is answered from the cache, exactly; another account never gets it; after an import, a " +
      "revert and an approval the figure equals the oracle; sign-out, deactivation, a recent write and a hard " +
      "reload are never answered from the cache",
    async () => {
      const a = await signIn(BASE, ADMIN);
      const b = await signIn(BASE, ANALYST);
      expect([a.status, b.status]).toEqual([200, 200]);
      const cookieA = a.cookie.split("; ").find((c) => c.includes("session_token"))!;
      const cookieB = b.cookie.split("; ").find((c) => c.includes("session_token"))!;

      // The overview and the API, twice each: the second is the first's bytes, from the cache.
      for (const path of ["/", INDICATORS]) {
        const first = await get(path, cookieA);
        expect([first.status, first.cached]).toEqual([200, false]);
        const second = await get(path, cookieA);
        expect([second.status, second.cached]).toEqual([200, true]);
        expect(second.body.equals(first.body)).toBe(true);
        expect(second.headers.get("content-type")).toBe(first.headers.get("content-type"));
        // Compressed for a client that asks, from the cache too, and the same content once inflated.
        const gz = await get(path, cookieA, { "accept-encoding": "gzip" });
        const gz2 = await get(path, cookieA, { "accept-encoding": "gzip" });
        expect([gz.cached, gz2.cached]).toEqual([false, true]);
        expect(gz2.headers.get("content-encoding")).toBe("gzip");
      }
      // Another account: its own render, with its own name in it, not the administrator's answer.
      const overviewA = (await get("/", cookieA)).body.toString("utf8");
      const overviewB = await get("/", cookieB);
      expect(overviewB.cached).toBe(false);
      expect(overviewB.body.toString("utf8")).not.toBe(overviewA);
      expect((await get("/", cookieB)).cached).toBe(true);

      // Import a new figure: the next answer is rendered again and equals the oracle.
      const before = meetings((await get(INDICATORS, cookieA)).body);
      expect(before).toBe(await oracle());
      const imported = await post(
        "/api/imports?filename=answer-cache.csv",
        cookieA,
        `commune_code,period,element,value\n21136,2025Q1,meetings_held,${before! + 4}\n`,
        "text/csv",
      );
      expect(imported.status).toBe("committed");
      const afterImport = await get(INDICATORS, cookieA);
      expect(afterImport.cached).toBe(false);
      expect(meetings(afterImport.body)).toBe(before! + 4);
      expect(meetings(afterImport.body)).toBe(await oracle());
      expect((await get(INDICATORS, cookieA)).cached).toBe(true);

      // Revert it: the figure is back, equal to the oracle.
      await post(`/api/imports/${imported.importId}/revert`, cookieA, "{}");
      const afterRevert = await get(INDICATORS, cookieA);
      expect(afterRevert.cached).toBe(false);
      expect(meetings(afterRevert.body)).toBe(before);
      expect(meetings(afterRevert.body)).toBe(await oracle());

      // An approval changes what pages show (statuses): nothing stored before it is served after it.
      expect((await get("/", cookieA)).cached).toBe(false); // rendered again after the revert
      expect((await get("/", cookieA)).cached).toBe(true);
      await post("/api/approvals", cookieA, JSON.stringify({ unit: "21136", period: "2025Q1", status: "approved" }));
      expect((await get("/", cookieA)).cached).toBe(false);

      // A client that has just written reads its own writes: never from the cache.
      expect((await get(INDICATORS, cookieA)).cached).toBe(false); // the approval changed the version
      expect((await get(INDICATORS, cookieA)).cached).toBe(true);
      expect((await get(INDICATORS, `${cookieA}; dvcq.wrote=1`)).cached).toBe(false);
      // A hard reload asks for a fresh answer.
      expect((await get(INDICATORS, cookieA, { "cache-control": "no-cache" })).cached).toBe(false);

      // Deactivated: the session no longer opens anything, cached or not.
      expect((await get(INDICATORS, cookieB)).status).toBe(200);
      expect((await get(INDICATORS, cookieB)).cached).toBe(true);
      await db`update users set deactivated_at = now() where email = ${ANALYST.email}`;
      const deactivated = await get(INDICATORS, cookieB);
      expect([deactivated.status, deactivated.cached]).toEqual([401, false]);
      expect((await get("/", cookieB)).cached).toBe(false);

      // Signed out: neither the page nor the API is answered from the cache.
      expect((await get("/", cookieA)).cached).toBe(true);
      const out = await fetch(`${BASE}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie: cookieA, origin: BASE, "content-type": "application/json" },
        body: "{}",
      });
      expect(out.status).toBe(200);
      const page = await get("/", cookieA);
      expect(page.cached).toBe(false);
      expect(page.status).not.toBe(200);
      const api = await get(INDICATORS, cookieA);
      expect([api.status, api.cached]).toEqual([401, false]);
      expect(log()).not.toMatch(/uncaught|unhandled/i);
    },
    240_000,
  );
});
