import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine } from "../test-utils";
import { queryRows, type DbOrTx } from "../client";
import { idRow } from "../columns";
import { assertNotLocked, getPeriodStatuses, lockedValues, setPeriodStatus, stagedLockedIssues } from "./approvals";
import { createStaging, stageValues } from "./staging";
import { insertUser } from "./users";
import { listAuditEvents } from "./audit";

async function idOf(db: DbOrTx, structure: string, code: string): Promise<number> {
  const [row] = await queryRows(db, sql`select id from units where structure = ${structure} and code = ${code}`, idRow);
  return row.id;
}

async function seed(db: DbOrTx, email: string, role: "analyst" | "reporter" | "viewer", code: string) {
  return insertUser(db, {
    email,
    name: email,
    role,
    unitId: await idOf(db, "2025-06", code),
    password: "mat-khau-dai-1",
    actor: { userId: null, email: "test" },
  });
}

const from = (u: { id: string; email: string }) => ({
  userId: u.id,
  email: u.email,
  ip: "10.0.0.1",
  userAgent: "vitest",
});

describeEachEngine("approve and lock", (get) => {
  it("goes draft → submitted (reporter) → approved (analyst) → draft (analyst unlocks), each step audited", async () => {
    const { db } = get();
    const reporter = await seed(db, "rep@test.vn", "reporter", "21136");
    const analyst = await seed(db, "ana@test.vn", "analyst", "525");
    const traTan = await idOf(db, "2025-06", "21136");
    expect(await getPeriodStatuses(db, { unitIds: [traTan], periods: ["2025Q1"] })).toEqual([
      { unitId: traTan, period: "2025Q1", status: "draft", changedBy: null, changedAt: null, comment: null },
    ]);
    await setPeriodStatus(db, {
      user: reporter,
      unitId: traTan,
      period: "2025Q1",
      status: "submitted",
      actor: from(reporter),
    });
    await expect(
      setPeriodStatus(db, {
        user: reporter,
        unitId: traTan,
        period: "2025Q1",
        status: "approved",
        actor: from(reporter),
      }),
    ).rejects.toMatchObject({ code: "forbidden", status: 403 });
    const approved = await setPeriodStatus(db, {
      user: analyst,
      unitId: traTan,
      period: "2025Q1",
      status: "approved",
      actor: from(analyst),
    });
    expect(approved).toMatchObject({ unitId: traTan, period: "2025Q1", status: "approved", changedBy: analyst.id });
    await expect(
      setPeriodStatus(db, { user: reporter, unitId: traTan, period: "2025Q1", status: "draft", actor: from(reporter) }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await setPeriodStatus(db, {
      user: analyst,
      unitId: traTan,
      period: "2025Q1",
      status: "draft",
      actor: from(analyst),
    });
    const trail = await listAuditEvents(db, { target: "21136/2025Q1" });
    expect(
      trail
        .map((e) => [e.action, e.actorEmail, (e.detail as { from: string }).from, (e.detail as { to: string }).to])
        .reverse(),
    ).toEqual([
      ["period_submit", "rep@test.vn", "draft", "submitted"],
      ["period_approve", "ana@test.vn", "submitted", "approved"],
      ["period_unlock", "ana@test.vn", "approved", "draft"],
    ]);
    expect(trail.every((e) => e.ip === "10.0.0.1" && e.unitId === traTan)).toBe(true);
  });

  it("refuses a viewer, a reporter of another commune, and a quarter outside the unit's structure", async () => {
    const { db } = get();
    const viewer = await seed(db, "view@test.vn", "viewer", "525");
    const otherReporter = await seed(db, "bui@test.vn", "reporter", "21142");
    const analyst = await seed(db, "ana2@test.vn", "analyst", "525");
    const traTan = await idOf(db, "2025-06", "21136");
    await expect(
      setPeriodStatus(db, { user: viewer, unitId: traTan, period: "2025Q2", status: "submitted", actor: from(viewer) }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      setPeriodStatus(db, {
        user: otherReporter,
        unitId: traTan,
        period: "2025Q2",
        status: "submitted",
        actor: from(otherReporter),
      }),
    ).rejects.toMatchObject({
      code: "forbidden_unit",
      messageVi: expect.stringContaining("Xã Trà Tân (21136)"),
    });
    await expect(
      setPeriodStatus(db, {
        user: analyst,
        unitId: traTan,
        period: "2025Q3",
        status: "approved",
        actor: from(analyst),
      }),
    ).rejects.toMatchObject({ code: "period_structure_mismatch" });
  });

  it("refuses imports touching approved values, one error per commune and quarter naming both and the line", async () => {
    const { db } = get();
    const analyst = await seed(db, "ana3@test.vn", "analyst", "525");
    const traTan = await idOf(db, "2025-06", "21136");
    const traBui = await idOf(db, "2025-06", "21142");
    await setPeriodStatus(db, {
      user: analyst,
      unitId: traTan,
      period: "2024Q4",
      status: "approved",
      actor: from(analyst),
    });
    expect(await lockedValues(db, { unitIds: [traTan, traBui], periods: ["2024Q4", "2025Q1"] })).toEqual([
      { unitId: traTan, unitCode: "21136", unitName: "Xã Trà Tân", period: "2024Q4" },
    ]);
    const result = await db
      .transaction(async (tx) => {
        await createStaging(tx);
        await stageValues(tx, [
          { unitId: traBui, period: "2024Q4", element: "meetings_held", value: 3, line: 2 },
          { unitId: traTan, period: "2024Q4", element: "meetings_held", value: 4, line: 3 },
          { unitId: traTan, period: "2024Q4", element: "dialogues_held", value: 1, line: 3 },
          { unitId: traTan, period: "2025Q1", element: "meetings_held", value: 5, line: 4 },
        ]);
        const out = await stagedLockedIssues(tx);
        throw Object.assign(new Error("rollback"), { out });
      })
      .catch((e: { out?: Awaited<ReturnType<typeof stagedLockedIssues>> }) => e.out);
    expect(result?.count).toBe(1);
    expect(result?.issues).toEqual([
      {
        line: 3,
        column: null,
        value: "21136 2024Q4",
        code: "period_locked",
        messageVi:
          "Dòng 3: số liệu của Xã Trà Tân (21136), Quý IV/2024 đã được phê duyệt và đang khoá, nên không thể " +
          "thay đổi bằng tệp nhập. Hãy bỏ các dòng này khỏi tệp, hoặc đề nghị chuyên viên hay quản trị viên mở khoá kỳ này trước.",
        messageEn:
          "Line 3: the figures of Xã Trà Tân (21136), Q4 2024 are approved and locked, so an upload cannot " +
          "change them. Remove these rows from the file, or ask an analyst or administrator to unlock this quarter first.",
      },
    ]);
    await expect(assertNotLocked(db, [{ unitId: traTan, period: "2024Q4" }])).rejects.toMatchObject({
      code: "period_locked",
      status: 409,
      messageVi: expect.stringContaining("Xã Trà Tân (21136) Quý IV/2024"),
    });
    await expect(
      assertNotLocked(db, [
        { unitId: traTan, period: "2025Q1" },
        { unitId: traBui, period: "2024Q4" },
      ]),
    ).resolves.toBeUndefined();
  });
});
