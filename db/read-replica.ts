/**
 * Read-only queries on a PostgreSQL streaming replica (DATABASE_READ_URL), with the primary as the fallback.
 *
 * `readHandle` gives a drizzle handle over the replica's postgres.js pool whose every query (and
 * transaction) is retried once on the primary when the replica cannot answer it:
 * - the replica is unreachable or going away (lib/db-unavailable.ts: refused, reset, 57P0x …);
 * - a hot standby cancelled the query because replay needed the rows it was reading (40001 "conflict with
 *   recovery");
 * - a statement that writes reached it (25006 read_only_sql_transaction: a read path that writes by mistake;
 *   logged, still answered correctly by the primary).
 * After a connection failure the replica is skipped for REPLICA_RETRY_MS (the handle is then the primary's
 * own), so a replica that is down costs one failed attempt per few seconds, not one per query; then it is
 * tried again. With the primary away as well the usual 503 db_unavailable follows.
 *
 * Reads on the replica lag the primary by the replication delay (milliseconds on a LAN): anything that must
 * read its own writes uses the primary handle (getDb) instead.
 */
import type { Sql } from "postgres";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { isDbUnavailable, rootCause } from "@/lib/db-unavailable";
import { readEnv } from "@/lib/env";
import { prepareFromEnv, redact, type Db, type Engine } from "./client";
import * as schema from "./schema";

/** How long a replica that failed to connect is left aside before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;

/** SQLSTATE of a standby's "canceling statement due to conflict with recovery" and of a write on a standby. */
const RECOVERY_CONFLICT = "40001";
const READ_ONLY = "25006";

function sqlState(err: unknown, depth = 0): string {
  if (!err || typeof err !== "object" || depth > 5) return "";
  const e = err as { code?: unknown; cause?: unknown };
  if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return sqlState(e.cause, depth + 1);
}

/** Why a failed read should be asked again of the primary, or null when the failure is the query's own. */
export function replicaFailure(err: unknown): "unavailable" | "recovery_conflict" | "read_only" | null {
  if (isDbUnavailable(err)) return "unavailable";
  const state = sqlState(err);
  if (state === RECOVERY_CONFLICT) return "recovery_conflict";
  if (state === READ_ONLY) return "read_only";
  return null;
}

export interface ReadRouter {
  /** The handle for read-only queries: the replica (falling back per query), or the primary while the replica is down. */
  db(): Db;
  /** Whether the replica is currently left aside after a connection failure. */
  replicaDown(): boolean;
  /** Queries the replica could not answer and the primary did, by reason (for tests and logs). */
  fallbacks: Record<"unavailable" | "recovery_conflict" | "read_only", number>;
}

type Log = (line: string) => void;

/**
 * A router over two postgres.js pools. `primaryDb` is the primary's drizzle handle (already built over
 * `primary`, which drizzle has configured); the replica's handle is built here.
 */
export function createReadRouter(
  replica: Sql,
  primary: Sql,
  primaryDb: Db,
  options: { log?: Log; now?: () => number } = {},
): ReadRouter {
  const log = options.log ?? ((l: string) => console.warn(l));
  const now = options.now ?? Date.now;
  let downUntil = 0;
  const fallbacks = { unavailable: 0, recovery_conflict: 0, read_only: 0 };

  const failed = (err: unknown): boolean => {
    const why = replicaFailure(err);
    if (!why) return false;
    fallbacks[why]++;
    if (why === "unavailable") {
      if (downUntil < now())
        log(
          `Bản sao chỉ đọc không truy cập được (${rootCause(err)}); đọc từ máy chủ chính trong ${REPLICA_RETRY_MS / 1000} ` +
            `giây. / Read replica unreachable (${rootCause(err)}); reading from the primary for ${REPLICA_RETRY_MS / 1000} s.`,
        );
      downUntil = now() + REPLICA_RETRY_MS;
    } else if (why === "read_only") {
      log(`A write reached the read replica (a read path that writes?); retried on the primary: ${rootCause(err)}`);
    }
    return true;
  };

  /** A pending query of postgres.js that runs on the replica and, when it cannot answer, on the primary. */
  const fallbackQuery = (args: unknown[]) => {
    type Pending = PromiseLike<unknown> & { values(): PromiseLike<unknown>; cancel?(): void };
    let current: Pending | null = null;
    const run = (mode: "rows" | "values") => async () => {
      const start = (client: Sql) => {
        current = (client.unsafe as (...a: unknown[]) => Pending)(...args);
        return mode === "values" ? current.values() : current;
      };
      try {
        return await start(replica);
      } catch (err) {
        if (!failed(err)) throw err;
        return await start(primary);
      }
    };
    let rows: Promise<unknown> | null = null;
    // Lazy like postgres.js's own pending query: drizzle either awaits it (rows as objects) or calls
    // `.values()` (rows as arrays), and only the one it asks for may run.
    return {
      // eslint-disable-next-line unicorn/no-thenable
      then(onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) {
        rows ??= run("rows")();
        return rows.then(onFulfilled, onRejected);
      },
      catch(onRejected: (e: unknown) => unknown) {
        return this.then(undefined, onRejected);
      },
      values: () => run("values")(),
      cancel: () => current?.cancel?.(),
    };
  };

  const proxied = new Proxy(replica, {
    get(target, prop, receiver) {
      if (prop === "unsafe") return (...args: unknown[]) => fallbackQuery(args);
      if (prop === "begin")
        return async (...args: unknown[]) => {
          try {
            return await (target.begin as (...a: unknown[]) => Promise<unknown>)(...args);
          } catch (err) {
            if (!failed(err)) throw err;
            return await (primary.begin as (...a: unknown[]) => Promise<unknown>)(...args);
          }
        };
      return Reflect.get(target, prop, receiver);
    },
  });
  const replicaDb = drizzlePostgres(proxied as Sql, { schema }) as unknown as Db;

  return {
    db: () => (downUntil >= now() ? primaryDb : replicaDb),
    replicaDown: () => downUntil >= now(),
    fallbacks,
  };
}

/** Seconds to wait for a replica connection before reading from the primary instead. */
export const REPLICA_CONNECT_TIMEOUT_S = 5;

export interface ReplicaOptions {
  url: string;
  poolMax: number;
  prepare: boolean;
  connectTimeout: number;
}

/**
 * The replica to read from, from DATABASE_READ_URL (validated: a malformed value throws), and the line to
 * log: none on PGlite (ignored, said once), none when it is the primary's own URL.
 * @example readReplicaFromEnv({ DATABASE_URL: "postgres://db1/dvcq", DATABASE_READ_URL: "postgres://db2/dvcq" }, "postgres")
 * → { replica: { url: "postgres://db2/dvcq", poolMax: 10, prepare: true, connectTimeout: 5 }, notice: "… read replica: postgres://db2/dvcq" }
 */
export function readReplicaFromEnv(
  env: Partial<Record<string, string>>,
  engine: Engine,
): { replica: ReplicaOptions | null; notice: string | null } {
  const parsed = readEnv(env as NodeJS.ProcessEnv);
  const url = parsed.DATABASE_READ_URL;
  if (!url) return { replica: null, notice: null };
  if (engine !== "postgres")
    return {
      replica: null,
      notice:
        "DATABASE_READ_URL bị bỏ qua: cơ sở dữ liệu nhúng (PGlite) không có bản sao. / DATABASE_READ_URL ignored: " +
        "the embedded PGlite database has no replica.",
    };
  if (url === parsed.DATABASE_URL) return { replica: null, notice: null };
  return {
    replica: {
      url,
      poolMax: parsed.DATABASE_READ_POOL_MAX ?? (Number(env.DATABASE_POOL_MAX) || 10),
      prepare: prepareFromEnv(env),
      connectTimeout: REPLICA_CONNECT_TIMEOUT_S,
    },
    notice: `Bản sao chỉ đọc / read replica: ${redact(url)}`,
  };
}
