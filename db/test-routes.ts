/**
 * The table of db/queries/route-params.test.ts (a test helper, like test-auth.ts): every route handler
 * under app/api with its good request and every query parameter (or path id) it reads, and the bad
 * values each parameter is probed with.
 */
import { NextRequest } from "next/server";

export const BASE = "http://localhost";
export type Handler = (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
/** How a parameter reads: coded values are refused unless well-formed; text is any short string. */
export type Kind = "coded" | "text";

export interface Param {
  name: string;
  kind: Kind;
  required?: boolean;
  /** A value of the wrong kind, e.g. a word where a unit code is expected. */
  wrong: string;
  list?: boolean;
}

export interface Route {
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

export const SQL = "'; drop table units;--";
export const CSV = "Mã xã,Kỳ báo cáo,meetings_held\n21136,Quý I/2025,5\n";

export async function routes(importId: number): Promise<Route[]> {
  const [ind, comp, dv, sum, imp, impId, rev, tpl, aud, appr, un, rep, repSearch, repTopics, entry] = await Promise.all(
    [
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
      import("@/app/api/reports/route"),
      import("@/app/api/reports/search/route"),
      import("@/app/api/reports/topics/route"),
      import("@/app/api/entry-form/route"),
    ],
  );
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
      params: [
        scope,
        structure,
        period,
        indicators,
        { name: "format", kind: "coded", wrong: "pdf" },
        { name: "date", kind: "coded", wrong: "2025-02-30" },
      ],
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
        { ...scope, wrong: "Trà Tân" },
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
    {
      name: "GET /api/entry-form",
      method: "GET",
      path: "/api/entry-form",
      query: { unit: "21136", period: "2025Q1" },
      handler: json(entry, "GET"),
      ok: 200,
      params: [
        { name: "unit", kind: "coded", required: true, wrong: "Trà Tân" },
        { name: "period", kind: "coded", required: true, wrong: "2025S1" },
      ],
    },
    {
      name: "GET /api/units",
      method: "GET",
      path: "/api/units",
      query: { structure: "2025-06", q: "trà" },
      handler: json(un, "GET"),
      ok: 200,
      params: [
        { name: "q", kind: "text", wrong: "x".repeat(101) },
        { ...structure, required: true },
        { name: "period", kind: "coded", wrong: "2025S1" },
        { name: "level", kind: "coded", wrong: "village", list: true },
        { name: "limit", kind: "coded", wrong: "51" },
      ],
    },
    {
      name: "GET /api/reports",
      method: "GET",
      path: "/api/reports",
      query: {},
      handler: json(rep, "GET"),
      ok: 200,
      params: [
        { name: "units", kind: "coded", wrong: "Trà Tân", list: true },
        { name: "periods", kind: "coded", wrong: "2025Q5", list: true },
      ],
    },
    {
      name: "GET /api/reports/search",
      method: "GET",
      path: "/api/reports/search",
      query: { q: "tiep cong dan" },
      handler: json(repSearch, "GET"),
      ok: 200,
      params: [
        { name: "q", kind: "text", required: true, wrong: "x".repeat(201) },
        scope,
        { name: "periods", kind: "coded", wrong: "2025Q5", list: true },
        { name: "topic", kind: "coded", wrong: "sports" },
        { name: "limit", kind: "coded", wrong: "0" },
        { name: "offset", kind: "coded", wrong: "-1" },
      ],
    },
    {
      name: "GET /api/reports/topics",
      method: "GET",
      path: "/api/reports/topics",
      query: { period: "2025Q1", topic: "reception" },
      handler: json(repTopics, "GET"),
      ok: 200,
      params: [
        scope,
        period,
        { name: "topic", kind: "coded", required: true, wrong: "sports" },
        { name: "part", kind: "coded", wrong: "annex" },
      ],
    },
  ].map((r) => ({
    ...r,
    path: r.path.replace("{id}", String(r.ok === 404 ? importId + 1_000_000 : importId)),
  })) as Route[];
}

/** The bad values of a parameter and the status each must get: 400 naming it, or the good status where the value is fine. */
export function badValues(p: Param, ok: number): { label: string; value: string; status: number }[] {
  const out = [
    { label: "empty", value: "", status: p.required ? 400 : ok },
    { label: "NUL", value: "21136\u0000", status: 400 },
    { label: "10,000 characters", value: "9".repeat(10_000), status: 400 },
    { label: "SQL metacharacters", value: SQL, status: p.kind === "text" ? ok : 400 },
    { label: "wrong kind", value: p.wrong, status: 400 },
  ];
  if (p.list)
    out.push({ label: "1,001 items", value: Array.from({ length: 1001 }, () => "21136").join(","), status: 400 });
  return out;
}

/** The route's good request, or the same with one parameter (or the path id) set to `override.value`. */
export function call(
  route: Route,
  override: { name: string; value: string } | null,
  headers: Record<string, string>,
): Promise<Response> {
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
