/**
 * No swallowed errors on the pages' read path: when a lookup fails because the database fails, the
 * dashboard's view context and the comparison's subject rethrow (the error page shows), instead of
 * quietly falling back to the default scope as if the unit did not exist. A real "no such unit" still
 * falls back, with its notice.
 */
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine } from "../test-utils";
import { queryRows } from "../client";
import { idRow } from "../columns";
import { loadDemoData } from "../bootstrap";
import { nullIfNotFound } from "@/lib/errors";
import type { AuthUser } from "@/lib/auth/permissions";

const state = vi.hoisted(() => ({
  db: undefined as unknown,
  user: undefined as unknown,
  failStructure: null as string | null,
}));
vi.mock("@/db", () => ({
  getDb: async () => state.db,
  getReadDb: async () => state.db,
  getDatabase: async () => ({ db: state.db }),
}));
vi.mock("@/app/_auth/session", () => ({ requireUser: async () => state.user }));
vi.mock("@/db/queries/units", async (importOriginal) => {
  const real = await importOriginal<typeof import("./units")>();
  return {
    ...real,
    // The lookup of one structure fails like a lost connection does (postgres.js: ECONNREFUSED).
    getScopeUnitByCode: async (db: unknown, params: { code: string; structure: string }) => {
      if (params.structure === state.failStructure) {
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      }
      return real.getScopeUnitByCode(db as Parameters<typeof real.getScopeUnitByCode>[0], params);
    },
  };
});

describeEachEngine("no swallowed errors in the view context", (get) => {
  beforeAll(async () => {
    const { db } = get();
    state.db = db;
    await loadDemoData(db);
    const [unit] = await queryRows(db, sql`select id from units where structure = '2025-06' and code = '525'`, idRow);
    const user: AuthUser = {
      id: "u1",
      email: "admin@test.vn",
      name: "admin",
      role: "admin",
      unitId: unit.id,
      isDemo: false,
      via: "session",
    };
    state.user = user;
  });
  beforeEach(() => {
    state.db = get().db;
    state.failStructure = null;
  });

  it("falls back to the overseeing unit, with a notice, only when the unit really does not exist in the structure asked for", async () => {
    const { resolveView } = await import("@/app/_components/view-context");
    const view = await resolveView({ structure: "2025-07" }, "/");
    expect(view?.scope.code).toBe("525");
    expect(view?.scope.structure).toBe("2025-06");
    expect(view?.notices).toContain("badScope");
  });

  it("rethrows a database failure of that lookup instead of showing the default scope", async () => {
    const { resolveView } = await import("@/app/_components/view-context");
    state.failStructure = "2025-07";
    await expect(resolveView({ structure: "2025-07" }, "/")).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("rethrows a database failure of the comparison's subject instead of comparing the scope", async () => {
    const { resolveView } = await import("@/app/_components/view-context");
    const { resolveSubject } = await import("@/app/compare/_components/compare-data");
    const view = (await resolveView({}, "/compare"))!;
    expect((await resolveSubject(view, "21136")).code).toBe("21136");
    expect((await resolveSubject(view, "99999")).code).toBe("525"); // no such commune: the scope itself
    state.failStructure = view.structure;
    await expect(resolveSubject(view, "21136")).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("nullIfNotFound: null for a unit that does not exist, the error itself for anything else", async () => {
    const { getScopeUnitByCode } = await import("./units");
    expect(await nullIfNotFound(getScopeUnitByCode(get().db, { code: "99999", structure: "2025-06" }))).toBeNull();
    state.failStructure = "2025-06";
    await expect(nullIfNotFound(getScopeUnitByCode(get().db, { code: "525", structure: "2025-06" }))).rejects.toThrow(
      "ECONNREFUSED",
    );
  });
});
