/**
 * The app's database handle: one per process, kept on globalThis because Next bundles routes
 * separately. Opening migrates and seeds once (db/bootstrap.ts); every caller awaits the same promise.
 */
import "server-only";
import { openDatabase, optionsFromEnv, type Database } from "./client";
import { bootstrapDatabase, demoWanted } from "./bootstrap";

export type { Db, DbOrTx, Database } from "./client";

const globalKey = Symbol.for("dvcq.database");
type Holder = { [globalKey]?: Promise<Database> };

async function open(): Promise<Database> {
  const options = optionsFromEnv();
  const database = await openDatabase(options);
  await bootstrapDatabase(database, { url: options.url, demo: demoWanted(), log: (l) => console.log(l) });
  return database;
}

export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  if (!holder[globalKey]) {
    holder[globalKey] = open().catch((err) => {
      delete holder[globalKey]; // let the next request try again instead of caching the failure
      throw err;
    });
  }
  return holder[globalKey]!;
}

export async function getDb() {
  return (await getDatabase()).db;
}
