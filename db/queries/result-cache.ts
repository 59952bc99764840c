/**
 * Computed results shared by every app instance: an indicator table or a completeness report is stored in
 * PostgreSQL (table result_cache) under the data version it was computed at, and served while that version
 * is current. Every statement that writes to a table a figure depends on bumps the version (triggers of
 * migration 0003: figures, history, imports, units, mapping, targets, settings, approvals), so an import, a
 * revert or an approval makes every stored result stale at its commit, whichever instance made it.
 *
 * Why a cache and not pre-aggregation: the figures officials ask for are few and asked often (a scope × a
 * period × a reader), they change only when an import commits, and the engine already computes each one in a
 * handful of statements; a result keyed by the version is exact by construction (it is the engine's own
 * answer), while pre-aggregated sums would be a second way of computing figures to keep equal to the first.
 *
 * The key holds everything the result depends on: the kind, the reader's scope (what they may see) and
 * the parameters. `RESULT_CACHE=off` disables it (the benchmark's baseline).
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { copiesPerDatabase } from "../local-copies";

export function resultCacheEnabled(): boolean {
  return process.env.RESULT_CACHE !== "off";
}

/** Computations in flight in this process, per database handle, so concurrent requests compute a result once. */
const inflightByDb = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Where this process stores results: the primary, when reads (and so lookups) go to a read replica. The app
 * registers it when it opens its databases (db/global.ts); by default a result is stored where it was read.
 */
// On globalThis: Next bundles routes separately, each with its own copy of this module.
const writerKey = Symbol.for("dvcq.resultCacheWriter");
type WriterHolder = { [writerKey]?: DbOrTx | null };
export function setResultCacheWriter(db: DbOrTx | null): void {
  (globalThis as WriterHolder)[writerKey] = db;
}

/**
 * This process's copies of stored results, each with the data version it belongs to: a lookup still asks the
 * database for the current version (one small row), but a result this process already holds at that version
 * is not sent again (the country's table is 300 KB, a province's 750 KB). A copy of an older version is never
 * served: the version read in the same statement decides. Bounded by RESULT_CACHE_LOCAL_MB (default 64; 0
 * turns the copies off), least recently used first out.
 */
interface LocalEntry {
  version: number;
  text: string;
  /** The text as UTF-8, kept once an API answer has needed it (sent as is, not encoded per request). */
  bytes?: Uint8Array<ArrayBuffer>;
}
const utf8 = new TextEncoder();
const localCopiesOf = copiesPerDatabase<LocalEntry>(
  "dvcq.resultCacheLocal",
  "RESULT_CACHE_LOCAL_MB",
  (e) => e.text.length + (e.bytes?.length ?? 0),
);
/** The entry's UTF-8 bytes, encoded once and kept with it (and counted) while it is held. */
function bytesOf(db: DbOrTx, key: string, entry: LocalEntry): Uint8Array<ArrayBuffer> {
  if (entry.bytes) return entry.bytes;
  const bytes = utf8.encode(entry.text);
  entry.bytes = bytes;
  localCopiesOf(db).grew(key, entry, bytes.length);
  return bytes;
}
/** Forget this process's copies of `db`'s results (tests). */
export function clearLocalResultCopies(db: DbOrTx): void {
  localCopiesOf(db).clear();
}

/** Hits and misses since the process started (tests, logs). */
export const resultCacheStats = { hits: 0, misses: 0, localHits: 0 };

const lookupRow = z.object({ version: z.coerce.number(), value: z.string().nullable() });

/**
 * The current data version and the text stored under `key` at that version, in one statement; the text
 * comes back only when `heldVersion` (this process's copy) is not that version. Undefined on a database
 * without the version row (never migrated to 0003). Shared with the answer cache (db/response-cache.ts).
 */
export async function lookupStored(
  db: DbOrTx,
  key: string,
  heldVersion: number | undefined,
): Promise<{ version: number; value: string | null } | undefined> {
  const [row] = await queryRows(
    db,
    sql`select d.version, c.value from data_version d
        left join result_cache c on c.key = ${key} and c.version = d.version and d.version <> ${heldVersion ?? -1}
        where d.id = 1`,
    lookupRow,
  );
  return row;
}

function cacheKey(kind: string, parts: unknown): string {
  return `${kind}:${createHash("sha256").update(JSON.stringify(parts)).digest("base64url")}`;
}

/** ISO timestamps written by JSON.stringify(Date) come back as Dates. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export function reviveDates<T>(value: T): T {
  if (typeof value === "string") return (ISO.test(value) ? new Date(value) : value) as T;
  if (Array.isArray(value)) return value.map(reviveDates) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = reviveDates(v);
    return out as T;
  }
  return value;
}

/**
 * The stored result for `kind` × `parts` at the current data version, or `compute()`'s, stored for the next
 * caller. A failure to store is logged and the computed result returned: the cache never costs a figure.
 * `writeDb` is where results are stored (the primary when reads go to a replica).
 */
export async function cachedResult<T>(
  db: DbOrTx,
  kind: string,
  parts: unknown,
  compute: () => Promise<T>,
  options: { writeDb?: DbOrTx; revive?: (value: unknown) => T } = {},
): Promise<T> {
  if (!resultCacheEnabled()) return compute();
  let computed: { value: T } | null = null;
  const text = await cachedJsonText(
    db,
    kind,
    parts,
    async () => {
      const value = await compute();
      computed = { value };
      return JSON.stringify(value);
    },
    options,
  );
  if (computed) return (computed as { value: T }).value;
  const revive = options.revive ?? ((v: unknown) => v as T);
  return revive(JSON.parse(text));
}

/**
 * The same, as the JSON text of the result: what an API answer sends, without parsing and serializing a
 * stored result again. `compute` returns the JSON text of a fresh result.
 */
export async function cachedJsonText(
  db: DbOrTx,
  kind: string,
  parts: unknown,
  compute: () => Promise<string>,
  options: { writeDb?: DbOrTx } = {},
): Promise<string> {
  return (await cachedEntry(db, kind, parts, compute, options)).text;
}

/**
 * The same as UTF-8 bytes, ready to send: a result this process holds is encoded once, not on every answer
 * (encoding the province's 750 KB text took about 3 ms of each request).
 */
export async function cachedJsonBytes(
  db: DbOrTx,
  kind: string,
  parts: unknown,
  compute: () => Promise<string>,
  options: { writeDb?: DbOrTx } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const { text, entry, key } = await cachedEntry(db, kind, parts, compute, options);
  return entry && key ? bytesOf(db, key, entry) : utf8.encode(text);
}

async function cachedEntry(
  db: DbOrTx,
  kind: string,
  parts: unknown,
  compute: () => Promise<string>,
  options: { writeDb?: DbOrTx },
): Promise<{ text: string; entry?: LocalEntry; key?: string }> {
  if (!resultCacheEnabled()) return { text: await compute() };
  const key = cacheKey(kind, parts);
  const copies = localCopiesOf(db);
  const local = copies.get(key);
  // The stored text comes back only when this process has no copy of it at the current version.
  const row = await lookupStored(db, key, local?.version);
  if (!row) return { text: await compute() }; // a database without the version row (never migrated to 0003)
  if (local && local.version === row.version) {
    resultCacheStats.hits++;
    resultCacheStats.localHits++;
    return { text: local.text, entry: local, key };
  }
  if (row.value !== null) {
    resultCacheStats.hits++;
    const entry = { version: row.version, text: row.value };
    copies.set(key, entry);
    return { text: row.value, entry, key };
  }
  resultCacheStats.misses++;
  const flight = `${key}@${row.version}`;
  let inflight = inflightByDb.get(db);
  if (!inflight) inflightByDb.set(db, (inflight = new Map()));
  const running = inflight.get(flight) as Promise<LocalEntry> | undefined;
  if (running) {
    try {
      const entry = await running;
      return { text: entry.text, entry, key };
    } catch {
      return { text: await compute() }; // the first caller's request was abandoned (or failed): compute for this one
    }
  }
  const promise = (async () => {
    const text = await compute();
    const entry = { version: row.version, text };
    copies.set(key, entry);
    const writer = (globalThis as WriterHolder)[writerKey];
    await storeResult(options.writeDb ?? writer ?? db, key, row.version, text).catch((err) =>
      console.error(`result cache: could not store ${kind}:`, err instanceof Error ? err.message : err),
    );
    return entry;
  })();
  inflight.set(flight, promise);
  try {
    const entry = await promise;
    return { text: entry.text, entry, key };
  } finally {
    inflight.delete(flight);
  }
}

/** Stores `text` under `key` at `version`, never over a later version's (shared with the answer cache). */
export async function storeResult(db: DbOrTx, key: string, version: number, text: string): Promise<void> {
  await db.execute(
    sql`insert into result_cache (key, version, value) values (${key}, ${version}, ${text})
        on conflict (key) do update set version = excluded.version, value = excluded.value, created_at = now()
        where result_cache.version < excluded.version`,
  );
  // Now and then, results of earlier versions go (never served again).
  if (Math.random() < 0.05) {
    await db.execute(sql`delete from result_cache where version < ${version}`);
  }
}
