import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { verifyPassword } from "better-auth/crypto";
import { describeEachEngine } from "../test-utils";
import { openDatabase, queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { countRow, idRow } from "../columns";
import { bootstrapDatabase } from "../bootstrap";
import {
  countUsers,
  insertFirstAdmin,
  insertUser,
  listUsers,
  needsSetup,
  setUserActive,
  setUserPassword,
  updateUser,
} from "./users";
import { DEMO_ACCOUNTS, ensureDemoAccounts, listDemoAccounts } from "./demo-accounts";
import { listAuditEvents } from "./audit";
import { ValidationError } from "@/lib/errors";

async function idOf(db: DbOrTx, structure: string, code: string): Promise<number> {
  const [row] = await queryRows(db, sql`select id from units where structure = ${structure} and code = ${code}`, idRow);
  return row.id;
}

const actor = { userId: null, email: "test", ip: "127.0.0.1", userAgent: "vitest" };

describeEachEngine("accounts", (get) => {
  it("opens the first-run setup only while no account exists", async () => {
    const { db } = get();
    expect(await needsSetup(db)).toBe(true);
    const district = await idOf(db, "2025-06", "525");
    const admin = await insertFirstAdmin(db, {
      email: "Boss@Huyen.gov.vn",
      name: "Chủ tịch",
      unitId: district,
      password: "mat-khau-quan-tri",
      actor: { ip: "192.0.2.1", userAgent: "Chromium" },
    });
    expect(admin).toMatchObject({ email: "boss@huyen.gov.vn", role: "admin", unitId: district, isDemo: false });
    expect(await needsSetup(db)).toBe(false);
    await expect(
      insertFirstAdmin(db, {
        email: "second@huyen.gov.vn",
        name: "x",
        unitId: district,
        password: "mat-khau-quan-tri",
        actor: {},
      }),
    ).rejects.toMatchObject({ code: "setup_done", status: 409 });
    expect(await countUsers(db)).toBe(1);
    const [event] = await listAuditEvents(db, { action: "setup" });
    expect(event).toMatchObject({
      actorUserId: admin.id,
      actorEmail: "boss@huyen.gov.vn",
      ip: "192.0.2.1",
      userAgent: "Chromium",
      target: "user:boss@huyen.gov.vn",
    });
    // The password is hashed by the library (scrypt "salt:key"), never stored as given.
    const [acc] = await queryRows(
      db,
      sql`select password from accounts where user_id = ${admin.id} and provider_id = 'credential'`,
      z.object({ password: z.string() }),
    );
    expect(acc.password).not.toContain("mat-khau-quan-tri");
    expect(await verifyPassword({ hash: acc.password, password: "mat-khau-quan-tri" })).toBe(true);
  });

  it("validates accounts: a reporter belongs to a commune, emails are unique, passwords long enough", async () => {
    const { db } = get();
    const district = await idOf(db, "2025-06", "525");
    const commune = await idOf(db, "2025-06", "21136");
    const err = await insertUser(db, {
      email: "r@test.vn",
      name: "R",
      role: "reporter",
      unitId: district,
      password: "short",
      actor,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems.map((p) => p.code)).toEqual(["password_too_short", "unit_level_invalid"]);
    await insertUser(db, {
      email: "r@test.vn",
      name: "R",
      role: "reporter",
      unitId: commune,
      password: "mat-khau-dai-1",
      actor,
    });
    await expect(
      insertUser(db, {
        email: "R@test.vn",
        name: "R",
        role: "viewer",
        unitId: district,
        password: "mat-khau-dai-1",
        actor,
      }),
    ).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: "email_taken" })],
    });
    const [listed] = (await listUsers(db)).filter((u) => u.email === "r@test.vn");
    expect(listed).toMatchObject({ role: "reporter", unitCode: "21136", unitName: "Xã Trà Tân", deactivatedAt: null });
  });

  it("changes role and unit, resets a password (signing out), and never deactivates the last administrator", async () => {
    const { db } = get();
    const district = await idOf(db, "2025-06", "525");
    const commune = await idOf(db, "2025-06", "21142");
    const u = await insertUser(db, {
      email: "change@test.vn",
      name: "C",
      role: "viewer",
      unitId: district,
      password: "mat-khau-dai-1",
      actor,
    });
    await expect(updateUser(db, { id: u.id, role: "reporter", actor })).rejects.toBeInstanceOf(ValidationError);
    const moved = await updateUser(db, { id: u.id, role: "reporter", unitId: commune, actor });
    expect(moved).toMatchObject({ role: "reporter", unitId: commune });
    const [ev] = await listAuditEvents(db, { action: "user_update", target: "user:change@test.vn" });
    expect(ev.detail).toEqual({
      userId: u.id,
      before: { role: "viewer", unitId: district, name: "C" },
      after: { role: "reporter", unitId: commune, name: "C" },
    });
    await db.execute(
      sql`insert into sessions (id, expires_at, token, user_id) values ('s-change', now() + interval '1 day', 'tok-change', ${u.id})`,
    );
    await setUserPassword(db, { id: u.id, password: "mat-khau-moi-22", actor });
    const [{ n }] = await queryRows(db, sql`select count(*)::int as n from sessions where user_id = ${u.id}`, countRow);
    expect(n).toBe(0);
    const admins = (await listUsers(db)).filter((x) => x.role === "admin" && !x.deactivatedAt);
    expect(admins).toHaveLength(1);
    await expect(setUserActive(db, { id: admins[0].id, active: false, actor })).rejects.toMatchObject({
      code: "last_admin",
      status: 409,
    });
  });
});

describeEachEngine("demo accounts", (get) => {
  it("creates the documented demo accounts once, flagged, on an empty account table", async () => {
    const { db } = get();
    expect(await ensureDemoAccounts(db)).toBe(5);
    expect(await ensureDemoAccounts(db)).toBe(0);
    const users = await listUsers(db);
    expect(users.map((u) => [u.email, u.role, u.unitCode, u.isDemo]).sort()).toEqual(
      [
        ["admin@demo.local", "admin", "525", true],
        ["analyst@demo.local", "analyst", "525", true],
        ["reporter@demo.local", "reporter", "21136", true],
        ["viewer@demo.local", "viewer", "525", true],
        ["province@demo.local", "analyst", "51", true],
      ].sort(),
    );
    expect((await listDemoAccounts(db)).map((a) => a.password).sort()).toEqual(
      DEMO_ACCOUNTS.map((a) => a.password).sort(),
    );
    expect(DEMO_ACCOUNTS.every((a) => a.password.startsWith("demo-"))).toBe(true);
  });
});

it("bootstrap creates no account in a database without the demo data", async () => {
  const database = await openDatabase({ dir: "memory://" });
  try {
    await bootstrapDatabase(database, { demo: false });
    expect(await countUsers(database.db)).toBe(0);
    expect(await needsSetup(database.db)).toBe(true);
  } finally {
    await database.close();
  }
});
