/**
 * The server's answer cache (scripts/server.ts): the overview page and GET /api/indicators — what officials
 * open most, and what changes only when figures do — are answered from the answers Next already rendered
 * for the same user, URL and headers at the current data version (db/response-cache.ts), without rendering
 * them again. Everything else, and every request this cannot judge, goes to Next as before.
 *
 * Why here and not in a page: rendering the overview costs 70–100 ms of CPU (React's server render of
 * ~1,900 elements), the engine's figures under it ~4 ms (already cached); a stored answer costs two small
 * statements and a write. Why it is exact: an answer is stored under the version read before Next rendered
 * it and served only while that version is current (every change to a figure, a target, a setting or an
 * approval bumps it); the key holds the session's user as the database has it now (id, role, unit, name,
 * email), the URL, the cookies, every header Next's answer varies on, the build and Vietnam's date.
 *
 * Not served from the cache (Next answers, and what it sends is stored for the next time): a request
 * without a session this can verify in one statement (db/session-lookup.ts; better-auth decides the rest),
 * with a Bearer token, from a client that wrote within the read-your-writes window, or asking for a fresh
 * copy (Cache-Control: no-cache, a browser's hard reload). Stored only: a 200 without Set-Cookie, of HTML,
 * JSON, CSV or React's flight data, that reached its client whole, at most ANSWER_CACHE_MAX_KB (2048).
 * ANSWER_CACHE=off turns it off (as RESULT_CACHE=off does, which turns it off too).
 */
import fs from "node:fs";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { openDatabase, queryRows, type Database, type DbOrTx } from "../../db/client";
import { fastSessionUser } from "../../db/session-lookup";
import { answerKey, lookupAnswer, storeAnswer, type StoredAnswer } from "../../db/response-cache";
import { READ_OWN_WRITES_COOKIE } from "../../db/read-own-writes";
import { calendarNow, vietnamDate } from "../../lib/calendar";
import { secureCookiesRule } from "../../lib/auth/request";

/** The paths answered from the cache: the overview and the indicator API. */
const CACHED_PATHS = new Set(["/", "/api/indicators"]);
/** Request headers an answer depends on besides the cookies (Next's Vary list, the locale, the encoding). */
const KEY_HEADERS = [
  "host",
  "accept-encoding",
  "accept-language",
  "user-agent",
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
  "x-forwarded-proto",
  "x-forwarded-host",
] as const;
const STORED_TYPES = /^(text\/html|application\/json|text\/csv|text\/x-component)/;
/** Response headers not kept with an answer (they belong to one connection or are set again). */
const DROPPED_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

export type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface AnswerCache {
  /** Answers `req` from the cache, or hands it to `next` (storing what it sends when it may). */
  handle(req: IncomingMessage, res: ServerResponse, next: Handle): Promise<void>;
  close(): Promise<void>;
}

export function answerCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DATABASE_URL?.trim()) && env.ANSWER_CACHE !== "off" && env.RESULT_CACHE !== "off";
}

function secureCookies(req: IncomingMessage, env: NodeJS.ProcessEnv): boolean {
  const proto = req.headers["x-forwarded-proto"];
  const { AUTH_SECURE_COOKIES, BETTER_AUTH_URL } = env;
  return secureCookiesRule({ AUTH_SECURE_COOKIES, BETTER_AUTH_URL }, Array.isArray(proto) ? proto[0] : proto);
}

const secretRow = z.object({ value: z.string() });

/**
 * The answer cache of this server process on PostgreSQL (null on the embedded database, whose one process
 * is Next's, or when turned off). Sessions are checked on the primary (a sign-out counts at once); the
 * version and the answers are read where Next reads (the replica of DATABASE_READ_URL, if any), so an
 * answer is never stored under a version newer than the figures it shows.
 */
export async function createAnswerCache(env: NodeJS.ProcessEnv = process.env): Promise<AnswerCache | null> {
  if (!answerCacheEnabled(env)) return null;
  // Small pools that give up quickly: while the database is away Next answers (503 with Retry-After).
  const options = { poolMax: 4, connectTimeout: 5, statementTimeoutMs: 5_000 };
  const primary = await openDatabase({ url: env.DATABASE_URL!.trim(), ...options });
  const readUrl = env.DATABASE_READ_URL?.trim();
  const replica: Database | null =
    readUrl && readUrl !== env.DATABASE_URL!.trim() ? await openDatabase({ url: readUrl, ...options }) : null;
  const readDb: DbOrTx = replica?.db ?? primary.db;
  const maxBytes = (Number(env.ANSWER_CACHE_MAX_KB) || 2048) * 1024;
  const buildDir = path.join(process.cwd(), ".next");
  const buildId = fs.existsSync(path.join(buildDir, "BUILD_ID"))
    ? fs.readFileSync(path.join(buildDir, "BUILD_ID"), "utf8").trim()
    : "";
  let secret: string | null = env.BETTER_AUTH_SECRET?.trim() || null;
  const authSecret = async () => {
    if (secret) return secret;
    const [row] = await queryRows(primary.db, sql`select value from settings where key = 'auth_secret'`, secretRow);
    return (secret = row?.value ?? null);
  };

  /** The key of a request this cache may answer, or null (Next answers it, nothing stored). */
  async function keyOf(req: IncomingMessage): Promise<string | null> {
    if (req.method !== "GET") return null;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    if (!CACHED_PATHS.has(q < 0 ? url : url.slice(0, q))) return null;
    const cookie = req.headers.cookie;
    if (!cookie || req.headers.authorization) return null;
    if (cookie.includes(`${READ_OWN_WRITES_COOKIE}=`)) return null;
    const key = await authSecret();
    if (!key) return null;
    const session = await fastSessionUser(primary.db, {
      cookieHeader: cookie,
      secure: secureCookies(req, env),
      secret: key,
    });
    if (session === "fallback" || !session.user) return null;
    const { id, role, unitId, name, email, isDemo } = session.user;
    return answerKey({
      url,
      user: [id, role, unitId, name, email, isDemo],
      cookie,
      headers: KEY_HEADERS.map((h) => req.headers[h] ?? null),
      build: buildId,
      day: vietnamDate(calendarNow(env)),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, next: Handle): Promise<void> {
    let key: string | null = null;
    let version: number | null = null;
    try {
      key = await keyOf(req);
      if (key) {
        const found = await lookupAnswer(readDb, key);
        if (!found) key = null;
        else {
          version = found.version;
          const fresh = /no-cache/.test(String(req.headers["cache-control"] ?? req.headers.pragma ?? ""));
          if (found.answer && !fresh) return send(res, found.answer);
        }
      }
    } catch (err) {
      // The cache never costs an answer: Next answers as if it were not there.
      logFailure("answer cache: Next answers without it:", err);
      key = null;
    }
    if (key && version !== null)
      capture(res, maxBytes, (answer) => {
        storeAnswer(primary.db, key!, version!, answer).catch((err) =>
          logFailure("answer cache: could not store:", err),
        );
      });
    await next(req, res);
  }

  return {
    handle,
    async close() {
      await replica?.close();
      await primary.close();
    },
  };
}

/** A failure is logged at most every 30 s (while the database is away, every request would say it). */
let lastLogged = 0;
function logFailure(what: string, err: unknown): void {
  if (Date.now() - lastLogged < 30_000) return;
  lastLogged = Date.now();
  console.error(what, err instanceof Error ? err.message : err);
}

function send(res: ServerResponse, answer: StoredAnswer): void {
  res.writeHead(answer.status, {
    ...answer.headers,
    "content-length": String(answer.body.byteLength),
    "x-dvcq-answer": "cache",
  });
  res.end(answer.body);
}

/**
 * Collects what Next writes to `res` (after its compression, which wraps these writes) and, once the client
 * has it all, gives it to `done` if it may be stored.
 */
function capture(res: ServerResponse, maxBytes: number, done: (answer: StoredAnswer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const take = (chunk: unknown, encoding: unknown) => {
    if (overflow || chunk == null || typeof chunk === "function") return;
    const buf =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > maxBytes) {
      overflow = true;
      chunks.length = 0;
    } else chunks.push(buf);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    take(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    take(chunk, rest[0]);
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];
  res.once("finish", () => {
    if (overflow || res.statusCode !== 200 || res.hasHeader("set-cookie")) return;
    if (!STORED_TYPES.test(String(res.getHeader("content-type") ?? ""))) return;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value === undefined || DROPPED_HEADERS.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.map(String) : String(value);
    }
    done({ status: 200, headers, body: new Uint8Array(Buffer.concat(chunks)) });
  });
}
