import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine } from "./test-utils";
import { queryRows, type Db } from "./client";
import { dateOrNull } from "./columns";
import { z } from "zod";
import { createAuth, SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S } from "./auth";
import { parseCookies } from "better-auth/cookies";
import { fastSessionUser, verifySignedToken } from "./session-lookup";
import { insertUser, setUserActive } from "./queries/users";
import { getUnitByCode } from "./queries/units";

const ORIGIN = "http://dvcq.test";
const SECRET = "test-secret-0123456789-abcdefghijklmnop";
const DAY = 24 * 3600 * 1000;

async function signedIn(db: Db, email: string, secure = false) {
  const unit = await getUnitByCode(db, { structure: "2025-06", code: "525" });
  const user = await insertUser(db, {
    email,
    name: `Cán bộ ${email}`,
    role: "analyst",
    unitId: unit!.id,
    password: "mat-khau-dung-1",
    actor: { userId: null, email: "test" },
  });
  const auth = createAuth(db, { secret: SECRET, secureCookies: secure, logLevel: "error", rateLimit: false });
  const res = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, host: "dvcq.test" },
      body: JSON.stringify({ email, password: "mat-khau-dung-1" }),
    }),
  );
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  return { auth, cookie, user, unitId: unit!.id };
}

const expiresRow = z.object({ expires_at: dateOrNull });
async function sessionExpiry(db: Db, userId: string): Promise<Date> {
  const [row] = await queryRows(db, sql`select expires_at from sessions where user_id = ${userId}`, expiresRow);
  return row.expires_at!;
}

describeEachEngine("the session in one statement (fast path before better-auth)", (get) => {
  it("a live session's cookie gives the same user as better-auth, in one query", async () => {
    const { db } = get();
    const { auth, cookie, user, unitId } = await signedIn(db, "fast@test.vn");
    // The signature is base64 with "=": the cookie carries it URL-encoded, as better-call writes it.
    expect(cookie).toMatch(/%3D$/);
    const fast = await fastSessionUser(db, { cookieHeader: `other=1; ${cookie}; x=y`, secure: false, secret: SECRET });
    expect(fast).toEqual({
      user: {
        id: user.id,
        email: "fast@test.vn",
        name: "Cán bộ fast@test.vn",
        role: "analyst",
        unitId,
        isDemo: false,
        via: "session",
      },
    });
    const slow = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(slow?.user.id).toBe(user.id);
  });

  it("a forged or foreign signature, another secret, or a missing cookie: better-auth decides (and refuses)", async () => {
    const { db } = get();
    const { auth, cookie } = await signedIn(db, "forged@test.vn");
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1))];
    const token = value.slice(0, value.lastIndexOf("."));
    const forged = `${name}=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`;
    expect(await fastSessionUser(db, { cookieHeader: forged, secure: false, secret: SECRET })).toBe("fallback");
    expect(await auth.api.getSession({ headers: new Headers({ cookie: forged }) })).toBeNull();
    expect(await fastSessionUser(db, { cookieHeader: cookie, secure: false, secret: `${SECRET}-other` })).toBe(
      "fallback",
    );
    expect(await fastSessionUser(db, { cookieHeader: "a=b", secure: false, secret: SECRET })).toBe("fallback");
    // Over HTTPS only the __Secure- cookie counts.
    expect(await fastSessionUser(db, { cookieHeader: cookie, secure: true, secret: SECRET })).toBe("fallback");
    // A leftover session-data cookie is better-auth's to clear.
    expect(
      await fastSessionUser(db, { cookieHeader: `${cookie}; dvcq.session_data=x`, secure: false, secret: SECRET }),
    ).toBe("fallback");
  });

  it("the __Secure- cookie over HTTPS", async () => {
    const { db } = get();
    const { cookie, user } = await signedIn(db, "secure@test.vn", true);
    expect(cookie.startsWith("__Secure-dvcq.session_token=")).toBe(true);
    const fast = await fastSessionUser(db, { cookieHeader: cookie, secure: true, secret: SECRET });
    expect(fast !== "fallback" && fast.user?.id).toBe(user.id);
  });

  it("a session due for its daily refresh goes to better-auth, which extends it; then the fast path serves it", async () => {
    const { db } = get();
    const { auth, cookie, user } = await signedIn(db, "refresh@test.vn");
    // Last extended a day and a minute ago.
    const due = new Date(Date.now() + SESSION_EXPIRES_IN_S * 1000 - SESSION_UPDATE_AGE_S * 1000 - 60_000);
    await db.execute(sql`update sessions set expires_at = ${due.toISOString()} where user_id = ${user.id}`);
    expect(await fastSessionUser(db, { cookieHeader: cookie, secure: false, secret: SECRET })).toBe("fallback");
    const slow = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(slow?.user.id).toBe(user.id);
    const extended = await sessionExpiry(db, user.id);
    expect(extended.getTime()).toBeGreaterThan(Date.now() + SESSION_EXPIRES_IN_S * 1000 - 60_000);
    const fast = await fastSessionUser(db, { cookieHeader: cookie, secure: false, secret: SECRET });
    expect(fast !== "fallback" && fast.user?.id).toBe(user.id);
    // A session of six days left (extended a day ago less a minute) is served without a refresh.
    const fresh = new Date(Date.now() + SESSION_EXPIRES_IN_S * 1000 - SESSION_UPDATE_AGE_S * 1000 + 60_000);
    await db.execute(sql`update sessions set expires_at = ${fresh.toISOString()} where user_id = ${user.id}`);
    const again = await fastSessionUser(db, { cookieHeader: cookie, secure: false, secret: SECRET });
    expect(again !== "fallback" && again.user?.id).toBe(user.id);
    expect((await sessionExpiry(db, user.id)).getTime()).toBe(fresh.getTime());
  });

  it("an expired session goes to better-auth, which refuses it and deletes it", async () => {
    const { db } = get();
    const { auth, cookie, user } = await signedIn(db, "expired@test.vn");
    await db.execute(
      sql`update sessions set expires_at = ${new Date(Date.now() - DAY).toISOString()} where user_id = ${user.id}`,
    );
    expect(await fastSessionUser(db, { cookieHeader: cookie, secure: false, secret: SECRET })).toBe("fallback");
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    const rows = await queryRows(db, sql`select expires_at from sessions where user_id = ${user.id}`, expiresRow);
    expect(rows).toEqual([]);
  });

  it("a deactivated account's live session gives nobody", async () => {
    const { db } = get();
    const { cookie, user } = await signedIn(db, "deactivated@test.vn");
    // Deactivating drops the sessions; a session row left behind (written by hand here) must still give nobody.
    const [s] = await queryRows(
      db,
      sql`select token, expires_at from sessions where user_id = ${user.id}`,
      z.object({ token: z.string(), expires_at: z.coerce.date() }),
    );
    await setUserActive(db, { id: user.id, active: false, actor: { userId: null, email: "test" } });
    await db.execute(
      sql`insert into sessions (id, token, expires_at, user_id) values ('left-behind', ${s.token}, ${s.expires_at.toISOString()}, ${user.id})
          on conflict do nothing`,
    );
    expect(await fastSessionUser(db, { cookieHeader: cookie, secure: false, secret: SECRET })).toEqual({ user: null });
  });
});

it("reads the cookie with better-auth's parser (URL-decoded, quoted values) and checks the HMAC signature", () => {
  // better-auth's own cookie reader, as the fast path reads the session cookie.
  expect(parseCookies("a=1; b=%2Fx%3D; c=3").get("b")).toBe("/x=");
  expect(parseCookies('a="q%20r"').get("a")).toBe("q r");
  expect(parseCookies("ab=1").get("a")).toBeUndefined();
  const token = "tok";
  // HMAC-SHA256("k", "tok") in base64, computed with `printf tok | openssl dgst -sha256 -hmac k -binary | base64`.
  const sig = "N5wGwLT14AJHYm0KYn/uSHfXO8u/S7Kws5mn9jj0cNc=";
  expect(verifySignedToken(`${token}.${sig}`, "k")).toBe(token);
  expect(verifySignedToken(`${token}.${sig}`, "k2")).toBeNull();
  expect(verifySignedToken(`${token}.${sig.slice(0, -1)}`, "k")).toBeNull();
  expect(verifySignedToken(sig, "k")).toBeNull();
});
