/**
 * Every route handler under app/api, every query parameter (and path id, and POST /api/approvals's body
 * fields), probed with bad values: empty, NUL, 10,000 characters, SQL metacharacters, 1,001 items and a
 * value of the wrong kind. Each answer is exactly the one error shape with the status of its code (never
 * a 500), a refused parameter is named, and the handler answers its good request afterwards.
 * Same harness as route-probes.test.ts: handlers called directly with an administrator's Bearer token.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describeEachEngine } from "../test-utils";
import { testAccount } from "../test-auth";
import { queryRows } from "../client";
import { loadDemoData } from "../bootstrap";
import { ERROR_STATUS, isErrorCode } from "@/lib/errors";

const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({ getDb: async () => routeDb.db, getDatabase: async () => ({ db: routeDb.db }) }));

const BASE = "http://localhost";
type Handler = (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
/** How a parameter reads: coded values are refused unless well-formed; text is any short string. */
type Kind = "coded" | "text";

interface Param {
  name: string;
  kind: Kind;
  required?: boolean;
  /** A value of the wrong kind, e.g. a word where a unit code is expected. */
  wrong: string;
  list?: boolean;
}

interface Route {
  name: string;
  method: "GET" | "POST";
  /** The good request: its path (with `{id}`) and query. */
  path: string;
  query: Record<string, string>;
  handler: Handler;
  body?: () => string;
  ok: number;
  params: Param[];
}

const SQL = "'; drop table units;--";
const CSV = "Mã xã,Kỳ báo cáo,meetings_held\n21136,Quý I/2025,5\n";

async function routes(importId: number): Promise<Route[]> {
  const [ind, comp, dv, sum, imp, impId, rev, tpl, aud, appr] = await Promise.all([
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
  ]);
  const scope: Param = { name: "scope", kind: "coded", wrong: "Trà Bồng" };
  const structure: Param = { name: "structure", kind: "coded", wrong: "2024-01" };
  const period: Param = { name: "period", kind: "coded", required: true, wrong: "21136" };
  const indicators: Param = { name: "indicators", kind: "coded", wrong: "meetings_held", list: true };
  const json = (h: { GET?: unknown; POST?: unknown }, m: "GET" | "POST") => h[m] as Handler;
  return [
    {
      name: "GET /api/indicators",
      method: "GET",
      path: "/api/indicators",
      query: { period: "2025Q1" },
      handler: json(ind, "GET"),
      ok: 200,
      params: [
        { ...scope, wrong: "Việt Nam" },
        structure,
        period,
        indicators,
        { name: "by", kind: "coded", wrong: "commune" },
        { name: "format", kind: "coded", wrong: "pdf" },
      ],
    },
    {
      name: "GET /api/completeness",
      method: "GET",
      path: "/api/completeness",
      query: { period: "2025Q1" },
      handler: json(comp, "GET"),
      ok: 200,
      params: [{ ...scope, wrong: "VN" }, structure, period],
    },
    {
      name: "GET /api/data-values",
      method: "GET",
      path: "/api/data-values",
      query: { periods: "2025Q1" },
      handler: json(dv, "GET"),
      ok: 200,
      params: [
        { name: "units", kind: "coded", wrong: "abc", list: true },
        { name: "periods", kind: "coded", wrong: "2025Q5", list: true },
        { name: "elements", kind: "coded", wrong: "meetings", list: true },
        { name: "format", kind: "coded", wrong: "xlsx" },
      ],
    },
    {
      name: "GET /api/exports/summary",
      method: "GET",
      path: "/api/exports/summary",
      query: { period: "2025Q1", format: "csv" },
      handler: json(sum, "GET"),
      ok: 200,
      params: [scope, structure, period, indicators, { name: "format", kind: "coded", wrong: "pdf" }, { name: "date", kind: "coded", wrong: "2025-02-30" }],
    },
    {
      name: "GET /api/imports",
      method: "GET",
      path: "/api/imports",
      query: {},
      handler: json(imp, "GET"),
      ok: 200,
      params: [
        { name: "limit", kind: "coded", wrong: "0" },
        { name: "offset", kind: "coded", wrong: "-1" },
      ],
    },
    {
      name: "POST /api/imports (preview)",
      method: "POST",
      path: "/api/imports",
      query: { dryRun: "1", filename: "bao-cao.csv" },
      handler: json(imp, "POST"),
      body: () => CSV,
      ok: 200,
      params: [
        { name: "dryRun", kind: "coded", wrong: "yes" },
        { name: "filename", kind: "text", wrong: "x".repeat(256) },
        { name: "sheet", kind: "text", wrong: "x".repeat(101) },
        { name: "source", kind: "coded", wrong: "cli" },
      ],
    },
    {
      name: "GET /api/imports/[id]",
      method: "GET",
      path: "/api/imports/{id}",
      query: {},
      handler: json(impId, "GET"),
      ok: 200,
      params: [{ name: "id", kind: "coded", required: true, wrong: "1.5" }],
    },
    {
      // The good request reverts nothing: an import that does not exist is a 404 of the one shape.
      name: "POST /api/imports/[id]/revert",
      method: "POST",
      path: "/api/imports/{id}/revert",
      query: { source: "api" },
      handler: json(rev, "POST"),
      ok: 404,
      params: [
        { name: "id", kind: "coded", required: true, wrong: "0" },
        { name: "source", kind: "coded", wrong: "cli" },
      ],
    },
    {
      name: "GET /api/imports/template",
      method: "GET",
      path: "/api/imports/template",
      query: { period: "2025Q1" },
      handler: json(tpl, "GET"),
      ok: 200,
      params: [
        { name: "format", kind: "coded", wrong: "json" },
        { name: "period", kind: "coded", wrong: "2999Q1" },
      ],
    },
    {
      name: "GET /api/audit",
      method: "GET",
      path: "/api/audit",
      query: {},
      handler: json(aud, "GET"),
      ok: 200,
      params: [
        { name: "action", kind: "coded", wrong: "drop" },
        { name: "actor", kind: "text", wrong: "x".repeat(201) },
        { name: "target", kind: "text", wrong: "x".repeat(201) },
        { name: "from", kind: "coded", wrong: "01/03/2026" },
        { name: "to", kind: "coded", wrong: "2026-13-01" },
      ],
    },
    {
      name: "GET /api/approvals",
      method: "GET",
      path: "/api/approvals",
      query: { units: "21136", periods: "2025Q1" },
      handler: json(appr, "GET"),
      ok: 200,
      params: [
        { name: "units", kind: "coded", wrong: "21136a", list: true },
        { name: "periods", kind: "coded", wrong: "X", list: true },
        { name: "structure", kind: "coded", wrong: "2025" },
      ],
    },
  ].map((r) => ({ ...r, path: r.path.replace("{id}", String(r.ok === 404 ? importId + 1_000_000 : importId)) })) as Route[];
}

/** The bad values of a parameter and the status each must get: 400 naming it, or the good status where the value is fine. */
function badValues(p: Param, ok: number): { label: string; value: string; status: number }[] {
  const out = [
    { label: "empty", value: "", status: p.required ? 400 : ok },
    { label: "NUL", value: "21136\u0000", status: 400 },
    { label: "10,000 characters", value: "9".repeat(10_000), status: 400 },
    { label: "SQL metacharacters", value: SQL, status: p.kind === "text" ? ok : 400 },
    { label: "wrong kind", value: p.wrong, status: 400 },
  ];
  if (p.list) out.push({ label: "1,001 items", value: Array.from({ length: 1001 }, () => "21136").join(","), status: 400 });
  return out;
}

function call(route: Route, override: { name: string; value: string } | null, headers: Record<string, string>): Promise<Response> {
  let path = route.path;
  const query = new URLSearchParams(route.query);
  if (override?.name === "id") path = path.replace(/\/imports\/\d+/, `/imports/${encodeURIComponent(override.value)}`);
  else if (override) query.set(override.name, override.value);
  const id = override?.name === "id" ? override.value : (/\/imports\/(\d+)/.exec(path)?.[1] ?? "0");
  const qs = query.toString();
  const req = new NextRequest(`${BASE}${path}${qs ? `?${qs}` : ""}`, {
    method: route.method,
    headers: { ...headers, ...(route.body ? { "content-type": "text/csv" } : {}) },
    body: route.method === "POST" && route.body ? route.body() : undefined,
  });
  return route.handler(req, { params: Promise.resolve({ id }) });
}

/** Exactly `{ error: { code, message, messageEn, details? } }` (plus `errors` for a rejected file), status from the map. */
async function expectErrorShape(res: Response, label: string): Promise<{ code: string; message: string; messageEn: string; details?: Record<string, unknown> }> {
  const body = await res.json();
  const top = Object.keys(body).filter((k) => k !== "errors" && !(body.status === "rejected" && k !== "error"));
  expect(top, label).toEqual(["error"]);
  const keys = Object.keys(body.error).sort();
  expect(keys.filter((k) => k !== "details"), label).toEqual(["code", "message", "messageEn"]);
  expect(isErrorCode(body.error.code), `${label}: ${body.error.code}`).toBe(true);
  expect(res.status, label).toBe(ERROR_STATUS[body.error.code as keyof typeof ERROR_STATUS]);
  return body.error;
}

describeEachEngine("route handlers: bad parameters", (get) => {
  let headers: Record<string, string>;
  let importId: number;

  beforeAll(async () => {
    const { db } = get();
    routeDb.db = db;
    await loadDemoData(db);
    headers = (await testAccount(db, { role: "admin", unitCode: "525" })).headers;
    const { POST } = await import("@/app/api/imports/route");
    const res = await POST(new NextRequest(`${BASE}/api/imports?filename=a.csv`, { method: "POST", headers: { ...headers, "content-type": "text/csv" }, body: CSV }));
    expect(res.status).toBe(200);
    importId = (await res.json()).importId;
  });
  beforeEach(() => {
    routeDb.db = get().db;
  });

  it("answers every good request of the table", async () => {
    for (const route of await routes(importId)) expect((await call(route, null, headers)).status, route.name).toBe(route.ok);
  });

  it("refuses every bad parameter value of every route with a 4xx of the one error shape, and still answers the good request", async () => {
    const [{ count: unitsBefore }] = await queryRows<{ count: number }>(get().db, sql`select count(*)::int as count from units`);
    for (const route of await routes(importId)) {
      for (const p of route.params) {
        for (const bad of badValues(p, route.ok)) {
          const label = `${route.name} ${p.name}=${bad.label}`;
          const res = await call(route, { name: p.name, value: bad.value }, headers);
          expect(res.status, label).toBe(bad.status);
          if (bad.status === 400) {
            const error = await expectErrorShape(res, label);
            expect(error.code, label).toBe("bad_request");
            expect(error.details, label).toEqual({ parameter: p.name });
            expect(error.message, label).toContain(`Tham số ${p.name} không hợp lệ`);
            expect(error.messageEn, label).toContain(`Invalid parameter ${p.name}`);
            expect(error.message.length, label).toBeLessThan(1000);
          } else if (bad.status >= 400) await expectErrorShape(res, label);
          else await res.arrayBuffer();
        }
        expect((await call(route, null, headers)).status, `${route.name} after ${p.name}`).toBe(route.ok);
      }
    }
    const [{ count: unitsAfter }] = await queryRows<{ count: number }>(get().db, sql`select count(*)::int as count from units`);
    expect(unitsAfter).toBe(unitsBefore);
  });

  it("answers GET /api/approvals?units=21136&periods=X with 400 naming periods (was 500)", async () => {
    const { GET } = await import("@/app/api/approvals/route");
    const res = await GET(new NextRequest(`${BASE}/api/approvals?units=21136&periods=X`, { headers }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "bad_request",
        message: 'Tham số periods không hợp lệ: cần một quý dạng 2025Q1 (nhận được "X").',
        messageEn: 'Invalid parameter periods: expected a quarter such as 2025Q1 (got "X").',
        details: { parameter: "periods" },
      },
    });
  });

  describe("POST /api/approvals body", () => {
    const fields: { label: string; body: unknown; status: number; code: string }[] = [
      { label: "not JSON", body: "{unit:", status: 400, code: "bad_request" },
      { label: "empty unit", body: { unit: "", period: "2025Q1", status: "submitted" }, status: 422, code: "validation_failed" },
      { label: "NUL in unit", body: { unit: "21136\u0000", period: "2025Q1", status: "submitted" }, status: 422, code: "validation_failed" },
      { label: "long unit", body: { unit: "9".repeat(10_000), period: "2025Q1", status: "submitted" }, status: 422, code: "validation_failed" },
      { label: "SQL period", body: { unit: "21136", period: SQL, status: "submitted" }, status: 422, code: "validation_failed" },
      { label: "wrong status", body: { unit: "21136", period: "2025Q1", status: "done" }, status: 422, code: "validation_failed" },
      { label: "NUL in note", body: { unit: "21136", period: "2025Q1", status: "submitted", note: "a\u0000b" }, status: 422, code: "validation_failed" },
      { label: "number as unit", body: { unit: 21136, period: "2025Q1", status: "submitted" }, status: 422, code: "validation_failed" },
      { label: "missing status", body: { unit: "21136", period: "2025Q1" }, status: 422, code: "validation_failed" },
      { label: "long note", body: { unit: "21136", period: "2025Q1", status: "submitted", note: "x".repeat(10_000) }, status: 422, code: "validation_failed" },
      { label: "unknown unit", body: { unit: "9999999999", period: "2025Q1", status: "submitted" }, status: 404, code: "unit_not_found" },
    ];
    it("refuses each bad body with the one error shape", async () => {
      const { POST } = await import("@/app/api/approvals/route");
      for (const f of fields) {
        const body = typeof f.body === "string" ? f.body : JSON.stringify(f.body);
        const res = await POST(new NextRequest(`${BASE}/api/approvals`, { method: "POST", headers, body }));
        expect(res.status, f.label).toBe(f.status);
        expect((await expectErrorShape(res, f.label)).code, f.label).toBe(f.code);
      }
      const wrong = await POST(new NextRequest(`${BASE}/api/approvals`, { method: "POST", headers, body: JSON.stringify({ unit: "21136", period: "2025Q5", status: "submitted" }) }));
      expect(await wrong.json()).toEqual({
        error: {
          code: "validation_failed",
          message: 'Nội dung yêu cầu không hợp lệ: period: cần một quý dạng 2025Q1 (nhận được "2025Q5").',
          messageEn: 'Invalid request body: period: expected a quarter such as 2025Q1 (got "2025Q5").',
          details: { fields: ["period"] },
        },
      });
      const good = await POST(
        new NextRequest(`${BASE}/api/approvals`, { method: "POST", headers, body: JSON.stringify({ unit: "21136", period: "2025Q1", status: "submitted", note: "Đã rà soát.\nĐủ số liệu." }) }),
      );
      expect(good.status).toBe(200);
      expect((await good.json()).status).toBe("submitted");
    });
  });
});
