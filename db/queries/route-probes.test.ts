/**
 * Every route handler under app/api, probed for access control with real accounts and API tokens:
 * anonymous → 401; a reporter of commune 21136 cannot read or write commune 21142; a viewer cannot
 * write; an analyst of district 525 cannot touch district 999 (a tiny fixture); cookie-authenticated
 * writes from a foreign origin are refused (CSRF); a revoked token stops at once; an approved quarter
 * refuses imports (and reverts) with the period_locked message naming it.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describeEachEngine } from "../test-utils";
import { testAccount, type TestAccount } from "../test-auth";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { idRow, int } from "../columns";
import { loadDemoData } from "../bootstrap";
import { revokeApiToken } from "./tokens";
import { listAuditEvents } from "./audit";

const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({
  getDb: async () => routeDb.db,
  getReadDb: async () => routeDb.db,
  getDatabase: async () => ({ db: routeDb.db }),
}));

const BASE = "http://localhost";
type Handler = (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

async function handlers() {
  const [indicators, completeness, dataValues, summary, imports, importId, revert, template, audit, approvals, units] =
    await Promise.all([
      import("@/app/api/indicators/route"),
      import("@/app/api/completeness/route"),
      import("@/app/api/data-values/route"),
      import("@/app/api/exports/summary/route"),
      import("@/app/api/imports/route"),
      import("@/app/api/imports/[id]/route"),
      import("@/app/api/imports/[id]/revert/route"),
      import("@/app/api/imports/template/route"),
      import("@/app/api/audit/route"),
      import("@/app/api/approvals/route"),
      import("@/app/api/units/route"),
    ]);
  return {
    indicators,
    completeness,
    dataValues,
    summary,
    imports,
    importId,
    revert,
    template,
    audit,
    approvals,
    units,
  };
}

/** Every route handler (method, path, handler, body), for the anonymous and viewer probes. */
async function routeTable(
  importIdValue: number,
): Promise<{ name: string; method: "GET" | "POST"; url: string; handler: Handler; body?: string; write: boolean }[]> {
  const h = await handlers();
  const csv = "Mã xã,Kỳ báo cáo,meetings_held\n21136,Quý I/2025,5\n";
  return [
    {
      name: "GET /api/indicators",
      method: "GET",
      url: "/api/indicators?period=2025Q1",
      handler: h.indicators.GET as Handler,
      write: false,
    },
    {
      name: "GET /api/completeness",
      method: "GET",
      url: "/api/completeness?period=2025Q1",
      handler: h.completeness.GET as Handler,
      write: false,
    },
    {
      name: "GET /api/data-values",
      method: "GET",
      url: "/api/data-values?periods=2025Q1",
      handler: h.dataValues.GET as Handler,
      write: false,
    },
    {
      name: "GET /api/exports/summary",
      method: "GET",
      url: "/api/exports/summary?period=2025Q1&format=csv",
      handler: h.summary.GET as Handler,
      write: false,
    },
    { name: "GET /api/imports", method: "GET", url: "/api/imports", handler: h.imports.GET as Handler, write: false },
    {
      name: "POST /api/imports",
      method: "POST",
      url: "/api/imports?filename=a.csv",
      handler: h.imports.POST as Handler,
      body: csv,
      write: true,
    },
    {
      name: "GET /api/imports/[id]",
      method: "GET",
      url: `/api/imports/${importIdValue}`,
      handler: h.importId.GET as Handler,
      write: false,
    },
    {
      name: "POST /api/imports/[id]/revert",
      method: "POST",
      url: `/api/imports/${importIdValue}/revert`,
      handler: h.revert.POST as Handler,
      write: true,
    },
    {
      name: "GET /api/imports/template",
      method: "GET",
      url: "/api/imports/template?period=2025Q1",
      handler: h.template.GET as Handler,
      write: false,
    },
    { name: "GET /api/audit", method: "GET", url: "/api/audit", handler: h.audit.GET as Handler, write: false },
    {
      name: "GET /api/approvals",
      method: "GET",
      url: "/api/approvals?units=21136&periods=2025Q1",
      handler: h.approvals.GET as Handler,
      write: false,
    },
    {
      name: "GET /api/units",
      method: "GET",
      url: "/api/units?structure=2025-06&q=tra",
      handler: h.units.GET as Handler,
      write: false,
    },
    {
      name: "POST /api/approvals",
      method: "POST",
      url: "/api/approvals",
      handler: h.approvals.POST as Handler,
      body: JSON.stringify({ unit: "21136", period: "2025Q1", status: "submitted" }),
      write: true,
    },
  ];
}

function call(
  route: { method: string; url: string; handler: Handler; body?: string },
  headers: Record<string, string> = {},
) {
  const id = /\/api\/imports\/(\d+)/.exec(route.url)?.[1] ?? "0";
  const req = new NextRequest(`${BASE}${route.url}`, {
    method: route.method,
    headers,
    body: route.method === "POST" ? route.body : undefined,
  });
  return route.handler(req, { params: Promise.resolve({ id }) });
}

async function unitId(db: DbOrTx, code: string, structure = "2025-06"): Promise<number> {
  const [u] = await queryRows(db, sql`select id from units where structure = ${structure} and code = ${code}`, idRow);
  return u.id;
}

/** A second district (999) with one commune (99901) under the same province, for the analyst probes. */
async function loadOtherDistrict(db: DbOrTx) {
  const [district] = await queryRows(
    db,
    sql`select parent_id, province_code from units where structure = '2025-06' and code = '525'`,
    z.object({ parent_id: int, province_code: z.string() }),
  );
  await db.execute(sql`insert into units (structure, code, name, level, parent_id, province_code)
    values ('2025-06', '999', 'Huyện Thử Nghiệm', 'district', ${district.parent_id}, ${district.province_code})`);
  const other = await unitId(db, "999");
  await db.execute(sql`insert into units (structure, code, name, level, parent_id, province_code)
    values ('2025-06', '99901', 'Xã Thử Nghiệm', 'commune', ${other}, ${district.province_code})`);
}

const importCsv = (rows: string[]) =>
  ["Mã xã,Kỳ báo cáo,meetings_held,procedures_received,procedures_online", ...rows].join("\n") + "\n";

async function postImport(headers: Record<string, string>, csv: string) {
  const { imports } = await handlers();
  return imports.POST(
    new NextRequest(`${BASE}/api/imports?filename=bao-cao.csv`, {
      method: "POST",
      headers: { "content-type": "text/csv", ...headers },
      body: csv,
    }),
  );
}

describeEachEngine("route handlers: access control", (get) => {
  let admin: TestAccount, analyst: TestAccount, reporter: TestAccount, viewer: TestAccount, otherAnalyst: TestAccount;
  let otherImportId: number;

  beforeAll(async () => {
    const { db } = get();
    routeDb.db = db;
    await loadDemoData(db);
    await loadOtherDistrict(db);
    admin = await testAccount(db, { role: "admin", unitCode: "525" });
    analyst = await testAccount(db, { role: "analyst", unitCode: "525" });
    reporter = await testAccount(db, { role: "reporter", unitCode: "21136" });
    viewer = await testAccount(db, { role: "viewer", unitCode: "525" });
    otherAnalyst = await testAccount(db, { role: "analyst", unitCode: "999" });
    // An import by the administrator touching only commune 21142 (Trà Bùi) and one touching only 99901.
    const res = await postImport(admin.headers, importCsv(["21142,Quý I/2024,7,10,5"]));
    expect(res.status).toBe(200);
    otherImportId = (await res.json()).importId;
  });
  beforeEach(() => {
    routeDb.db = get().db;
  });

  it("refuses every route to an anonymous request with 401", async () => {
    for (const route of await routeTable(otherImportId)) {
      const res = await call(route);
      expect(res.status, route.name).toBe(401);
      expect((await res.json()).error.code, route.name).toBe("unauthenticated");
    }
  });

  it("refuses every state-changing route to a viewer with 403, and the audit trail to anyone but an administrator", async () => {
    for (const route of await routeTable(otherImportId)) {
      const res = await call(route, viewer.headers);
      if (route.write || route.name === "GET /api/audit") expect(res.status, route.name).toBe(403);
      else expect(res.status, route.name).toBeLessThan(500);
    }
    for (const who of [analyst, reporter]) {
      const { audit } = await handlers();
      expect((await audit.GET(new NextRequest(`${BASE}/api/audit`, { headers: who.headers }))).status).toBe(403);
    }
    expect(
      (await (await handlers()).audit.GET(new NextRequest(`${BASE}/api/audit`, { headers: admin.headers }))).status,
    ).toBe(200);
  });

  it("lists units by name within the reader's scope (the unit pickers)", async () => {
    const { units } = await handlers();
    const names = async (who: TestAccount, query: string) => {
      const res = await units.GET(new NextRequest(`${BASE}/api/units?${query}`, { headers: who.headers }));
      expect(res.status, query).toBe(200);
      return ((await res.json()) as { data: { code: string; name: string }[] }).data.map((u) => `${u.code} ${u.name}`);
    };
    expect(await names(reporter, "structure=2025-06&q=tra")).toEqual(["21136 Xã Trà Tân"]);
    expect(await names(reporter, "period=2026Q3&q=")).toEqual(["21136 Xã Cà Đam"]);
    expect(await names(analyst, "structure=2025-06&q=thu nghiem")).toEqual([]); // district 999 is not theirs
    expect(await names(otherAnalyst, "structure=2025-06&q=thu nghiem")).toEqual([
      "999 Huyện Thử Nghiệm",
      "99901 Xã Thử Nghiệm",
    ]);
    expect(await names(admin, "structure=2025-07&q=tay tra&level=commune")).toEqual([
      "21154 Xã Tây Trà",
      "21157 Xã Tây Trà Bồng",
    ]);
    const bad = await units.GET(new NextRequest(`${BASE}/api/units?q=x`, { headers: admin.headers }));
    expect(bad.status).toBe(400); // neither a structure nor a quarter
  });

  it("a reporter of 21136 reads their commune and the district's totals, never commune 21142's rows", async () => {
    const { indicators, completeness, dataValues, summary, importId, template } = await handlers();
    const get_ = (h: { GET: unknown }, url: string) =>
      (h.GET as Handler)(new NextRequest(`${BASE}${url}`, { headers: reporter.headers }), {
        params: Promise.resolve({ id: String(otherImportId) }),
      });

    const rows = await (await get_(indicators, "/api/indicators?period=2025Q1")).json();
    expect(rows.scope.code).toBe("525");
    expect(
      rows.rows
        .filter((r: { kind: string }) => r.kind === "commune")
        .map((r: { unit: { code: string } }) => r.unit.code),
    ).toEqual(["21136"]);
    expect(rows.rows.at(-1).kind).toBe("total");
    expect(
      (await (await get_(indicators, "/api/indicators?period=2025Q1&by=child")).json()).rows.every(
        (r: { kind: string }) => r.kind === "total",
      ),
    ).toBe(true);

    for (const url of [
      "/api/indicators?scope=21142&period=2025Q1",
      "/api/completeness?scope=21142&period=2025Q1",
      "/api/exports/summary?scope=21142&period=2025Q1&format=csv",
      "/api/indicators?scope=VN&period=2025Q1",
      "/api/indicators?scope=51&period=2025Q1",
    ]) {
      const h = url.startsWith("/api/indicators")
        ? indicators
        : url.startsWith("/api/completeness")
          ? completeness
          : summary;
      const res = await get_(h, url);
      expect(res.status, url).toBe(403);
      const body = await res.json();
      expect(body.error.code, url).toBe("forbidden_unit");
    }
    const named = await (await get_(indicators, "/api/indicators?scope=21142&period=2025Q1")).json();
    expect(named.error.message).toContain("21142");

    const values = await (await get_(dataValues, "/api/data-values?periods=2025Q1")).json();
    expect(values.rows.length).toBeGreaterThan(0);
    expect(new Set(values.rows.map((r: { unit_code: string }) => r.unit_code))).toEqual(new Set(["21136"]));
    expect((await (await get_(dataValues, "/api/data-values?units=21142")).json()).rows).toEqual([]);

    const csv = await (await get_(summary, "/api/exports/summary?period=2025Q1&format=csv")).text();
    expect(csv).toContain("21136");
    expect(csv).not.toContain("21142");

    const done = await (await get_(completeness, "/api/completeness?period=2025Q1")).json();
    for (const q of done.quarters)
      for (const c of [...q.missingCommunes, ...q.lateCommunes]) expect(c.code).toBe("21136");

    expect((await get_(importId, `/api/imports/${otherImportId}`)).status).toBe(404);
    const tpl = await (await get_(template, "/api/imports/template?period=2025Q1")).text();
    expect(tpl).toContain("21136");
    expect(tpl).not.toContain("21142");
  });

  it("a reporter imports their own commune, and an upload with another commune's row is refused naming the line", async () => {
    const ok = await postImport(reporter.headers, importCsv(["21136,Quý I/2024,9,20,10"]));
    expect(ok.status).toBe(200);
    const done = await ok.json();
    expect(done.status).toBe("committed");
    const [rec] = await queryRows(
      get().db,
      sql`select created_by from imports where id = ${done.importId}`,
      z.object({ created_by: z.string() }),
    );
    expect(rec.created_by).toBe(reporter.email);
    const audit = await listAuditEvents(get().db, { action: "import", target: `import:${done.importId}` });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorEmail).toBe(reporter.email);

    const refused = await postImport(
      reporter.headers,
      importCsv(["21136,Quý I/2024,9,20,10", "21142,Quý I/2024,1,2,1"]),
    );
    expect(refused.status).toBe(422);
    const body = await refused.json();
    const err = body.errors.find((e: { code: string }) => e.code === "commune_out_of_scope");
    expect(err.line).toBe(3);
    expect(err.message).toContain("21142");
    expect((await listAuditEvents(get().db, { action: "import_rejected" })).length).toBeGreaterThan(0);
  });

  it("an analyst of 525 cannot read, import for, approve or revert in district 999", async () => {
    const { indicators, revert, approvals } = await handlers();
    const read = await indicators.GET(
      new NextRequest(`${BASE}/api/indicators?scope=999&period=2025Q1`, { headers: analyst.headers }),
    );
    expect(read.status).toBe(403);
    expect((await read.json()).error.message).toContain("999");
    const write = await postImport(analyst.headers, importCsv(["99901,Quý I/2024,1,2,1"]));
    expect(write.status).toBe(422);
    expect((await write.json()).errors[0]).toMatchObject({ line: 2, code: "commune_out_of_scope" });
    const approve = await approvals.POST(
      new NextRequest(`${BASE}/api/approvals`, {
        method: "POST",
        headers: analyst.headers,
        body: JSON.stringify({ unit: "99901", period: "2025Q1", status: "approved" }),
      }),
    );
    expect(approve.status).toBe(403);
    // The other district's analyst may not revert (nor see) an import of district 525.
    const otherRevert = await revert.POST(
      new NextRequest(`${BASE}/api/imports/${otherImportId}/revert`, { method: "POST", headers: otherAnalyst.headers }),
      {
        params: Promise.resolve({ id: String(otherImportId) }),
      },
    );
    expect(otherRevert.status).toBe(403);
    expect((await otherRevert.json()).error.code).toBe("forbidden_unit");
    const otherRead = await indicators.GET(
      new NextRequest(`${BASE}/api/indicators?scope=525&period=2025Q1`, { headers: otherAnalyst.headers }),
    );
    expect(otherRead.status).toBe(403);
  });

  it("a revoked API token stops at once", async () => {
    const { db } = get();
    const who = await testAccount(db, { role: "viewer", unitCode: "525" });
    const { indicators } = await handlers();
    const probe = () =>
      indicators.GET(new NextRequest(`${BASE}/api/indicators?period=2025Q1`, { headers: who.headers }));
    expect((await probe()).status).toBe(200);
    await revokeApiToken(db, { id: who.tokenId, actor: { userId: null, email: "test" } });
    expect((await probe()).status).toBe(401);
  });

  it("an approved quarter refuses imports and reverts naming it, until unlocked", async () => {
    const { approvals, revert } = await handlers();
    const setStatus = (who: TestAccount, status: string) =>
      approvals.POST(
        new NextRequest(`${BASE}/api/approvals`, {
          method: "POST",
          headers: who.headers,
          body: JSON.stringify({ unit: "21136", period: "2024Q2", status }),
        }),
      );
    const before = await postImport(reporter.headers, importCsv(["21136,Quý II/2024,4,8,2"]));
    expect(before.status).toBe(200);
    const earlier = (await before.json()).importId;
    expect((await setStatus(reporter, "submitted")).status).toBe(200);
    expect((await setStatus(reporter, "approved")).status).toBe(403); // a reporter submits, never approves
    expect((await setStatus(viewer, "approved")).status).toBe(403);
    const approved = await setStatus(analyst, "approved");
    expect(approved.status).toBe(200);
    expect((await approved.json()).status).toBe("approved");

    const refused = await postImport(
      reporter.headers,
      importCsv(["21136,Quý I/2024,9,20,10", "21136,Quý II/2024,5,9,3"]),
    );
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.errors[0]).toMatchObject({ line: 3, code: "period_locked" });
    expect(body.errors[0].message).toContain("21136");

    const rev = await revert.POST(
      new NextRequest(`${BASE}/api/imports/${earlier}/revert`, { method: "POST", headers: analyst.headers }),
      { params: Promise.resolve({ id: String(earlier) }) },
    );
    expect(rev.status).toBe(409);
    expect((await rev.json()).error.code).toBe("period_locked");

    expect((await setStatus(reporter, "draft")).status).toBe(403); // unlocking is an analyst's
    expect((await setStatus(analyst, "draft")).status).toBe(200);
    const again = await postImport(reporter.headers, importCsv(["21136,Quý II/2024,5,9,3"]));
    expect(again.status).toBe(200);
    expect((await listAuditEvents(get().db, { action: "period_approve" })).length).toBe(1);
    expect((await listAuditEvents(get().db, { action: "period_unlock" })).length).toBe(1);
  });

  describe("cookie sessions", () => {
    it("refuses a cookie-authenticated write from a foreign origin (CSRF) and accepts it from the app's own", async () => {
      const { db } = get();
      (globalThis as Record<symbol, unknown>)[Symbol.for("dvcq.auth")] = undefined; // the auth instance of this database
      const { handleAuthRequest } = await import("@/app/_auth/auth");
      const who = await testAccount(db, { role: "reporter", unitCode: "21136" });
      const signIn = await handleAuthRequest(
        new Request(`${BASE}/api/auth/sign-in/email`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: BASE,
            host: "localhost",
            "x-forwarded-for": "198.51.100.40",
          },
          body: JSON.stringify({ email: who.email, password: "mat-khau-dai-test-1" }),
        }),
      );
      expect(signIn.status).toBe(200);
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
      expect(cookie).toMatch(/session_token=/);
      const { imports, approvals } = await handlers();
      const csv = importCsv(["21136,Quý III/2024,1,2,1"]);
      const send = (origin: string) =>
        imports.POST(
          new NextRequest(`${BASE}/api/imports?filename=a.csv`, {
            method: "POST",
            headers: { cookie, origin, host: "localhost", "content-type": "text/csv" },
            body: csv,
          }),
        );
      const foreign = await send("http://evil.example");
      expect(foreign.status).toBe(403);
      expect((await foreign.json()).error.code).toBe("csrf_rejected");
      const foreignApproval = await approvals.POST(
        new NextRequest(`${BASE}/api/approvals`, {
          method: "POST",
          headers: { cookie, origin: "http://evil.example", host: "localhost" },
          body: JSON.stringify({ unit: "21136", period: "2024Q3", status: "submitted" }),
        }),
      );
      expect(foreignApproval.status).toBe(403);
      const own = await send(BASE);
      expect(own.status).toBe(200);
      // Reads need no origin: the cookie alone is enough.
      const { indicators } = await handlers();
      expect(
        (await indicators.GET(new NextRequest(`${BASE}/api/indicators?period=2025Q1`, { headers: { cookie } }))).status,
      ).toBe(200);
    });
  });
});
