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
import { z } from "zod";
import { queryRows } from "../client";
import { int } from "../columns";
import { loadDemoData } from "../bootstrap";
import { ERROR_STATUS, isErrorCode } from "@/lib/errors";
import { BASE, CSV, SQL, badValues, call, routes } from "../test-routes";

const routeDb = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({
  getDb: async () => routeDb.db,
  getReadDb: async () => routeDb.db,
  getDatabase: async () => ({ db: routeDb.db }),
}));

interface ErrorJson {
  code: string;
  message: string;
  messageEn: string;
  details?: Record<string, unknown>;
}

/** Exactly `{ error: { code, message, messageEn, details? } }` (a rejected file keeps its outcome beside it), status from the map. */
async function expectErrorShape(res: Response, label: string): Promise<ErrorJson> {
  const body = await res.json();
  if (body.status !== "rejected") expect(Object.keys(body), label).toEqual(["error"]);
  const keys = Object.keys(body.error).sort();
  expect(
    keys.filter((k) => k !== "details"),
    label,
  ).toEqual(["code", "message", "messageEn"]);
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
    const init = { method: "POST", headers: { ...headers, "content-type": "text/csv" }, body: CSV };
    const res = await POST(new NextRequest(`${BASE}/api/imports?filename=a.csv`, init));
    expect(res.status).toBe(200);
    importId = (await res.json()).importId;
  });
  beforeEach(() => {
    routeDb.db = get().db;
  });

  it("answers every good request of the table", async () => {
    for (const route of await routes(importId))
      expect((await call(route, null, headers)).status, route.name).toBe(route.ok);
  });

  it("refuses every bad parameter value of every route with a 4xx of the one error shape, and still answers the good request", async () => {
    const [{ count: unitsBefore }] = await queryRows(
      get().db,
      sql`select count(*)::int as count from units`,
      z.object({ count: int }),
    );
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
    const [{ count: unitsAfter }] = await queryRows(
      get().db,
      sql`select count(*)::int as count from units`,
      z.object({ count: int }),
    );
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
    const good = { unit: "21136", period: "2025Q1", status: "submitted" };
    const invalid = (label: string, body: unknown) => ({ label, body, status: 422, code: "validation_failed" });
    const fields: { label: string; body: unknown; status: number; code: string }[] = [
      { label: "not JSON", body: "{unit:", status: 400, code: "bad_request" },
      invalid("empty unit", { ...good, unit: "" }),
      invalid("NUL in unit", { ...good, unit: "21136\u0000" }),
      invalid("long unit", { ...good, unit: "9".repeat(10_000) }),
      invalid("SQL period", { ...good, period: SQL }),
      invalid("wrong status", { ...good, status: "done" }),
      invalid("NUL in note", { ...good, note: "a\u0000b" }),
      invalid("number as unit", { ...good, unit: 21136 }),
      invalid("missing status", { unit: "21136", period: "2025Q1" }),
      invalid("long note", { ...good, note: "x".repeat(10_000) }),
      { label: "unknown unit", body: { ...good, unit: "9999999999" }, status: 404, code: "unit_not_found" },
    ];
    it("refuses each bad body with the one error shape", async () => {
      const { POST } = await import("@/app/api/approvals/route");
      const send = (body: string) => POST(new NextRequest(`${BASE}/api/approvals`, { method: "POST", headers, body }));
      for (const f of fields) {
        const body = typeof f.body === "string" ? f.body : JSON.stringify(f.body);
        const res = await send(body);
        expect(res.status, f.label).toBe(f.status);
        expect((await expectErrorShape(res, f.label)).code, f.label).toBe(f.code);
      }
      const wrong = await send(JSON.stringify({ ...good, period: "2025Q5" }));
      expect(await wrong.json()).toEqual({
        error: {
          code: "validation_failed",
          message: 'Nội dung yêu cầu không hợp lệ: period: cần một quý dạng 2025Q1 (nhận được "2025Q5").',
          messageEn: 'Invalid request body: period: expected a quarter such as 2025Q1 (got "2025Q5").',
          details: { fields: ["period"] },
        },
      });
      const done = await send(JSON.stringify({ ...good, note: "Đã rà soát.\nĐủ số liệu." }));
      expect(done.status).toBe(200);
      expect((await done.json()).status).toBe("submitted");
    });
  });
});
