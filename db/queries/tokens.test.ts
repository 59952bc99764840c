import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine } from "../test-utils";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { countRow, idRow } from "../columns";
import { createApiToken, hashToken, listApiTokens, revokeApiToken, verifyApiToken } from "./tokens";
import { insertUser, setUserActive } from "./users";
import { listAuditEvents } from "./audit";

async function seed(db: DbOrTx, email: string, role: "analyst" | "reporter" = "analyst", code = "525") {
  const [unit] = await queryRows(db, sql`select id from units where structure = '2025-06' and code = ${code}`, idRow);
  return insertUser(db, {
    email,
    name: email,
    role,
    unitId: unit.id,
    password: "mat-khau-dai-1",
    actor: { userId: null, email: "test" },
  });
}

const actor = { userId: null, email: "test", ip: "127.0.0.1", userAgent: "vitest" };

describeEachEngine("API tokens", (get) => {
  it("creates a token shown once, stores only its SHA-256, and verifies it as its owner with role and unit", async () => {
    const { db } = get();
    const user = await seed(db, "tok@test.vn");
    const { token, info } = await createApiToken(db, { userId: user.id, name: "Máy chủ tỉnh", actor });
    expect(token).toMatch(/^dvcq_[A-Za-z0-9_-]{43}$/);
    expect(info.prefix).toBe(token.slice(0, 11));
    expect(info).not.toHaveProperty("tokenHash");
    const [stored] = await queryRows(
      db,
      sql`select token_hash from api_tokens where id = ${info.id}`,
      z.object({ token_hash: z.string() }),
    );
    expect(stored.token_hash).toBe(hashToken(token));
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const [{ n }] = await queryRows(
      db,
      sql`select count(*)::int as n from api_tokens where token_hash = ${token} or prefix = ${token}`,
      countRow,
    );
    expect(n).toBe(0);
    const now = new Date("2026-01-01T00:00:00Z");
    const who = await verifyApiToken(db, token, now);
    expect(who).toEqual({
      id: user.id,
      email: "tok@test.vn",
      name: "tok@test.vn",
      role: "analyst",
      unitId: user.unitId,
      isDemo: false,
      via: "token",
      tokenId: info.id,
    });
    const [listed] = await listApiTokens(db, { userId: user.id });
    expect(listed.lastUsedAt?.toISOString()).toBe(now.toISOString());
    expect(await verifyApiToken(db, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"))).toBeNull();
    expect(await verifyApiToken(db, "not-a-token")).toBeNull();
  });

  it("stops working at once when revoked, and only its owner (or an administrator) can revoke it", async () => {
    const { db } = get();
    const owner = await seed(db, "owner@test.vn");
    const other = await seed(db, "other@test.vn");
    const { token, info } = await createApiToken(db, { userId: owner.id, name: "script", actor });
    expect(await verifyApiToken(db, token)).not.toBeNull();
    await expect(revokeApiToken(db, { id: info.id, ownerId: other.id, actor })).rejects.toMatchObject({
      code: "token_not_found",
      status: 404,
    });
    expect(await verifyApiToken(db, token)).not.toBeNull();
    const revoked = await revokeApiToken(db, { id: info.id, ownerId: owner.id, actor });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await verifyApiToken(db, token)).toBeNull();
    const events = await listAuditEvents(db, { action: "token_revoke", target: `token:${info.id}` });
    expect(events).toHaveLength(1);
  });

  it("stops every token of a deactivated account", async () => {
    const { db } = get();
    const user = await seed(db, "leaver@test.vn", "reporter", "21136");
    const { token } = await createApiToken(db, { userId: user.id, name: "a", actor });
    await setUserActive(db, { id: user.id, active: false, actor });
    expect(await verifyApiToken(db, token)).toBeNull();
    await setUserActive(db, { id: user.id, active: true, actor });
    expect(await verifyApiToken(db, token)).toBeNull(); // revoked for good, not just hidden
    await expect(createApiToken(db, { userId: user.id, name: " ", actor })).rejects.toMatchObject({
      code: "token_name_missing",
    });
  });
});
