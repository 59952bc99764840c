import { beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { describeEachEngine } from "../test-utils";
import { queryRows, type Database } from "../client";
import { int, intOrNull } from "../columns";
import { pgArray } from "../pg-array";
import { testAccount, type TestAccount } from "../test-auth";
import { loadEntryForm, saveEntryForm, type SaveEntryParams } from "./entry-form";
import { getPeriodStatuses, setPeriodStatus } from "./approvals";
import { revertImport, runImport } from "./imports";
import { getScopeUnitByCode, type ScopeUnit } from "./units";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/auth/permissions";

const Q = "2025Q4";
const actor = { userId: null, email: "test", ip: "127.0.0.1", userAgent: "vitest" };

type User = SaveEntryParams["user"];

async function userOf(
  db: Database,
  a: TestAccount,
  role: Role,
  unit: { code: string; structure: string },
): Promise<User> {
  const u = await getScopeUnitByCode(db.db, unit);
  return { id: a.userId, email: a.email, role, unitId: u.id };
}

/** (element, old, new) of a commune's quarter in history order, and the source of the import that wrote each. */
async function history(db: Database, unitId: number, period: string) {
  return queryRows(
    db.db,
    sql`select h.element_code as element, h.old_value as old, h.new_value as new, i.source
        from value_history h join imports i on i.id = h.import_id
        where h.unit_id = ${unitId} and h.period = ${period} order by h.id`,
    z.object({ element: z.string(), old: intOrNull, new: intOrNull, source: z.string() }),
  );
}

async function stored(db: Database, unitId: number, period: string) {
  const rows = await queryRows(
    db.db,
    sql`select element_code as element, value from data_values where unit_id = ${unitId} and period = ${period} order by 1`,
    z.object({ element: z.string(), value: int }),
  );
  return Object.fromEntries(rows.map((r) => [r.element, r.value]));
}

describeEachEngine("entry form: a save is an import", (get) => {
  let camDam: ScopeUnit; // Xã Cà Đam (21136, 2025-07): Trà Tân and Trà Bùi merged
  let tayTra: ScopeUnit; // Xã Tây Trà (21154, 2025-07)
  let reporter: User;
  let admin: User;
  let viewer: User;
  let analyst: User;

  const save = (p: Partial<SaveEntryParams> & Pick<SaveEntryParams, "user" | "inputs">) =>
    saveEntryForm(get().db, {
      unit: camDam,
      period: Q,
      base: {},
      baseDraftAt: null,
      mode: "save",
      actor: { userId: p.user.id, email: p.user.email, ip: "127.0.0.1", userAgent: "vitest" },
      currentQuarter: Q,
      ...p,
    });
  const fileImport = (csv: string) =>
    runImport(get().db, {
      input: new TextEncoder().encode(csv),
      fileName: "bao-cao.csv",
      scopeUnitId: "all",
      mode: "commit",
      createdBy: admin.email,
      source: "api",
      maxBytes: 1 << 20,
      currentQuarter: Q,
    });
  const opened = async (unit: ScopeUnit = camDam) =>
    (await loadEntryForm(get().db, { user: admin, unit, period: Q })).current;

  beforeAll(async () => {
    const db = get();
    camDam = await getScopeUnitByCode(db.db, { code: "21136", structure: "2025-07" });
    tayTra = await getScopeUnitByCode(db.db, { code: "21154", structure: "2025-07" });
    const r = await testAccount(db.db, { role: "reporter", unitCode: "21136", structure: "2025-07" });
    reporter = await userOf(db, r, "reporter", { code: "21136", structure: "2025-07" });
    const a = await testAccount(db.db, { role: "admin", unitCode: "51", structure: "2025-07" });
    admin = await userOf(db, a, "admin", { code: "51", structure: "2025-07" });
    const v = await testAccount(db.db, { role: "viewer", unitCode: "51", structure: "2025-07" });
    viewer = await userOf(db, v, "viewer", { code: "51", structure: "2025-07" });
    const an = await testAccount(db.db, { role: "analyst", unitCode: "51", structure: "2025-07" });
    analyst = await userOf(db, an, "analyst", { code: "51", structure: "2025-07" });
  });

  it("a form save, an import of the same values and a revert give the same history as imports do", async () => {
    const first = { meetings_held: "3", procedures_received: "1.234", procedures_online: "1000" };
    const s1 = await save({ user: reporter, inputs: first });
    expect(s1).toMatchObject({ status: "committed", errors: [] });
    // The same values as a file: nothing changes.
    const again = await fileImport(
      "commune_code,period,element,value\n21136,2025Q4,meetings_held,3\n21136,2025Q4,procedures_received,1234\n21136,2025Q4,procedures_online,1000\n",
    );
    expect(again.status).toBe("unchanged");
    const s2 = await save({ user: reporter, inputs: { ...first, meetings_held: "4" }, base: await opened() });
    expect(s2.status).toBe("committed");
    const r = await revertImport(get().db, {
      importId: (s2 as { importId: number }).importId,
      createdBy: "test",
      source: "api",
    });
    expect(r).toMatchObject({ restored: 1, removed: 0 });
    expect(await stored(get(), camDam.id, Q)).toEqual({
      meetings_held: 3,
      procedures_online: 1000,
      procedures_received: 1234,
    });

    // The same three steps through files on another commune.
    await fileImport(
      "commune_code,period,element,value\n21154,2025Q4,meetings_held,3\n21154,2025Q4,procedures_received,1234\n21154,2025Q4,procedures_online,1000\n",
    );
    await fileImport(
      "commune_code,period,element,value\n21154,2025Q4,meetings_held,3\n21154,2025Q4,procedures_received,1234\n21154,2025Q4,procedures_online,1000\n",
    );
    const f3 = await fileImport(
      "commune_code,period,element,value\n21154,2025Q4,meetings_held,4\n21154,2025Q4,procedures_received,1234\n21154,2025Q4,procedures_online,1000\n",
    );
    await revertImport(get().db, { importId: f3.importId!, createdBy: "test", source: "api" });

    const viaForm = await history(get(), camDam.id, Q);
    const viaFiles = await history(get(), tayTra.id, Q);
    const shape = (h: typeof viaForm) => h.map(({ element, old, new: n }) => [element, old, n]);
    expect(shape(viaForm)).toEqual(shape(viaFiles));
    expect(shape(viaForm)).toEqual([
      ["meetings_held", null, 3],
      ["procedures_received", null, 1234],
      ["procedures_online", null, 1000],
      ["meetings_held", 3, 4],
      ["meetings_held", 4, 3],
    ]);
    expect(viaForm.map((h) => h.source)).toEqual(["form", "form", "form", "form", "revert"]);

    // The import list and the audit trail show the form's saves like any other import.
    const imports = await queryRows(
      get().db,
      sql`select source, status, created_by as by, file_name as file from imports where file_name = 'bieu-mau-21136-2025Q4.csv' order by id`,
      z.object({ source: z.string(), status: z.string(), by: z.string(), file: z.string() }),
    );
    expect(imports).toEqual([
      { source: "form", status: "committed", by: reporter.email, file: "bieu-mau-21136-2025Q4.csv" },
      { source: "form", status: "reverted", by: reporter.email, file: "bieu-mau-21136-2025Q4.csv" },
    ]);
    const audits = await queryRows(
      get().db,
      sql`select action, detail->>'source' as source from audit_events where actor_email = ${reporter.email} order by id`,
      z.object({ action: z.string(), source: z.string() }),
    );
    expect(audits).toEqual([
      { action: "import", source: "form" },
      { action: "import", source: "form" },
    ]);
  });

  it("keeps a draft that breaks a rule without counting it, and refuses to submit until it is fixed", async () => {
    const before = await stored(get(), camDam.id, Q);
    const base = await opened();
    const d = await save({
      user: reporter,
      base,
      inputs: { meetings_held: "3", procedures_received: "1234", procedures_online: "1300" },
    });
    expect(d.status).toBe("draft");
    expect(d.errors.map((e) => e.code)).toEqual(["procedures_online_le_received"]);
    expect(await stored(get(), camDam.id, Q)).toEqual(before);
    const form = await loadEntryForm(get().db, { user: reporter, unit: camDam, period: Q });
    expect(form.draft).toMatchObject({ errorCount: 1, updatedBy: reporter.email });
    expect(form.draft!.inputs.procedures_online).toBe("1300");

    const refused = await setPeriodStatus(get().db, {
      user: reporter,
      unitId: camDam.id,
      period: Q,
      status: "submitted",
      actor,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("draft_pending");

    // Fixed and saved: the figures change, the draft is gone, the quarter can be submitted.
    const ok = await save({
      user: reporter,
      base,
      baseDraftAt: form.draft!.updatedAt,
      inputs: { meetings_held: "3", procedures_received: "1234", procedures_online: "1200" },
    });
    expect(ok.status).toBe("committed");
    expect((await stored(get(), camDam.id, Q)).procedures_online).toBe(1200);
    expect((await loadEntryForm(get().db, { user: reporter, unit: camDam, period: Q })).draft).toBeNull();
  });

  it("tells the second of two concurrent saves what the first changed, and writes nothing", async () => {
    const base = await opened();
    const inputs = { meetings_held: "3", procedures_received: "1234", procedures_online: "1200" };
    const first = await save({ user: reporter, base, inputs: { ...inputs, meetings_held: "7" } });
    expect(first.status).toBe("committed");
    const second = await save({ user: analyst, base, inputs: { ...inputs, dialogues_held: "2" } }).catch(
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(AppError);
    const err = second as AppError;
    expect(err.code).toBe("entry_conflict");
    expect(err.status).toBe(409);
    expect(err.details).toEqual({ changes: [{ element: "meetings_held", was: 3, now: 7 }], savedBy: reporter.email });
    expect(err.messageVi).toContain("Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn): 3 → 7");
    expect((await stored(get(), camDam.id, Q)).dialogues_held).toBeUndefined();
  });

  it("lets a viewer and another commune's reporter write nothing; records an analyst's save as on behalf", async () => {
    const base = await opened();
    const inputs = { meetings_held: "7", procedures_received: "1234", procedures_online: "1200", dialogues_held: "2" };
    const byViewer = await save({ user: viewer, base, inputs }).catch((e: unknown) => e);
    expect((byViewer as AppError).status).toBe(403);
    const other = await save({ user: reporter, unit: tayTra, base: await opened(tayTra), inputs }).catch(
      (e: unknown) => e,
    );
    expect((other as AppError).code).toBe("forbidden_unit");
    const s = await save({ user: analyst, base, inputs });
    expect(s.status).toBe("committed");
    const [row] = await queryRows(
      get().db,
      sql`select created_by as by, note from imports where id = ${(s as { importId: number }).importId}`,
      z.object({ by: z.string(), note: z.string() }),
    );
    expect(row).toEqual({
      by: analyst.email,
      note: `Biểu mẫu nhập thay Xã Cà Đam (21136) bởi ${analyst.email} (analyst) / entered on behalf of the commune`,
    });
  });

  it("submit, send back with a comment the officer sees, resubmit, approve: then a save is refused as locked", async () => {
    const db = get().db;
    const move = (user: User, status: "submitted" | "approved" | "draft", note?: string) =>
      setPeriodStatus(db, { user, unitId: camDam.id, period: Q, status, actor, note });
    await move(reporter, "submitted");
    await move(analyst, "draft", "Số hồ sơ trực tuyến chưa khớp phần mềm một cửa.");
    const [back] = await getPeriodStatuses(db, { unitIds: [camDam.id], periods: [Q] });
    expect(back).toMatchObject({ status: "draft", comment: "Số hồ sơ trực tuyến chưa khớp phần mềm một cửa." });
    await move(reporter, "submitted");
    const [resubmitted] = await getPeriodStatuses(db, { unitIds: [camDam.id], periods: [Q] });
    expect(resubmitted).toMatchObject({ status: "submitted", comment: null });
    await move(analyst, "approved");
    const locked = await save({
      user: reporter,
      base: await opened(),
      inputs: { meetings_held: "8", procedures_received: "1234", procedures_online: "1200", dialogues_held: "2" },
    }).catch((e: unknown) => e);
    expect((locked as AppError).code).toBe("period_locked");
    expect((await stored(get(), camDam.id, Q)).meetings_held).toBe(7);
  });

  it("the quarters before the reform come from the one read path: summed when every predecessor went in whole, else not comparable", async () => {
    const db = get();
    // The predecessors of each new commune, straight from the mapping (the test's own reading of it).
    const predecessors = async (code: string) =>
      (
        await queryRows(
          db.db,
          sql`select o.code from unit_merges m join units o on o.id = m.old_unit_id join units n on n.id = m.new_unit_id
              where n.code = ${code} and n.structure = '2025-07' order by o.code`,
          z.object({ code: z.string() }),
        )
      ).map((r) => r.code);
    const whole = await predecessors("21115"); // three old communes, each wholly inside 21115
    const shared = await predecessors("21136"); // Trà Tân and part of Trà Bùi (21142, also in 21157)
    expect(whole).toHaveLength(3);
    expect(shared).toContain("21142");
    const rows = [...new Set([...whole, ...shared])].map((c, i) => `${c},2025Q2,${2 + i},${10 * (i + 1)}`);
    await fileImport(["unit_code,period,meetings_held,procedures_received", ...rows].join("\n"));
    // Oracle: Σ over the three predecessors' stored 2025Q2 figures.
    const [sum] = await queryRows(
      db.db,
      sql`select sum(value) filter (where element_code = 'meetings_held')::int as meetings,
                 sum(value) filter (where element_code = 'procedures_received')::int as received
          from data_values v join units u on u.id = v.unit_id
          where u.structure = '2025-06' and u.code = any(${pgArray(whole)}::text[]) and v.period = '2025Q2'`,
      z.object({ meetings: int, received: int }),
    );
    const traPhong = await getScopeUnitByCode(db.db, { code: "21115", structure: "2025-07" });
    const composed = await loadEntryForm(db.db, { user: admin, unit: traPhong, period: "2025Q3" });
    expect(composed.previous).toEqual({
      period: "2025Q2",
      from: "predecessors",
      values: { meetings_held: sum.meetings, procedures_received: sum.received },
    });
    // Before the fix this was Trà Tân plus the whole of Trà Bùi, silently: Trà Bùi counted in two new communes.
    const split = await loadEntryForm(db.db, { user: admin, unit: camDam, period: "2025Q3" });
    expect(split.previous).toEqual({ period: "2025Q2", from: "not_comparable", values: {} });
  });
});
