/**
 * The documented demo accounts (README "Accounts"): created only in the demo database (settings
 * demo_data = 1, checked by the caller, db/bootstrap.ts), and only while it has no account at all,
 * so a real installation never gets a known password. Each is flagged `is_demo` and shown as
 * "Tài khoản dùng thử" on screen.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { getUnitByCode } from "./units";
import { insertUser, needsSetup } from "./users";
import type { Role } from "@/lib/auth/permissions";
import type { StructureCode } from "@/lib/periods";

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role;
  unit: { structure: StructureCode; code: string };
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "admin@demo.local",
    password: "demo-admin",
    name: "Quản trị viên (dùng thử)",
    role: "admin",
    unit: { structure: "2025-06", code: "525" },
  },
  {
    email: "analyst@demo.local",
    password: "demo-analyst",
    name: "Chuyên viên huyện Trà Bồng (dùng thử)",
    role: "analyst",
    unit: { structure: "2025-06", code: "525" },
  },
  {
    email: "reporter@demo.local",
    password: "demo-reporter",
    name: "Cán bộ xã Trà Tân (dùng thử)",
    role: "reporter",
    unit: { structure: "2025-06", code: "21136" },
  },
  {
    email: "viewer@demo.local",
    password: "demo-viewer",
    name: "Người xem huyện Trà Bồng (dùng thử)",
    role: "viewer",
    unit: { structure: "2025-06", code: "525" },
  },
  // The present: Tỉnh Quảng Ngãi of the two-level structure (from 1 July 2025), its 96 communes.
  {
    email: "province@demo.local",
    password: "demo-province",
    name: "Chuyên viên tỉnh Quảng Ngãi (dùng thử)",
    role: "analyst",
    unit: { structure: "2025-07", code: "51" },
  },
];

/** Create the demo accounts when the database has no account yet. Returns how many were created. */
export async function ensureDemoAccounts(db: DbOrTx): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${0x44564351 + 7})`);
    if (!(await needsSetup(tx))) return 0;
    let created = 0;
    for (const a of DEMO_ACCOUNTS) {
      const unit = await getUnitByCode(tx, a.unit);
      if (!unit) continue; // the demo unit fixture is not loaded (another unit list): no demo account for it
      await insertUser(tx, {
        email: a.email,
        name: a.name,
        role: a.role,
        unitId: unit.id,
        password: a.password,
        isDemo: true,
        actor: { userId: null, email: "bootstrap" },
      });
      created++;
    }
    return created;
  });
}

/** The demo accounts still present and active (to list them, with their documented passwords, on /login). */
export async function listDemoAccounts(db: DbOrTx): Promise<(DemoAccount & { unitName: string })[]> {
  const rows = await queryRows(
    db,
    sql`select u.email, un.name as unit_name from users u join units un on un.id = u.unit_id where u.is_demo and u.deactivated_at is null`,
    z.object({ email: z.string(), unit_name: z.string() }),
  );
  const present = new Map(rows.map((r) => [r.email, r.unit_name]));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email)).map((a) => ({ ...a, unitName: present.get(a.email)! }));
}
