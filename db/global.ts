/**
 * The process's database handles: one per process, kept on globalThis because Next bundles routes
 * (and instrumentation) separately. Opening migrates and seeds once; every caller awaits the same promise.
 * App code imports db/index.ts (server-only); instrumentation imports this file directly.
 *
 * Two handles: `getDb()` is the primary (writes, sessions, rate limits, anything that reads its own
 * writes); `getReadDb()` is for read-only queries (dashboards, exports, search) and is the streaming
 * replica of DATABASE_READ_URL when one is set, else the primary itself (db/read-replica.ts).
 */
import postgres from "postgres";
import { openDatabase, optionsFromEnv, type Database, type Db } from "./client";
import { bootstrapDatabase, demoWanted } from "./bootstrap";
import { createReadRouter, readReplicaFromEnv, type ReadRouter } from "./read-replica";
import { setResultCacheWriter } from "./queries/result-cache";
import { withoutAbortSignal } from "./abort";

const globalKey = Symbol.for("dvcq.database");
type Holder = { [globalKey]?: Promise<Database> };

async function open(): Promise<Database> {
  const options = optionsFromEnv();
  const database = await openDatabase(options);
  try {
    await bootstrapDatabase(database, { url: options.url, demo: demoWanted(), log: (l) => console.log(l) });
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  console.log(`Cơ sở dữ liệu / database: ${database.engine} (${database.location})`);
  return database;
}

export function getDatabase(): Promise<Database> {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    // Every page renders on request; a page that reached the database at build time would lock the
    // embedded data folder from the build's worker process.
    return Promise.reject(new Error("The database is not opened during next build"));
  }
  const holder = globalThis as Holder;
  if (!holder[globalKey]) {
    holder[globalKey] = withoutAbortSignal(open).catch((err) => {
      delete holder[globalKey]; // the next request tries again instead of caching the failure
      throw err;
    });
  }
  return holder[globalKey]!;
}

export async function getDb() {
  return (await getDatabase()).db;
}

const readKey = Symbol.for("dvcq.readDatabase");
type ReadHolder = { [readKey]?: Promise<ReadRouter | null> };

async function openRead(): Promise<ReadRouter | null> {
  const primary = await getDatabase(); // migrated and seeded first: the replica receives the same by replication
  const { replica, notice } = readReplicaFromEnv(process.env, primary.engine);
  if (notice) console.log(notice);
  if (!replica || !primary.pg) return null;
  const timeout = optionsFromEnv().statementTimeoutMs;
  const client = postgres(replica.url, {
    max: replica.poolMax,
    prepare: replica.prepare,
    connect_timeout: replica.connectTimeout,
    onnotice: () => {},
    ...(timeout ? { connection: { statement_timeout: timeout } } : {}),
  });
  // Results computed from the replica are stored on the primary (a standby takes no writes).
  setResultCacheWriter(primary.db);
  return createReadRouter(client, primary.pg, primary.db);
}

/** The read router, or null when reads go to the primary (no DATABASE_READ_URL, or PGlite). */
export function getReadRouter(): Promise<ReadRouter | null> {
  const holder = globalThis as ReadHolder;
  if (!holder[readKey]) {
    holder[readKey] = openRead().catch((err) => {
      delete holder[readKey];
      throw err;
    });
  }
  return holder[readKey]!;
}

/**
 * The handle for read-only queries: the replica when DATABASE_READ_URL is set (each query falls back to the
 * primary when the replica cannot answer), else the primary. Never write through it, and never use it for
 * what must see a write made just before (the page after an import, import detail, sessions, settings).
 */
export async function getReadDb(): Promise<Db> {
  const router = await getReadRouter();
  return router ? router.db() : getDb();
}
