/**
 * The read router (db/read-replica.ts) on PostgreSQL, with stand-ins for a replica: a pool on a port where
 * nothing listens (a replica that is down), and a pool on the same database whose transactions are
 * read-only (what a hot standby refuses: 25006). The streaming replica itself is exercised end to end in
 * scripts/replica.test.ts. Runs when TEST_DATABASE_URL is set (skipped with a notice otherwise).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import postgres from "postgres";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { openDatabase, queryRows, type Database } from "./client";
import { int } from "./columns";
import { createReadRouter, readReplicaFromEnv, REPLICA_RETRY_MS, replicaFailure } from "./read-replica";
import { settings } from "./schema";

const templateUrl = inject("pgTemplateUrl");
if (!templateUrl) console.warn("[read-replica] TEST_DATABASE_URL is not set: the read-router tests are skipped.");

/** A port of this test's range where nothing listens: a replica that is down. */
const DEAD_PORT = 5449;

describe.skipIf(!templateUrl)("read router: replica first, primary when the replica cannot answer", () => {
  let primary: Database;
  let admin: postgres.Sql;
  let name: string;
  let url: string;
  const others: postgres.Sql[] = [];
  const logs: string[] = [];
  let clock = 1_000_000;
  const now = () => clock;

  beforeAll(async () => {
    const template = new URL(templateUrl);
    name = `dvcq_rep_router_${process.pid}`;
    const adminUrl = new URL(templateUrl);
    adminUrl.pathname = "/postgres";
    admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}" template "${template.pathname.slice(1)}"`);
    const u = new URL(templateUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    primary = await openDatabase({ url, poolMax: 2 });
  });
  afterAll(async () => {
    for (const c of others) await c.end({ timeout: 1 }).catch(() => {});
    await primary?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  });

  const one = async (db: Database["db"]) => (await queryRows(db, sql`select 7 as n`, z.object({ n: int })))[0].n;

  it("a replica that is down: the query is answered by the primary, then the replica is left aside for a while", async () => {
    const dead = postgres(`postgres://postgres@127.0.0.1:${DEAD_PORT}/none`, { max: 2, connect_timeout: 2 });
    others.push(dead);
    const router = createReadRouter(dead, primary.pg!, primary.db, { log: (l) => logs.push(l), now });
    expect(router.replicaDown()).toBe(false);
    expect(await one(router.db())).toBe(7);
    expect(router.fallbacks).toEqual({ unavailable: 1, recovery_conflict: 0, read_only: 0 });
    expect(router.replicaDown()).toBe(true);
    expect(router.db()).toBe(primary.db); // while aside: the primary's own handle, no failed attempt
    expect(await one(router.db())).toBe(7);
    expect(router.fallbacks.unavailable).toBe(1);
    expect(logs.filter((l) => l.includes("Read replica unreachable"))).toHaveLength(1);

    clock += REPLICA_RETRY_MS + 1; // tried again after the pause
    expect(router.replicaDown()).toBe(false);
    // A transaction (getIndicatorTable reads in one) and drizzle's array-mode select fall back too.
    const n = await router.db().transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`);
      return one(tx as never);
    });
    expect(n).toBe(7);
    expect(router.fallbacks.unavailable).toBe(2);
    clock += REPLICA_RETRY_MS + 1;
    const rows = await router.db().select({ key: settings.key }).from(settings).where(eq(settings.key, "nope"));
    expect(rows).toEqual([]);
    expect(router.fallbacks.unavailable).toBe(3);
  });

  it("a reachable replica answers reads itself; a write that reaches it (25006) is done by the primary", async () => {
    // Same database, read-only transactions: a hot standby answers and refuses exactly like this.
    const readOnly = postgres(url, { max: 2, onnotice: () => {}, connection: { default_transaction_read_only: true } });
    others.push(readOnly);
    const router = createReadRouter(readOnly, primary.pg!, primary.db, { log: (l) => logs.push(l), now });
    const [who] = await queryRows(
      router.db(),
      sql`select current_setting('transaction_read_only') as ro`,
      z.object({ ro: z.string() }),
    );
    expect(who.ro).toBe("on"); // answered by the "replica"
    expect(router.fallbacks).toEqual({ unavailable: 0, recovery_conflict: 0, read_only: 0 });

    await router.db().insert(settings).values({ key: "replica_probe", value: "42" });
    expect(router.fallbacks.read_only).toBe(1);
    expect(router.replicaDown()).toBe(false); // a write is no reason to leave the replica aside
    const stored = await primary.db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, "replica_probe"));
    expect(stored).toEqual([{ value: "42" }]);
    expect(logs.some((l) => l.includes("A write reached the read replica"))).toBe(true);
  });

  it("a query's own error is not retried on the primary", async () => {
    const router = createReadRouter(primary.pg!, primary.pg!, primary.db, { now });
    await expect(queryRows(router.db(), sql`select * from no_such_table`, z.object({}))).rejects.toThrow(
      /no_such_table/,
    );
    expect(router.fallbacks).toEqual({ unavailable: 0, recovery_conflict: 0, read_only: 0 });
  });
});

describe("replicaFailure", () => {
  it("tells the failures the primary may answer from the query's own", () => {
    const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });
    expect(replicaFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(
      "unavailable",
    );
    expect(replicaFailure(pgError("57P01", "terminating connection due to administrator command"))).toBe("unavailable");
    expect(
      replicaFailure(
        new Error("wrapped", { cause: pgError("40001", "canceling statement due to conflict with recovery") }),
      ),
    ).toBe("recovery_conflict");
    expect(replicaFailure(pgError("25006", "cannot execute INSERT in a read-only transaction"))).toBe("read_only");
    expect(replicaFailure(pgError("42P01", 'relation "x" does not exist'))).toBeNull();
    expect(replicaFailure(new Error("plain"))).toBeNull();
  });
});

describe("the replica from the environment", () => {
  const primary = "postgres://dvcq:pw@db1:5432/dvcq";
  const replica = "postgres://dvcq:secret@db2:5432/dvcq";
  it("is DATABASE_READ_URL on PostgreSQL, with its pool size, prepare setting and a log line without the password", () => {
    expect(readReplicaFromEnv({ DATABASE_URL: primary, DATABASE_READ_URL: replica }, "postgres")).toEqual({
      replica: { url: replica, poolMax: 10, prepare: true, connectTimeout: 5 },
      notice: "Bản sao chỉ đọc / read replica: postgres://dvcq:***@db2:5432/dvcq",
    });
    const env = {
      DATABASE_URL: primary,
      DATABASE_READ_URL: replica,
      DATABASE_POOL_MAX: "6",
      DATABASE_PREPARE: "0",
    };
    expect(readReplicaFromEnv(env, "postgres").replica).toEqual({
      url: replica,
      poolMax: 6,
      prepare: false,
      connectTimeout: 5,
    });
    expect(readReplicaFromEnv({ ...env, DATABASE_READ_POOL_MAX: "3" }, "postgres").replica?.poolMax).toBe(3);
  });
  it("is none without DATABASE_READ_URL, when it is the primary's own URL, and on PGlite (ignored, with a log line)", () => {
    expect(readReplicaFromEnv({ DATABASE_URL: primary }, "postgres")).toEqual({ replica: null, notice: null });
    expect(readReplicaFromEnv({ DATABASE_URL: primary, DATABASE_READ_URL: " " }, "postgres")).toEqual({
      replica: null,
      notice: null,
    });
    expect(readReplicaFromEnv({ DATABASE_URL: primary, DATABASE_READ_URL: primary }, "postgres")).toEqual({
      replica: null,
      notice: null,
    });
    const pglite = readReplicaFromEnv({ DATABASE_READ_URL: replica }, "pglite");
    expect(pglite.replica).toBeNull();
    expect(pglite.notice).toMatch(/DATABASE_READ_URL ignored: the embedded PGlite database has no replica/);
  });
  it("refuses a DATABASE_READ_URL that is not a postgres:// URL", () => {
    expect(() => readReplicaFromEnv({ DATABASE_READ_URL: "db2:5432" }, "postgres")).toThrow(
      /DATABASE_READ_URL must be a postgres:\/\/ URL/,
    );
  });
});
