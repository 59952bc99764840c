/**
 * POST and GET /api/entry-form through the route handler (Bearer token, as machine clients and the
 * tests of the other routes): a partial set of fields is a valid body, a draft and a save answer with
 * their outcome, a viewer is refused, and an approved quarter is locked.
 */
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { describeEachEngine } from "../test-utils";
import { testAccount } from "../test-auth";
import { BASE } from "../test-routes";

const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({ getDb: async () => routeDb.db, getDatabase: async () => ({ db: routeDb.db }) }));

describeEachEngine("route /api/entry-form", (get) => {
  let reporter: Record<string, string>;
  let viewer: Record<string, string>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    const { db } = get();
    routeDb.db = db;
    reporter = (await testAccount(db, { role: "reporter", unitCode: "21136" })).headers;
    viewer = (await testAccount(db, { role: "viewer", unitCode: "525" })).headers;
    analyst = (await testAccount(db, { role: "analyst", unitCode: "525" })).headers;
  });
  beforeEach(() => {
    routeDb.db = get().db;
  });

  const post = async (headers: Record<string, string>, body: unknown) => {
    const { POST } = await import("@/app/api/entry-form/route");
    return POST(
      new NextRequest(`${BASE}/api/entry-form`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  };
  const form = async (headers: Record<string, string>) => {
    const { GET } = await import("@/app/api/entry-form/route");
    const res = await GET(new NextRequest(`${BASE}/api/entry-form?unit=21136&period=2025Q1`, { headers }));
    expect(res.status).toBe(200);
    return res.json();
  };

  it("keeps a draft, saves valid figures as an import, refuses a viewer, then a locked quarter", async () => {
    const draft = await post(reporter, {
      unit: "21136",
      period: "2025Q1",
      mode: "save",
      inputs: { procedures_received: "120", procedures_online: "130" },
      base: {},
      baseDraftAt: null,
    });
    expect(draft.status).toBe(200);
    const d = await draft.json();
    expect(d.status).toBe("draft");
    expect(d.errors.map((e: { code: string }) => e.code)).toEqual(["procedures_online_le_received"]);

    const opened = await form(reporter);
    expect(opened.draft.inputs).toEqual({ procedures_received: "120", procedures_online: "130" });
    expect(opened.current).toEqual({});

    const saved = await post(reporter, {
      unit: "21136",
      period: "2025Q1",
      mode: "save",
      inputs: { procedures_received: "1.200", procedures_online: "130" },
      base: {},
      baseDraftAt: opened.draft.updatedAt,
    });
    const s = await saved.json();
    expect(saved.status).toBe(200);
    expect(s).toMatchObject({ status: "committed", counts: { values: 2, new: 2, changed: 0 } });
    expect((await form(reporter)).current).toEqual({ procedures_received: 1200, procedures_online: 130 });

    const byViewer = await post(viewer, { unit: "21136", period: "2025Q1", mode: "draft", inputs: {} });
    expect(byViewer.status).toBe(403);

    const { POST: approve } = await import("@/app/api/approvals/route");
    const ok = await approve(
      new NextRequest(`${BASE}/api/approvals`, {
        method: "POST",
        headers: { ...analyst, "content-type": "application/json" },
        body: JSON.stringify({ unit: "21136", period: "2025Q1", status: "approved" }),
      }),
    );
    expect(ok.status).toBe(200);
    const locked = await post(reporter, {
      unit: "21136",
      period: "2025Q1",
      mode: "save",
      inputs: { procedures_received: "1.200", procedures_online: "131" },
      base: { procedures_received: 1200, procedures_online: 130 },
    });
    expect(locked.status).toBe(409);
    expect((await locked.json()).error.code).toBe("period_locked");
  });
});
