/** The app's entry to the database. Server code only: the import below fails in a client bundle. */
import "server-only";
import { cookies } from "next/headers";
import { getDb, getReadDb as getReplicaOrPrimary } from "./global";
import type { Db } from "./client";
import { READ_OWN_WRITES_COOKIE } from "./read-own-writes";

export { getDatabase, getDb } from "./global";
export type { Db, DbOrTx, Database } from "./client";

/** Whether the current request carries the read-your-writes cookie (false outside a request). */
async function wroteRecently(): Promise<boolean> {
  try {
    return (await cookies()).has(READ_OWN_WRITES_COOKIE);
  } catch {
    return false; // not in a request (scripts, tests)
  }
}

/**
 * The handle for read-only queries (dashboards, exports, search): the replica of DATABASE_READ_URL, or
 * the primary when there is none — and for a client that wrote within READ_OWN_WRITES_SECONDS.
 */
export async function getReadDb(): Promise<Db> {
  if (await wroteRecently()) return getDb();
  return getReplicaOrPrimary();
}
