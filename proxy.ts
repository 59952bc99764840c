/**
 * The first gate of every page: without a session cookie, go to /login (which leads on to /setup while
 * no account exists). Only a cheap cookie check — no database here; the root layout then verifies the
 * session (app/_auth/session.ts pageGate) and every page, action and route checks the user's scope.
 * It also tells the layout which page is being rendered (x-dvcq-pathname). /login, /setup and /api/*
 * are not gated here: the API answers 401 itself.
 */
import { NextResponse, type NextRequest } from "next/server";

const PUBLIC_PATHS = ["/login", "/setup"];
const SESSION_COOKIES = ["dvcq.session_token", "__Secure-dvcq.session_token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!isPublic && !signedIn) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  const headers = new Headers(request.headers);
  headers.set("x-dvcq-pathname", pathname);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: [
    "/((?!api/|_next/|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|jpeg|svg|ico|css|js|map|woff2?|txt|webmanifest)$).*)",
  ],
};
