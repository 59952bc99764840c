import { expect, it } from "vitest";
import { describeEachEngine } from "../test-utils";
import { auditCsv, countAuditEvents, listAuditEvents, recordAudit } from "./audit";

describeEachEngine("audit trail", (get) => {
  it("records who, when, what and from where, and lists newest first with filters", async () => {
    const { db } = get();
    const at1 = new Date("2026-03-01T01:00:00Z");
    const at2 = new Date("2026-03-02T01:00:00Z");
    const at3 = new Date("2026-03-03T01:00:00Z");
    await recordAudit(db, {
      at: at1,
      actor: { userId: "u1", email: "ana@test.vn", ip: "203.0.113.9", userAgent: "Firefox" },
      action: "import",
      target: "import:7",
      unitId: 5,
      detail: { values: 12 },
    });
    await recordAudit(db, {
      at: at2,
      actor: { userId: null, email: "x@test.vn", ip: "198.51.100.1" },
      action: "sign_in_failed",
      target: "user:x@test.vn",
      detail: { reason: "INVALID_EMAIL_OR_PASSWORD" },
    });
    await recordAudit(db, {
      at: at3,
      actor: { userId: "u1", email: "ana@test.vn", ip: "203.0.113.9" },
      action: "period_approve",
      target: "21136/2025Q1",
      unitId: 5,
    });
    const all = await listAuditEvents(db, { from: at1, to: new Date("2026-03-04T00:00:00Z") });
    expect(all.map((e) => e.action)).toEqual(["period_approve", "sign_in_failed", "import"]);
    expect(all[2]).toMatchObject({
      at: at1,
      actorUserId: "u1",
      actorEmail: "ana@test.vn",
      action: "import",
      target: "import:7",
      unitId: 5,
      detail: { values: 12 },
      ip: "203.0.113.9",
      userAgent: "Firefox",
    });
    expect((await listAuditEvents(db, { actor: "ANA@" })).map((e) => e.action)).toEqual(["period_approve", "import"]);
    expect((await listAuditEvents(db, { action: "sign_in_failed" })).map((e) => e.actorEmail)).toEqual(["x@test.vn"]);
    expect((await listAuditEvents(db, { target: "2025Q1" })).map((e) => e.action)).toEqual(["period_approve"]);
    expect((await listAuditEvents(db, { from: at2, to: at3 })).map((e) => e.action)).toEqual(["sign_in_failed"]);
    expect(await countAuditEvents(db, { unitId: 5 })).toBe(2);
    // % and _ are literal in filters, not wildcards.
    expect(await listAuditEvents(db, { actor: "%" })).toEqual([]);
  });

  it("exports the filtered trail as CSV for Excel (BOM, CRLF, formula cells neutralized)", async () => {
    const { db } = get();
    const at = new Date("2026-04-01T02:03:04Z");
    await recordAudit(db, {
      at,
      actor: { userId: "u9", email: "=cmd@test.vn", ip: "192.0.2.4", userAgent: "curl/8" },
      action: "token_create",
      target: "token:3",
      detail: { name: "a,b" },
    });
    const csv = await auditCsv(db, { action: "token_create" });
    expect(csv).toBe(
      "\uFEFFid,at,actor_user_id,actor_email,action,target,unit_id,ip,user_agent,detail\r\n" +
        `${(await listAuditEvents(db, { action: "token_create" }))[0].id},2026-04-01T02:03:04.000Z,u9,` +
        `'=cmd@test.vn,token_create,token:3,,192.0.2.4,curl/8,"{""name"":""a,b""}"\r\n`,
    );
  });
});
