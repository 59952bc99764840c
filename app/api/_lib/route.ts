import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { withAbortSignal } from "@/db/abort";
import { requireApiUser, type RequireOptions } from "@/app/_auth/session";
import type { AuthUser } from "@/lib/auth/permissions";
import { errorResponse } from "./http";
import { parseQuery } from "./params";

/**
 * A GET route of the API, the way every one of them starts: the user behind the request (401/403 in the
 * API's error shape unless `options` are met), the query checked by `schema` (400 naming the parameter),
 * then `handler`, whose errors are answered by errorResponse. The whole request runs with its abort signal,
 * so a client that goes away cancels the queries it started (db/abort.ts).
 * @example export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => NextResponse.json(…));
 */
export function readRoute<S extends z.ZodObject>(
  schema: S,
  options: RequireOptions,
  handler: (ctx: { req: NextRequest; user: AuthUser; q: z.infer<S> }) => Promise<Response>,
): (req: NextRequest) => Promise<Response> {
  return (req) =>
    withAbortSignal(req.signal, async () => {
      const user = await requireApiUser(req, options);
      if (user instanceof Response) return user;
      const q = parseQuery(schema, req.nextUrl.searchParams);
      if (q instanceof Response) return q;
      try {
        return await handler({ req, user, q });
      } catch (err) {
        return errorResponse(err);
      }
    });
}
