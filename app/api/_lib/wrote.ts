/**
 * Read-your-writes with a read replica: after a write, a short-lived cookie sends the writer's reads to the
 * primary (db/index.ts getReadDb), so the overview opened right after an import shows the new figures even
 * when the replica is a moment behind. Nothing is set when no replica is configured.
 */
import "server-only";
import { cookies } from "next/headers";
import type { NextResponse } from "next/server";
import { READ_OWN_WRITES_COOKIE, READ_OWN_WRITES_SECONDS } from "@/db/read-own-writes";

const OPTIONS = { maxAge: READ_OWN_WRITES_SECONDS, httpOnly: true, sameSite: "lax", path: "/" } as const;

const replicaConfigured = () => !!process.env.DATABASE_READ_URL?.trim();

/** The response of a route handler that wrote, with the cookie. */
export function wrote<T extends NextResponse>(res: T): T {
  if (replicaConfigured()) res.cookies.set(READ_OWN_WRITES_COOKIE, "1", OPTIONS);
  return res;
}

/** In a server action that wrote. */
export async function wroteInAction(): Promise<void> {
  if (replicaConfigured()) (await cookies()).set(READ_OWN_WRITES_COOKIE, "1", OPTIONS);
}
