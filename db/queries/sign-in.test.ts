import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine } from "../test-utils";
import { queryRows, type Db } from "../client";
import { countRow } from "../columns";
import { createAuth, SIGN_IN_MAX_PER_MINUTE, ACCOUNT_LOCKOUT_FAILURES, getOrCreateAuthSecret } from "../auth";
import { insertUser, setUserActive } from "./users";
import { listAuditEvents } from "./audit";
import { getUnitByCode } from "./units";

const ORIGIN = "http://dvcq.test";
const SECRET = "test-secret-0123456789-abcdefghijklmnop";

function signInRequest(body: { email: string; password: string }, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/api/auth/sign-in/email`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: ORIGIN,
      host: "dvcq.test",
      "user-agent": "vitest-agent/1.0",
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

async function seedUser(db: Db, email: string, password: string) {
  const unit = await getUnitByCode(db, { structure: "2025-06", code: "525" });
  return insertUser(db, {
    email,
    name: email,
    role: "analyst",
    unitId: unit!.id,
    password,
    actor: { userId: null, email: "test" },
  });
}

describeEachEngine("sign-in through better-auth", (get) => {
  it("signs in with the right password: httpOnly SameSite=Lax session cookie, session row, audit with IP and agent", async () => {
    const { db } = get();
    await seedUser(db, "ok@test.vn", "mat-khau-dung-1");
    const auth = createAuth(db, { secret: SECRET, secureCookies: false, logLevel: "error" });
    const res = await auth.handler(
      signInRequest({ email: "OK@test.vn", password: "mat-khau-dung-1" }, { "x-forwarded-for": "198.51.100.7" }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^dvcq\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const token = cookie.split(";")[0];
    const session = await auth.api.getSession({ headers: new Headers({ cookie: token }) });
    expect(session?.user.email).toBe("ok@test.vn");
    expect((session!.user as { role?: string }).role).toBe("analyst");
    const [row] = await queryRows(
      db,
      sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = 'ok@test.vn'`,
      countRow,
    );
    expect(row.n).toBe(1);
    const [event] = await listAuditEvents(db, { action: "sign_in", actor: "ok@test.vn" });
    expect(event).toMatchObject({
      action: "sign_in",
      actorEmail: "ok@test.vn",
      ip: "198.51.100.7",
      userAgent: "vitest-agent/1.0",
      target: "user:ok@test.vn",
    });
  });

  it("over HTTPS the cookie is Secure with the __Secure- prefix", async () => {
    const { db } = get();
    await seedUser(db, "secure@test.vn", "mat-khau-dung-2");
    const auth = createAuth(db, { secret: SECRET, secureCookies: true, logLevel: "error" });
    const res = await auth.handler(
      signInRequest({ email: "secure@test.vn", password: "mat-khau-dung-2" }, { "x-forwarded-for": "198.51.100.8" }),
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Secure-dvcq\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
  });

  it(`refuses the ${SIGN_IN_MAX_PER_MINUTE + 1}th attempt from one IP within a minute (429), counted in the database`, async () => {
    const { db } = get();
    await seedUser(db, "rl@test.vn", "mat-khau-dung-3");
    const auth = createAuth(db, { secret: SECRET, secureCookies: false, logLevel: "error" });
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_MAX_PER_MINUTE + 1; i++) {
      // A second instance on the same database shares the counter (no process state).
      const instance = i % 2 === 0 ? auth : createAuth(db, { secret: SECRET, secureCookies: false, logLevel: "error" });
      const res = await instance.handler(
        signInRequest({ email: "rl@test.vn", password: "wrong-password" }, { "x-forwarded-for": "203.0.113.5" }),
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(SIGN_IN_MAX_PER_MINUTE).fill(401), 429]);
    // Even the right password is refused from that IP until the window passes.
    const right = await auth.handler(
      signInRequest({ email: "rl@test.vn", password: "mat-khau-dung-3" }, { "x-forwarded-for": "203.0.113.5" }),
    );
    expect(right.status).toBe(429);
    const failed = await listAuditEvents(db, { action: "sign_in_failed", actor: "rl@test.vn" });
    expect(failed).toHaveLength(SIGN_IN_MAX_PER_MINUTE);
    expect(failed.every((e) => e.ip === "203.0.113.5" && e.userAgent === "vitest-agent/1.0")).toBe(true);
  });

  it(`locks an account after ${ACCOUNT_LOCKOUT_FAILURES} failures whatever the IP`, async () => {
    const { db } = get();
    await seedUser(db, "lock@test.vn", "mat-khau-dung-4");
    const auth = createAuth(db, { secret: SECRET, secureCookies: false, logLevel: "error" });
    for (let i = 0; i < ACCOUNT_LOCKOUT_FAILURES; i++) {
      const res = await auth.handler(
        signInRequest({ email: "lock@test.vn", password: "wrong" + i }, { "x-forwarded-for": `192.0.2.${i + 1}` }),
      );
      expect(res.status).toBe(401);
    }
    const res = await auth.handler(
      signInRequest({ email: "lock@test.vn", password: "mat-khau-dung-4" }, { "x-forwarded-for": "192.0.2.200" }),
    );
    expect(res.status).toBe(429);
    const limited = await listAuditEvents(db, { action: "sign_in_rate_limited", actor: "lock@test.vn" });
    expect(limited).toHaveLength(1);
  });

  it("refuses a deactivated account and records the failure", async () => {
    const { db } = get();
    const user = await seedUser(db, "off@test.vn", "mat-khau-dung-5");
    // Another admin exists? Not needed: the account is an analyst.
    await setUserActive(db, { id: user.id, active: false, actor: { userId: null, email: "test" } });
    const auth = createAuth(db, { secret: SECRET, secureCookies: false, logLevel: "error" });
    const res = await auth.handler(
      signInRequest({ email: "off@test.vn", password: "mat-khau-dung-5" }, { "x-forwarded-for": "198.51.100.9" }),
    );
    expect(res.status).toBe(403);
    const [event] = await listAuditEvents(db, { action: "sign_in_failed", actor: "off@test.vn" });
    expect(event.detail).toEqual({ reason: "ACCOUNT_DEACTIVATED" });
  });

  it("refuses sign-up: accounts come from setup, an administrator or the CLI", async () => {
    const { db } = get();
    const auth = createAuth(db, { secret: SECRET, secureCookies: false, logLevel: "error" });
    const res = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: ORIGIN,
          host: "dvcq.test",
          "x-forwarded-for": "198.51.100.10",
        },
        body: JSON.stringify({ email: "new@test.vn", password: "mat-khau-moi-123", name: "x" }),
      }),
    );
    expect(res.status).toBe(404);
  });

  it("refuses a cross-site sign-out carrying the session cookie (origin check)", async () => {
    const { db } = get();
    await seedUser(db, "csrf@test.vn", "mat-khau-dung-6");
    const auth = createAuth(db, { secret: SECRET, secureCookies: false, logLevel: "error" });
    const res = await auth.handler(
      signInRequest({ email: "csrf@test.vn", password: "mat-khau-dung-6" }, { "x-forwarded-for": "198.51.100.11" }),
    );
    const token = (res.headers.get("set-cookie") ?? "").split(";")[0];
    const evil = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-out`, {
        method: "POST",
        headers: {
          cookie: token,
          origin: "http://evil.example",
          host: "dvcq.test",
          "x-forwarded-for": "198.51.100.11",
        },
      }),
    );
    expect(evil.status).toBe(403);
    expect(await auth.api.getSession({ headers: new Headers({ cookie: token }) })).not.toBeNull();
    const ok = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-out`, {
        method: "POST",
        headers: { cookie: token, origin: ORIGIN, host: "dvcq.test", "x-forwarded-for": "198.51.100.11" },
      }),
    );
    expect(ok.status).toBe(200);
    expect(await auth.api.getSession({ headers: new Headers({ cookie: token }) })).toBeNull();
    expect(await listAuditEvents(db, { action: "sign_out", actor: "csrf@test.vn" })).toHaveLength(1);
  });

  it("changes a password through the library (current one checked), signs other sessions out, and records it", async () => {
    const { db } = get();
    await seedUser(db, "pw@test.vn", "mat-khau-cu-123");
    const auth = createAuth(db, { secret: SECRET, secureCookies: false, logLevel: "error" });
    const first = (
      await auth.handler(
        signInRequest({ email: "pw@test.vn", password: "mat-khau-cu-123" }, { "x-forwarded-for": "198.51.100.20" }),
      )
    ).headers
      .get("set-cookie")!
      .split(";")[0];
    const second = (
      await auth.handler(
        signInRequest({ email: "pw@test.vn", password: "mat-khau-cu-123" }, { "x-forwarded-for": "198.51.100.21" }),
      )
    ).headers
      .get("set-cookie")!
      .split(";")[0];
    const change = (currentPassword: string) =>
      auth.handler(
        new Request(`${ORIGIN}/api/auth/change-password`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            cookie: second,
            origin: ORIGIN,
            host: "dvcq.test",
            "x-forwarded-for": "198.51.100.21",
            "user-agent": "vitest-agent/1.0",
          },
          body: JSON.stringify({ currentPassword, newPassword: "mat-khau-moi-456", revokeOtherSessions: true }),
        }),
      );
    expect((await change("sai-mat-khau-9")).status).toBe(400);
    const ok = await change("mat-khau-cu-123");
    expect(ok.status).toBe(200);
    expect(await auth.api.getSession({ headers: new Headers({ cookie: first }) })).toBeNull();
    const [event] = await listAuditEvents(db, { action: "password_change", actor: "pw@test.vn" });
    expect(event).toMatchObject({ actorEmail: "pw@test.vn", ip: "198.51.100.21", target: "user:pw@test.vn" });
    expect(
      (
        await auth.handler(
          signInRequest({ email: "pw@test.vn", password: "mat-khau-cu-123" }, { "x-forwarded-for": "198.51.100.22" }),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await auth.handler(
          signInRequest({ email: "pw@test.vn", password: "mat-khau-moi-456" }, { "x-forwarded-for": "198.51.100.22" }),
        )
      ).status,
    ).toBe(200);
  });

  it("generates the signing secret once and keeps it in settings", async () => {
    const { db } = get();
    const a = await getOrCreateAuthSecret(db, {});
    const b = await getOrCreateAuthSecret(db, {});
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(await getOrCreateAuthSecret(db, { BETTER_AUTH_SECRET: "x".repeat(40) })).toBe("x".repeat(40));
  });
});
