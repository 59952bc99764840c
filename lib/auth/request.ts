/**
 * What access control reads from a request's headers: its own origin, whether a state-changing
 * request comes from this app (CSRF), the Bearer token, the client address. Pure: Headers in, values out.
 */

/** The request's own origin, from Host (or X-Forwarded-Host) and X-Forwarded-Proto, which Next.js always sets. */
export function requestOrigin(headers: Headers, fallbackUrl?: string): string | null {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (host) return `${proto === "https" ? "https" : "http"}://${host}`;
  if (fallbackUrl) {
    try {
      return new URL(fallbackUrl).origin;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Whether cookies set for a request carry Secure: AUTH_SECURE_COOKIES=1/0, else when the app's own address
 * (BETTER_AUTH_URL) is https, else when the request came over HTTPS (X-Forwarded-Proto). The one rule for
 * the sign-in route and the answer cache, which must find the cookie under the same name.
 * @example secureCookiesRule({ AUTH_SECURE_COOKIES: undefined, BETTER_AUTH_URL: undefined }, "https, http") → true
 */
export function secureCookiesRule(
  env: { AUTH_SECURE_COOKIES?: string; BETTER_AUTH_URL?: string },
  forwardedProto: string | null | undefined,
): boolean {
  if (env.AUTH_SECURE_COOKIES === "1") return true;
  if (env.AUTH_SECURE_COOKIES === "0") return false;
  if (env.BETTER_AUTH_URL) return env.BETTER_AUTH_URL.startsWith("https://");
  return forwardedProto?.split(",")[0]?.trim() === "https";
}

export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF rule for cookie-authenticated state-changing requests: the Origin header must be this app's own
 * origin (or a trusted one); without Origin, Sec-Fetch-Site must say same-origin. A request with neither
 * is refused: browsers send one of them, and scripts should use a Bearer token instead of a cookie.
 * @example isSameOriginRequest({ method: "POST", url: "http://a.vn/api/imports", headers: new Headers({ host:
 * "a.vn", origin: "http://evil.example" }) }) → false
 */
export function isSameOriginRequest(
  req: { method: string; url: string; headers: Headers },
  trusted: readonly string[] = [],
): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return true;
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") return origin === requestOrigin(req.headers, req.url) || trusted.includes(origin);
  return req.headers.get("sec-fetch-site") === "same-origin";
}

/** The Bearer token of a request, if it sends one. */
export function bearerToken(headers: Headers): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return m ? m[1] : null;
}

/** The client's address as recorded in the audit trail: the first X-Forwarded-For hop (Next.js sets it). */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
