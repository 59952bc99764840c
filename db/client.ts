/**
 * Opens the database: PGlite (embedded, the default) or PostgreSQL through postgres.js when a URL is
 * given. Everything above this file sees one drizzle handle and cannot tell which engine is behind it.
 * Scripts and tests import this module; the app goes through db/index.ts (server-only, one handle).
 */
import path from "node:path";
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import postgres from "postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database handle or a transaction on it: every query function accepts either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Engine = "pglite" | "postgres";

export interface Database {
  db: Db;
  engine: Engine;
  /** Where it lives: the PGlite folder, or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  url?: string;
  /** PGlite data folder, or `memory://` for a throwaway in-memory database. */
  dir?: string;
  /** postgres.js pool size. */
  poolMax?: number;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

/** A key for PostgreSQL advisory locks taken by this app (one number: "DVCQ" in ASCII). */
export const APP_LOCK_KEY = 0x44564351;

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

/** Open (and create if needed) the database. Does not migrate: see `migrateDatabase`. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolMax ?? 10,
      onnotice: () => {},
      // Counts are integers; sums come back as float8 casts in our SQL, so no bigint strings leak out.
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return { db, engine: "postgres", location: redact(options.url), close: () => client.end({ timeout: 5 }) };
  }
  const dir = options.dir ?? "./data/pglite";
  const release = dir.startsWith("memory://") ? () => {} : lockFolder(dir);
  let client: PGlite;
  try {
    // unaccent and pg_trgm back the search of narrative reports (migration 0002).
    client = await PGlite.create(dir, { extensions: { unaccent, pg_trgm } });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: "pglite",
    location: dir,
    close: async () => {
      await client.close();
      release();
    },
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // A process that has exited but not yet been reaped (a zombie) still answers signal 0.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (not Linux): trust the signal
  }
}

/**
 * PGlite is single-process: two processes on one folder corrupt it. A lock file beside the folder
 * makes the second one stop with a clear message instead. A lock left by a dead process is taken over.
 */
function lockFolder(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(lockPath, "utf8"));
      if (holder && holder !== process.pid && processAlive(holder)) {
        throw new Error(
          `Thư mục dữ liệu ${dir} đang được tiến trình ${holder} sử dụng (ứng dụng đang chạy?). Hãy dừng tiến trình đó hoặc đặt PGLITE_DIR khác. / ` +
            `The data folder ${dir} is in use by process ${holder} (is the app running?). Stop it, or set another PGLITE_DIR.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

/** Options from the environment: DATABASE_URL selects PostgreSQL, else PGLITE_DIR (default ./data/pglite). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  const url = env.DATABASE_URL?.trim();
  if (url) return { url, poolMax: env.DATABASE_POOL_MAX ? Number(env.DATABASE_POOL_MAX) : undefined };
  return { dir: env.PGLITE_DIR?.trim() || "./data/pglite" };
}

/**
 * Apply the committed drizzle-kit migrations. On PostgreSQL several app instances may start at once,
 * so the migration runs on one dedicated connection holding a session advisory lock.
 */
export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if (database.engine === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  if (!url) throw new Error("migrateDatabase needs the PostgreSQL URL");
  const single = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await single`select pg_advisory_lock(${APP_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_DIR });
    await single`select pg_advisory_unlock(${APP_LOCK_KEY})`;
  } finally {
    await single.end({ timeout: 5 });
  }
}

/**
 * Run a raw SQL query and get its rows, whichever engine: postgres.js returns an array,
 * PGlite an object with `rows`.
 */
export async function queryRows<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown;
  if (Array.isArray(res)) return res as T[];
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

/** Take the app-wide transaction lock that serializes writes of figures (imports, reverts). */
export async function lockFigures(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${APP_LOCK_KEY + 1})`);
}
