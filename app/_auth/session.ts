import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NextResponse } from "next/server";
import { getDb } from "@/db";
import { verifyApiToken } from "@/db/queries/tokens";
import { needsSetup } from "@/db/queries/users";
import type { AuditActor } from "@/db/queries/audit";
import { errorResponse } from "@/app/api/_lib/http";
import { can, canWrite, isRole, type AuthUser, type Capability, type Role } from "@/lib/auth/permissions";
import { csrfRejected, forbiddenCapability, unauthenticated } from "@/lib/auth/errors";
import { bearerToken, clientIp, isSameOriginRequest, SAFE_METHODS } from "@/lib/auth/request";
import { fastSessionUser } from "@/db/session-lookup";
import { authFor, getAuthSecret, secureCookiesFor } from "./auth";

/** Header set by proxy.ts: the path of the page being rendered (layouts cannot see it otherwise). */
export const PATHNAME_HEADER = "x-dvcq-pathname";
/** Pages anyone may open: signing in and the first-run setup. */
export const PUBLIC_PATHS = ["/login", "/setup"] as const;

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Who sends these headers: the session cookie's user, or the owner of the Bearer token (a request
 * with a Bearer token is judged by the token alone). Null when neither proves anyone, or when the
 * account is deactivated.
 */
export async function getUserFromHeaders(h: Headers): Promise<AuthUser | null> {
  const db = await getDb();
  const token = bearerToken(h);
  if (token) return verifyApiToken(db, token);
  const cookie = h.get("cookie");
  if (!cookie) return null;
  // The common case in one statement; better-auth decides everything else (db/session-lookup.ts).
  const fast = await fastSessionUser(db, {
    cookieHeader: cookie,
    secure: secureCookiesFor(h),
    secret: await getAuthSecret(),
  });
  if (fast !== "fallback") return fast.user;
  const auth = await authFor(h);
  const session = await auth.api.getSession({ headers: h });
  if (!session) return null;
  const u = session.user as typeof session.user & {
    role?: unknown;
    unitId?: unknown;
    deactivatedAt?: unknown;
    isDemo?: unknown;
  };
  if (u.deactivatedAt || !isRole(u.role) || typeof u.unitId !== "number") return null;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    unitId: u.unitId,
    isDemo: u.isDemo === true,
    via: "session",
  };
}

/** The current user of a page, server action or server component (once per request). */
export const getCurrentUser = cache(async (): Promise<AuthUser | null> => getUserFromHeaders(await headers()));

/** Who did it and from where, for recordAudit. */
export function auditActor(user: Pick<AuthUser, "id" | "email"> | null, h: Headers): AuditActor {
  return {
    userId: user?.id ?? null,
    email: user?.email ?? null,
    ip: clientIp(h),
    userAgent: h.get("user-agent")?.slice(0, 500) ?? null,
  };
}

/** auditActor for the current request (server actions, pages). */
export async function currentAuditActor(user: Pick<AuthUser, "id" | "email"> | null): Promise<AuditActor> {
  return auditActor(user, await headers());
}

export interface RequireOptions {
  /** Refuse unless the role has this capability (lib/auth/permissions.ts). */
  capability?: Capability;
  /** Refuse unless the role may write something (not a viewer). */
  write?: boolean;
  /** Refuse unless the role is one of these. */
  roles?: readonly Role[];
}

function refusal(user: AuthUser, options: RequireOptions): Capability | null {
  if (options.capability && !can(user.role, options.capability)) return options.capability;
  if (options.write && !canWrite(user.role)) return "import";
  if (options.roles && !options.roles.includes(user.role)) return options.capability ?? "manageUsers";
  return null;
}

/**
 * For pages and server actions: the signed-in user, or a redirect — to /setup while no account exists,
 * to /login (back to this page afterwards) when not signed in, to /denied when the role may not.
 */
export async function requireUser(options: RequireOptions = {}): Promise<AuthUser> {
  const user = await getCurrentUser();
  if (!user) {
    if (await needsSetup(await getDb())) redirect("/setup");
    const path = (await headers()).get(PATHNAME_HEADER);
    redirect(path && path !== "/" && !isPublicPath(path) ? `/login?next=${encodeURIComponent(path)}` : "/login");
  }
  const refused = refusal(user, options);
  if (refused) redirect(`/denied?need=${refused}`);
  return user;
}

/** For the root layout: public pages render for anyone (the user when signed in), the others require one. */
export async function pageGate(): Promise<AuthUser | null> {
  const path = (await headers()).get(PATHNAME_HEADER);
  if (path !== null && isPublicPath(path)) return getCurrentUser();
  return requireUser();
}

function trustedOrigins(): string[] {
  return (process.env.AUTH_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * For route handlers: the user behind the request (session cookie or Bearer token), or the JSON
 * response to return — 401 when nobody is signed in, 403 when the role may not or a cookie-carrying
 * state-changing request is not same-origin (Bearer requests are exempt from that check).
 * @example
 *   const user = await requireApiUser(req, { capability: "import" });
 *   if (user instanceof Response) return user;
 */
export async function requireApiUser(req: Request, options: RequireOptions = {}): Promise<AuthUser | NextResponse> {
  try {
    const user = await getUserFromHeaders(req.headers);
    if (!user) return errorResponse(unauthenticated());
    if (
      user.via === "session" &&
      !SAFE_METHODS.has(req.method.toUpperCase()) &&
      !isSameOriginRequest(req, trustedOrigins())
    ) {
      return errorResponse(csrfRejected());
    }
    const refused = refusal(user, options);
    if (refused) return errorResponse(forbiddenCapability(user.role, refused));
    return user;
  } catch (err) {
    return errorResponse(err);
  }
}

/** For server actions that must not redirect: the user, or throw the 401/403 AppError. */
export async function requireActionUser(options: RequireOptions = {}): Promise<AuthUser> {
  const user = await getCurrentUser();
  if (!user) throw unauthenticated();
  const refused = refusal(user, options);
  if (refused) throw forbiddenCapability(user.role, refused);
  return user;
}
