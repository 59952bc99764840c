import "server-only";
import { cookies, headers } from "next/headers";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies/utils";
import { getDatabase } from "@/db";
import { createAuth, getOrCreateAuthSecret, type Auth } from "@/db/auth";
import { clientIp, requestOrigin, secureCookiesRule } from "@/lib/auth/request";
import { recordAudit } from "@/db/queries/audit";
import { readEnv } from "@/lib/env";

/**
 * The process's better-auth instances, built lazily on globalThis like the database handle (db/global.ts):
 * one with Secure cookies for requests that came over HTTPS, one without, as AUTH_SECURE_COOKIES says.
 */
const globalKey = Symbol.for("dvcq.auth");
type Holder = { [globalKey]?: Map<boolean, Promise<Auth>> };

/** The signing secret of the process's better-auth instances (read once, as they read it). */
const secretKey = Symbol.for("dvcq.authSecret");
type SecretHolder = { [secretKey]?: Promise<string> };
export function getAuthSecret(): Promise<string> {
  const holder = globalThis as SecretHolder;
  let secret = holder[secretKey];
  if (!secret) {
    secret = holder[secretKey] = (async () => getOrCreateAuthSecret((await getDatabase()).db))();
    secret.catch(() => delete holder[secretKey]);
  }
  return secret;
}

export function getAuth(secure: boolean): Promise<Auth> {
  const holder = globalThis as Holder;
  const instances = (holder[globalKey] ??= new Map());
  let instance = instances.get(secure);
  if (!instance) {
    instance = (async () => {
      const { db } = await getDatabase();
      const env = readEnv();
      return createAuth(db, {
        secret: await getAuthSecret(),
        secureCookies: secure,
        baseURL: env.BETTER_AUTH_URL,
        trustedOrigins: env.AUTH_TRUSTED_ORIGINS?.split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        signInPerMinute: env.AUTH_SIGN_IN_PER_MINUTE,
      });
    })();
    instance.catch(() => instances.delete(secure)); // the next request tries again
    instances.set(secure, instance);
  }
  return instance;
}

/** Whether cookies set for this request carry Secure: AUTH_SECURE_COOKIES=1/0, else when served over HTTPS. */
export function secureCookiesFor(h: Headers): boolean {
  return secureCookiesRule(readEnv(), h.get("x-forwarded-proto"));
}

export function authFor(h: Headers): Promise<Auth> {
  return getAuth(secureCookiesFor(h));
}

/**
 * Every request to /api/auth goes through here: the route handler and the server actions of the
 * login, account and sign-out forms (so they get the same rate limit, origin check and audit).
 * A sign-in refused by the per-IP limiter is recorded too (better-auth answers 429 before any hook).
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const auth = await authFor(request.headers);
  const isSignIn = new URL(request.url).pathname.endsWith("/sign-in/email") && request.method === "POST";
  const copy = isSignIn ? request.clone() : null;
  const response = await auth.handler(request);
  if (copy && response.status === 429) {
    const body = (await copy.json().catch(() => null)) as { email?: unknown } | null;
    const email = typeof body?.email === "string" ? body.email.trim().toLowerCase() : null;
    const { db } = await getDatabase();
    const alreadyRecorded =
      (
        await response
          .clone()
          .json()
          .catch(() => null)
      )?.code === "ACCOUNT_LOCKED";
    if (!alreadyRecorded) {
      await recordAudit(db, {
        actor: {
          userId: null,
          email,
          ip: clientIp(request.headers),
          userAgent: request.headers.get("user-agent")?.slice(0, 500) ?? null,
        },
        action: "sign_in_rate_limited",
        target: email ? `user:${email}` : null,
        detail: { reason: "ip_rate_limit", retryAfter: Number(response.headers.get("x-retry-after")) || null },
      });
    }
  }
  return response;
}

/**
 * From a server action: call an /api/auth endpoint as the browser would (same origin, same client
 * address and agent, the session cookie when `withCookie`), then copy the cookies it sets onto the
 * action's response.
 */
export async function callAuthFromAction(
  path: string,
  body: unknown,
  options: { withCookie?: boolean } = {},
): Promise<Response> {
  const h = await headers();
  const origin = requestOrigin(h) ?? "http://localhost";
  const forward = new Headers({ "content-type": "application/json", origin });
  for (const name of [
    "host",
    "user-agent",
    "x-forwarded-for",
    "x-forwarded-proto",
    "x-forwarded-host",
    "accept-language",
  ]) {
    const v = h.get(name);
    if (v) forward.set(name, v);
  }
  if (options.withCookie) {
    const cookie = h.get("cookie");
    if (cookie) forward.set("cookie", cookie);
  }
  const response = await handleAuthRequest(
    new Request(`${origin}/api/auth${path}`, { method: "POST", headers: forward, body: JSON.stringify(body ?? {}) }),
  );
  const setCookie = response.headers.get("set-cookie");
  if (setCookie) {
    const jar = await cookies();
    parseSetCookieHeader(setCookie).forEach((value, name) => {
      if (name) jar.set(name, value.value, toCookieOptions(value));
    });
  }
  return response;
}
