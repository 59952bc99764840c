/**
 * Whole answers of the server kept under the data version, shared by every instance (table result_cache,
 * keys "answer:…"), for the few pages and API routes read most and changed only by imports (the overview,
 * GET /api/indicators): the bytes Next sent, with their status and headers, served again while no figure has
 * changed. The same contract as the result cache (result-cache.ts): every statement that writes something a
 * figure depends on bumps the version, and an answer is served only at the version it was stored under.
 * What else an answer depends on (the user, the URL, the headers Next varies on, the day) is in its key,
 * which scripts/lib/answer-cache.ts builds.
 *
 * An answer is stored under the version read before Next rendered it: its figures are of that version or
 * newer, and it is served only while that version is current, so it is never older than the data.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "./client";
import { lookupStored, storeResult } from "./queries/result-cache";
import { copiesPerDatabase } from "./local-copies";

export interface StoredAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Uint8Array;
}

export const ANSWER_KEY_PREFIX = "answer:";

/** The key of an answer: everything it depends on besides the data version. */
export function answerKey(parts: unknown): string {
  return ANSWER_KEY_PREFIX + createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}

const envelope = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  body: z.string(),
});

/** This process's copies (per database handle, least recently used out, bounded by ANSWER_CACHE_LOCAL_MB). */
const localOf = copiesPerDatabase<{ version: number; answer: StoredAnswer }>(
  "dvcq.answerCacheLocal",
  "ANSWER_CACHE_LOCAL_MB",
  (e) => e.answer.body.length,
);

/** Hits (of which served from this process's copy) and misses since the process started. */
export const answerCacheStats = { hits: 0, localHits: 0, misses: 0 };

/**
 * The current data version and the answer stored under `key` at that version (null when there is none).
 * One statement; the stored text comes back only when this process holds no copy at that version.
 * Null when the database has no version row (not migrated yet): nothing is cached then.
 */
export async function lookupAnswer(
  db: DbOrTx,
  key: string,
): Promise<{ version: number; answer: StoredAnswer | null } | null> {
  const local = localOf(db);
  const held = local.get(key);
  const row = await lookupStored(db, key, held?.version);
  if (!row) return null;
  if (held && held.version === row.version) {
    answerCacheStats.hits++;
    answerCacheStats.localHits++;
    return { version: row.version, answer: held.answer };
  }
  if (row.value !== null) {
    const parsed = envelope.safeParse(parseOrNull(row.value));
    if (parsed.success) {
      answerCacheStats.hits++;
      const answer = { ...parsed.data, body: new Uint8Array(Buffer.from(parsed.data.body, "base64")) };
      local.set(key, { version: row.version, answer });
      return { version: row.version, answer };
    }
  }
  answerCacheStats.misses++;
  return { version: row.version, answer: null };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // not ours to fail on: a miss, and Next answers
  }
}

/** Keeps `answer` under `key` at `version` (never over an answer of a later version). */
export async function storeAnswer(db: DbOrTx, key: string, version: number, answer: StoredAnswer): Promise<void> {
  localOf(db).set(key, { version, answer });
  const text = JSON.stringify({
    status: answer.status,
    headers: answer.headers,
    body: Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength).toString("base64"),
  });
  await storeResult(db, key, version, text);
}
