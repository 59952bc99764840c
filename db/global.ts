/**
 * The process's database handle: one per process, kept on globalThis because Next bundles routes
 * (and instrumentation) separately. Opening migrates and seeds once; every caller awaits the same promise.
 * App code imports db/index.ts (server-only); instrumentation imports this file directly.
 */
import { openDatabase, optionsFromEnv, type Database } from "./client";
import { bootstrapDatabase, demoWanted } from "./bootstrap";

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
    holder[globalKey] = open().catch((err) => {
      delete holder[globalKey]; // the next request tries again instead of caching the failure
      throw err;
    });
  }
  return holder[globalKey]!;
}

export async function getDb() {
  return (await getDatabase()).db;
}
