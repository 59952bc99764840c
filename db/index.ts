/** The app's entry to the database. Server code only: the import below fails in a client bundle. */
import "server-only";

export { getDatabase, getDb, getReadDb } from "./global";
export type { Db, DbOrTx, Database } from "./client";
