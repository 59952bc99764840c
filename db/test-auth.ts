/**
 * Accounts for route-handler tests: a user of a role and unit, and a real API token for them, so the
 * handlers authenticate exactly as in production (`Authorization: Bearer dvcq_…`).
 * @example const h = await bearerHeaders(db, { role: "reporter", unitCode: "21136" }); GET(new NextRequest(url, { headers: h }))
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "./client";
import { idRow } from "./columns";
import { createApiToken } from "./queries/tokens";
import { insertUser } from "./queries/users";
import type { Role } from "@/lib/auth/permissions";

let counter = 0;
const actor = { userId: null, email: "test", ip: "127.0.0.1", userAgent: "vitest" };

export interface TestAccount {
  userId: string;
  email: string;
  token: string;
  tokenId: number;
  headers: Record<string, string>;
}

export async function testAccount(
  db: DbOrTx,
  params: { role: Role; unitCode: string; structure?: string; email?: string },
): Promise<TestAccount> {
  const [unit] = await queryRows(
    db,
    sql`select id from units where structure = ${params.structure ?? "2025-06"} and code = ${params.unitCode}`,
    idRow,
  );
  if (!unit) throw new Error(`test unit ${params.unitCode} not loaded`);
  const email = params.email ?? `${params.role}-${params.unitCode}-${process.pid}-${++counter}@test.vn`;
  const user = await insertUser(db, {
    email,
    name: email,
    role: params.role,
    unitId: unit.id,
    password: "mat-khau-dai-test-1",
    actor,
  });
  const { token, info } = await createApiToken(db, { userId: user.id, name: "test", actor });
  return { userId: user.id, email, token, tokenId: info.id, headers: { authorization: `Bearer ${token}` } };
}

/** Headers of an administrator's API token (one per database is enough; create as many as wanted). */
export async function adminHeaders(db: DbOrTx): Promise<Record<string, string>> {
  return (await testAccount(db, { role: "admin", unitCode: "525" })).headers;
}
