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
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import * as schema from "./schema";
import { cancellableClient } from "./abort";

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
  /** The postgres.js pool under `db` (PostgreSQL only): the read replica's router retries on it. */
  pg?: postgres.Sql;
  /** The PGlite instance under `db` (PGlite only). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  url?: string;
  /** PGlite data folder, or `memory://` for a throwaway in-memory database. */
  dir?: string;
  /** PGlite: start from this data folder dump (PGlite's dumpDataDir) instead of a new cluster. */
  loadDataDir?: Blob;
  /** postgres.js pool size. */
  poolMax?: number;
  /** PostgreSQL's statement_timeout on every connection (ms): the last resort against a runaway query. */
  statementTimeoutMs?: number;
  /**
   * Named prepared statements (postgres.js `prepare`, default on). Off behind PgBouncer in transaction
   * mode, where a statement prepared on one server connection is unknown to the next (DATABASE_PREPARE=0).
   */
  prepare?: boolean;
  /**
   * Seconds to wait for a connection (postgres.js `connect_timeout`; default 10, postgres.js's own is 30). A
   * connection attempt made while PostgreSQL restarted once hung until this ran out: the first query after the
   * server came back waited 30 s for an answer a new attempt got in milliseconds.
   */
  connectTimeout?: number;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

/** A key for PostgreSQL advisory locks taken by this app (one number: "DVCQ" in ASCII). */
export const APP_LOCK_KEY = 0x44564351;

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

/**
 * Seconds a connection of the pool waits before connecting again after a failed attempt (postgres.js
 * `backoff`): doubling from 50 ms, at most 1 s. postgres.js's own grows to 20 s with the failures the whole
 * pool has seen, so while PostgreSQL was away every request waited up to 20 s for its 503, and the figures
 * came back up to 20 s after the server did. A pool of 10 trying once a second does not burden a server that
 * is starting.
 * @example reconnectBackoff(0) → between 0.025 and 0.05; reconnectBackoff(20) → between 0.5 and 1
 */
export function reconnectBackoff(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1);
}

/** Open (and create if needed) the database. Does not migrate: see `migrateDatabase`. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolMax ?? 10,
      prepare: options.prepare ?? true,
      backoff: reconnectBackoff,
      connect_timeout: options.connectTimeout ?? 10,
      onnotice: () => {},
      // Counts are integers; sums come back as float8 casts in our SQL, so no bigint strings leak out.
      ...(options.statementTimeoutMs ? { connection: { statement_timeout: options.statementTimeoutMs } } : {}),
    });
    // Queries started while serving a request are cancelled when its client goes away (db/abort.ts).
    const db = drizzlePostgres(cancellableClient(client), { schema }) as unknown as Db;
    return {
      db,
      engine: "postgres",
      location: redact(options.url),
      pg: client,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = options.dir ?? "./data/pglite";
  const release = dir.startsWith("memory://") ? () => {} : lockFolder(dir);
  let client: PGlite;
  try {
    // unaccent and pg_trgm back the search of narrative reports (migration 0002).
    client = await PGlite.create(dir, {
      extensions: { unaccent, pg_trgm },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: "pglite",
    location: dir,
    pglite: client,
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
          `Thư mục dữ liệu ${dir} đang được tiến trình ${holder} sử dụng (ứng dụng đang chạy?). Hãy dừng tiến ` +
            `trình đó hoặc đặt PGLITE_DIR khác. / ` +
            `The data folder ${dir} is in use by process ${holder} (is the app running?). Stop it, or set another PGLITE_DIR.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

/** DATABASE_PREPARE: `0` (or `false`, `off`) turns named prepared statements off (PgBouncer in transaction mode). */
export function prepareFromEnv(env: Partial<Record<string, string>> = process.env): boolean {
  return !/^(0|false|off|no)$/i.test(env.DATABASE_PREPARE?.trim() ?? "");
}

/** Options from the environment: DATABASE_URL selects PostgreSQL, else PGLITE_DIR (default ./data/pglite). */
export function optionsFromEnv(env: Partial<Record<string, string>> = process.env): OpenOptions {
  const url = env.DATABASE_URL?.trim();
  if (url)
    return {
      url,
      poolMax: env.DATABASE_POOL_MAX ? Number(env.DATABASE_POOL_MAX) : undefined,
      statementTimeoutMs: Number(env.DB_STATEMENT_TIMEOUT_MS ?? 120_000) || undefined,
      prepare: prepareFromEnv(env),
    };
  return { dir: env.PGLITE_DIR?.trim() || "./data/pglite" };
}

/**
 * Apply the committed drizzle-kit migrations. On PostgreSQL several app instances may start at once, so
 * the migrations run in one transaction that first takes a transaction-level advisory lock: the next
 * instance waits, then finds them applied. A transaction lock (not a session one) is released by the
 * commit whatever the connection, so this also holds behind PgBouncer in transaction mode. Same
 * bookkeeping as drizzle's migrator (`drizzle.__drizzle_migrations`, a migration is applied when newer
 * than the last one recorded), so databases migrated before keep their history.
 */
export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if (database.engine === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  if (!url) throw new Error("migrateDatabase needs the PostgreSQL URL");
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  const single = postgres(url, { max: 1, onnotice: () => {}, prepare: prepareFromEnv() });
  try {
    await single.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${APP_LOCK_KEY})`;
      await tx`create schema if not exists drizzle`;
      await tx`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`;
      const [last] = await tx<{ created_at: string | null }[]>`
        select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`;
      for (const migration of migrations) {
        if (last && Number(last.created_at) >= migration.folderMillis) continue;
        for (const statement of migration.sql) if (statement.trim()) await tx.unsafe(statement);
        await tx`insert into drizzle.__drizzle_migrations (hash, created_at)
                 values (${migration.hash}, ${migration.folderMillis})`;
      }
    });
  } finally {
    await single.end({ timeout: 5 });
  }
}

/**
 * Run a raw SQL query and parse its rows with a zod schema, whichever engine: postgres.js returns an
 * array, PGlite an object with `rows`, and the two differ in how they hand back bigint, numeric, arrays
 * and timestamps. Parsing here makes the row type true: use the column schemas of db/columns.ts
 * (`int`, `float`, `date`, `textArray`, their `…OrNull` variants) for anything a driver may return as text.
 * A row that does not match throws, naming the row and the column.
 *
 * @example
 * import { z } from "zod";
 * import { date, int } from "./columns";
 * const rows = await queryRows(
 *   db,
 *   sql`select id, code, created_at from units where level = 'commune'`,
 *   z.object({ id: int, code: z.string(), created_at: date }),
 * ); // rows: { id: number; code: string; created_at: Date }[]
 *
 * Was `queryRows<T>(db, query)` (a bare cast): give the schema instead of the type parameter, and define
 * shared row types from their schema (`type ScopeUnit = z.infer<typeof scopeUnitSchema>`).
 */
export async function queryRows<S extends z.ZodType>(db: DbOrTx, query: SQL, schema: S): Promise<z.output<S>[]> {
  const rows = await queryRawRows(db, query);
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new RowParseError(i, parsed.error, row);
    return parsed.data;
  });
}

/** A row of a raw query did not match its schema: a bug in the query or the schema, never user input. */
export class RowParseError extends Error {
  constructor(
    readonly row: number,
    readonly zodError: z.ZodError,
    values: Record<string, unknown>,
  ) {
    // The kind of value, never the value: a row may hold a password hash or a token.
    const kind = (v: unknown) =>
      v === null ? "null" : v instanceof Date ? "Date" : Array.isArray(v) ? "array" : typeof v;
    const issues = zodError.issues
      .slice(0, 3)
      .map((issue) => {
        const column = String(issue.path[0] ?? "");
        const got = column in values ? kind(values[column]) : "no such column";
        return `column "${issue.path.map(String).join(".") || "(row)"}" (${got}): ${issue.message}`;
      })
      .join("; ");
    super(`Row ${row} of a query does not match its schema: ${issues}`);
    this.name = "RowParseError";
  }
}

/**
 * The escape hatch: rows as the driver returned them, unparsed, every value `unknown`. Only for queries
 * whose columns are not known in advance (benchmarks of raw statements); everything else uses `queryRows`.
 */
export async function queryRawRows(db: DbOrTx, query: SQL): Promise<Record<string, unknown>[]> {
  const res: unknown = await db.execute(query);
  if (Array.isArray(res)) return res;
  if (res && typeof res === "object" && "rows" in res && Array.isArray(res.rows)) return res.rows;
  return [];
}

/** Take the app-wide transaction lock that serializes writes of figures (imports, reverts). */
export async function lockFigures(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${APP_LOCK_KEY + 1})`);
}
