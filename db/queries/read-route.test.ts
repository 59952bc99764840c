/**
 * readRoute (app/api/_lib/route.ts), the one way every API GET starts: who asks (401 before anything), the
 * query checked (400 naming the parameter, handler not run), the handler's errors in the API's error shape,
 * and the handler run with the request's abort signal, so an abandoned request cancels its queries.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { z } from "zod";
import { currentAbortSignal } from "../abort";
import { badParameter } from "@/lib/errors";

vi.mock("@/app/_auth/session", () => ({
  requireApiUser: async (req: Request) =>
    req.headers.get("x-test-user")
      ? { id: "u1", email: "a@test.vn", name: "A", role: "analyst", unitId: 1, isDemo: false, via: "session" }
      : Response.json({ error: { code: "unauthenticated" } }, { status: 401 }),
}));

const { readRoute } = await import("@/app/api/_lib/route");
const { intParam } = await import("@/app/api/_lib/params");

const query = z.object({ limit: intParam(1, 100) });

describe("readRoute", () => {
  it("runs the handler with the user, the parsed query and the request's abort signal", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
      seen = currentAbortSignal();
      return Response.json({ user: user.id, limit: q.limit });
    });
    const req = new NextRequest("http://x.test/api/t?limit=7", {
      headers: { "x-test-user": "1" },
      signal: controller.signal,
    });
    const res = await GET(req);
    expect(await res.json()).toEqual({ user: "u1", limit: 7 });
    expect(seen).toBe(req.signal);
  });

  it("401 before the query is read; 400 naming a bad parameter without running the handler", async () => {
    const handler = vi.fn(async () => Response.json({}));
    const GET = readRoute(query, { capability: "read" }, handler);
    expect((await GET(new NextRequest("http://x.test/api/t?limit=7"))).status).toBe(401);
    const bad = await GET(
      new NextRequest(`http://x.test/api/t?limit=${"9".repeat(10_000)}`, { headers: { "x-test-user": "1" } }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.parameter).toBe("limit");
    expect(handler).not.toHaveBeenCalled();
  });

  it("a thrown error is answered in the API's error shape", async () => {
    const GET = readRoute(query, { capability: "read" }, async () => {
      throw badParameter("structure", "cần structure", "structure is needed");
    });
    const res = await GET(new NextRequest("http://x.test/api/t", { headers: { "x-test-user": "1" } }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "bad_request",
        message: "Tham số structure không hợp lệ: cần structure.",
        messageEn: "Invalid parameter structure: structure is needed.",
        details: { parameter: "structure" },
      },
    });
  });
});
