/**
 * better-auth on our database handle (drizzle adapter, provider "pg": PGlite and PostgreSQL alike):
 * email + password with the library's scrypt hashing, sessions and rate-limit counters in the
 * database (several app instances share them), httpOnly SameSite=Lax cookies, Secure over HTTPS.
 * Sign-ins, failed sign-ins and sign-outs are recorded in the audit trail with IP and user agent.
 * The app builds one instance lazily (app/_auth/auth.ts); tests build their own on a test database.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware, getIP, getSessionFromCtx, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { queryRows, type Db } from "./client";
import { z } from "zod";
import { dateOrNull } from "./columns";
import { accounts, rateLimits, sessions, users, verifications } from "./schema";
import { countFailedSignIns, recordAudit } from "./queries/audit";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/permissions";
import { requestOrigin } from "@/lib/auth/request";

/** Cookie names start with this: `dvcq.session_token` (`__Secure-dvcq.session_token` over HTTPS). */
export const COOKIE_PREFIX = "dvcq";
export const SESSION_COOKIE = `${COOKIE_PREFIX}.session_token`;
/** A session lasts a week; used at least a day after it was last extended, it is extended again. */
export const SESSION_EXPIRES_IN_S = 7 * 24 * 3600;
export const SESSION_UPDATE_AGE_S = 24 * 3600;

/** Sign-in attempts per client IP and minute before 429 (better-auth's limiter, database storage). */
export const SIGN_IN_MAX_PER_MINUTE = 5;
/** Failed sign-ins per account (email) within the lockout window before further attempts are refused. */
export const ACCOUNT_LOCKOUT_FAILURES = 10;
export const ACCOUNT_LOCKOUT_WINDOW_MS = 15 * 60_000;

export interface CreateAuthOptions {
  secret: string;
  /** Cookies with the Secure attribute (and the __Secure- prefix): for requests served over HTTPS. */
  secureCookies: boolean;
  /** Fixed public URL (BETTER_AUTH_URL); otherwise each request's own origin is used. */
  baseURL?: string;
  /** Extra origins allowed to post to the auth endpoints (comma list in AUTH_TRUSTED_ORIGINS). */
  trustedOrigins?: string[];
  /** Rate limiting on (default). Tests of other things may turn it off. */
  rateLimit?: boolean;
  /** Sign-in attempts allowed per client address and minute (default SIGN_IN_MAX_PER_MINUTE). */
  signInPerMinute?: number;
  /** better-auth's own log level (default "warn"). */
  logLevel?: "debug" | "info" | "warn" | "error";
}

export { requestOrigin };

export function createAuth(db: Db, options: CreateAuthOptions) {
  return betterAuth({
    appName: "Dân vận chính quyền",
    secret: options.secret,
    // Without a fixed public URL, each request's own host is the base (said explicitly, so better-auth
    // does not warn at every start); a call without any host header falls back to localhost.
    baseURL: options.baseURL ?? { allowedHosts: ["*"], fallback: "http://localhost:3000" },
    basePath: "/api/auth",
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by the first-run setup, an administrator or the CLI (db/queries/users.ts).
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: false,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: true, input: false },
        unitId: { type: "number", required: true, input: false },
        deactivatedAt: { type: "date", required: false, input: false },
        isDemo: { type: "boolean", required: false, input: false, defaultValue: false },
      },
      changeEmail: { enabled: false },
      deleteUser: { enabled: false },
    },
    session: { expiresIn: SESSION_EXPIRES_IN_S, updateAge: SESSION_UPDATE_AGE_S },
    rateLimit: {
      enabled: options.rateLimit ?? true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: options.signInPerMinute ?? SIGN_IN_MAX_PER_MINUTE },
        "/change-password": { window: 60, max: options.signInPerMinute ?? SIGN_IN_MAX_PER_MINUTE },
      },
    },
    trustedOrigins: async (request) => {
      const own = request ? requestOrigin(request.headers, request.url) : null;
      return [...(own ? [own] : []), ...(options.trustedOrigins ?? [])];
    },
    advanced: {
      // Explicit, because better-auth skips the origin check when NODE_ENV is "test".
      disableOriginCheck: false,
      disableCSRFCheck: false,
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: options.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: options.secureCookies },
      database: { generateId: () => randomBytes(24).toString("base64url") },
    },
    telemetry: { enabled: false },
    logger: { level: options.logLevel ?? "warn" },
    disabledPaths: [
      "/sign-up/email",
      "/request-password-reset",
      "/reset-password",
      "/send-verification-email",
      "/verify-email",
      "/change-email",
      "/delete-user",
      "/update-user",
    ],
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const rows = await queryRows(
              db,
              sql`select deactivated_at from users where id = ${session.userId}`,
              z.object({ deactivated_at: dateOrNull }),
            );
            if (rows[0]?.deactivated_at)
              throw new APIError("FORBIDDEN", {
                message: "Tài khoản đã bị khoá / account deactivated",
                code: "ACCOUNT_DEACTIVATED",
              });
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : "";
          if (!email) return;
          const failures = await countFailedSignIns(db, {
            email,
            since: new Date(Date.now() - ACCOUNT_LOCKOUT_WINDOW_MS),
          });
          if (failures >= ACCOUNT_LOCKOUT_FAILURES) {
            await recordAudit(db, {
              actor: { userId: null, email, ...from(ctx) },
              action: "sign_in_rate_limited",
              target: `user:${email}`,
              detail: { reason: "account_lockout", failures },
            });
            throw new APIError("TOO_MANY_REQUESTS", {
              message: "Too many failed sign-ins for this account; try again later.",
              code: "ACCOUNT_LOCKED",
            });
          }
        }
        if (ctx.path === "/sign-out") {
          // No session to end is fine; a failing database is not "no session".
          const current = await getSessionFromCtx(ctx).catch((err: unknown) => {
            if (err instanceof APIError) return null;
            throw err;
          });
          if (current) {
            await recordAudit(db, {
              actor: { userId: current.user.id, email: current.user.email, ...from(ctx) },
              action: "sign_out",
              target: `user:${current.user.email}`,
            });
          }
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : null;
          const returned = ctx.context.returned;
          const session = ctx.context.newSession;
          if (session && !isAPIError(returned)) {
            await recordAudit(db, {
              actor: { userId: session.user.id, email: session.user.email, ...from(ctx) },
              action: "sign_in",
              target: `user:${session.user.email}`,
              detail: { sessionId: session.session.id },
            });
          } else {
            const code = isAPIError(returned) ? (returned.body?.code ?? returned.status) : "unknown";
            await recordAudit(db, {
              actor: { userId: null, email, ...from(ctx) },
              action: "sign_in_failed",
              target: email ? `user:${email}` : null,
              detail: { reason: String(code) },
            });
          }
        }
        if (ctx.path === "/change-password") {
          const returned = ctx.context.returned;
          const user = ctx.context.session?.user;
          if (user && !isAPIError(returned)) {
            await recordAudit(db, {
              actor: { userId: user.id, email: user.email, ...from(ctx) },
              action: "password_change",
              target: `user:${user.email}`,
            });
          }
        }
      }),
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** IP and user agent of the request behind a hook, as better-auth resolves the IP for rate limiting. */
function from(ctx: { request?: Request; headers?: Headers; context: { options: Parameters<typeof getIP>[1] } }) {
  const source = ctx.request ?? ctx.headers;
  return {
    ip: source ? getIP(source, ctx.context.options) : null,
    userAgent: (ctx.request?.headers ?? ctx.headers)?.get("user-agent")?.slice(0, 500) ?? null,
  };
}

/**
 * The signing secret: BETTER_AUTH_SECRET when set; otherwise one generated at the first start and kept
 * in the settings table, so restarts and every instance on the same database agree.
 */
export async function getOrCreateAuthSecret(
  db: Db,
  env: Partial<Record<string, string>> = process.env,
): Promise<string> {
  const fromEnv = env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < 32)
      throw new Error("BETTER_AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`).");
    return fromEnv;
  }
  const candidate = randomBytes(32).toString("base64url");
  await db.execute(
    sql`insert into settings (key, value) values ('auth_secret', ${candidate}) on conflict (key) do nothing`,
  );
  const rows = await queryRows(
    db,
    sql`select value from settings where key = 'auth_secret'`,
    z.object({ value: z.string() }),
  );
  if (!rows[0]) throw new Error("Could not store the generated auth secret in the settings table");
  return rows[0].value;
}
