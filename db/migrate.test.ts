/**
 * Migrations on PostgreSQL (db/client.ts migrateDatabase): one transaction under a transaction-level
 * advisory lock, so instances starting together (also through PgBouncer in transaction mode, where a
 * session lock would stay on whichever server connection took it) apply each migration exactly once,
 * with drizzle's own bookkeeping, so a database migrated by drizzle's migrator before is left as it is.
 * Runs when TEST_DATABASE_URL is set (skipped with a notice otherwise).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate as drizzleMigrate } from "drizzle-orm/postgres-js/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_DIR, migrateDatabase, openDatabase, optionsFromEnv, prepareFromEnv } from "./client";

const templateUrl = inject("pgTemplateUrl");
if (!templateUrl) console.warn("[migrate] TEST_DATABASE_URL is not set: the PostgreSQL migration tests are skipped.");

const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map((m) => [m.hash, String(m.folderMillis)]);

describe.skipIf(!templateUrl)("migrations on PostgreSQL", () => {
  let admin: postgres.Sql;
  const made: string[] = [];
  const urlOf = (name: string) => {
    const u = new URL(templateUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  async function fresh(tag: string): Promise<string> {
    const name = `dvcq_rep_migrate_${tag}_${process.pid}`;
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    made.push(name);
    return urlOf(name);
  }
  async function journal(url: string) {
    const c = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const rows = await c<{ hash: string; created_at: string }[]>`
        select hash, created_at::text from drizzle.__drizzle_migrations order by id`;
      return rows.map((r) => [r.hash, r.created_at]);
    } finally {
      await c.end({ timeout: 5 });
    }
  }

  beforeAll(() => {
    const u = new URL(templateUrl);
    u.pathname = "/postgres";
    admin = postgres(u.toString(), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    for (const name of made) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  });

  it("three instances migrating one empty database at once apply every migration exactly once", async () => {
    const url = await fresh("race");
    const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ url, poolMax: 1 })));
    try {
      await Promise.all(handles.map((h) => migrateDatabase(h, url)));
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(await journal(url)).toEqual(expected);
  });

  it("a database migrated by drizzle's own migrator is left as it is, and migrating again changes nothing", async () => {
    const url = await fresh("compat");
    const c = postgres(url, { max: 1, onnotice: () => {} });
    await drizzleMigrate(drizzle(c), { migrationsFolder: MIGRATIONS_DIR });
    await c.end({ timeout: 5 });
    const before = await journal(url);
    expect(before).toEqual(expected);
    const h = await openDatabase({ url, poolMax: 1 });
    try {
      await migrateDatabase(h, url);
      await migrateDatabase(h, url);
    } finally {
      await h.close();
    }
    expect(await journal(url)).toEqual(expected);
  });
});

describe("database options from the environment", () => {
  it("DATABASE_PREPARE=0 turns named prepared statements off (PgBouncer in transaction mode); on by default", () => {
    expect(prepareFromEnv({})).toBe(true);
    expect(prepareFromEnv({ DATABASE_PREPARE: "1" })).toBe(true);
    for (const off of ["0", "false", "off", "no", " OFF "])
      expect(prepareFromEnv({ DATABASE_PREPARE: off })).toBe(false);
    expect(optionsFromEnv({ DATABASE_URL: "postgres://h/db", DATABASE_PREPARE: "0", DATABASE_POOL_MAX: "4" })).toEqual({
      url: "postgres://h/db",
      poolMax: 4,
      prepare: false,
      statementTimeoutMs: 120_000, // DB_STATEMENT_TIMEOUT_MS's default
    });
    expect(
      optionsFromEnv({ DATABASE_URL: "postgres://h/db", DB_STATEMENT_TIMEOUT_MS: "0" }).statementTimeoutMs,
    ).toBeUndefined(); // 0: no timeout (set it on the role behind PgBouncer)
    expect(optionsFromEnv({ PGLITE_DIR: "/x" })).toEqual({ dir: "/x" });
  });
});
