/**
 * Accounts: create, list, change role and unit, reset a password, deactivate. Passwords are hashed
 * by better-auth's own scrypt (`hashPassword`, the same function its sign-in verifies against) and
 * kept in its "credential" account row. Every change is recorded in the audit trail, in the same
 * transaction.
 */
import { randomBytes } from "node:crypto";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { date, dateOrNull, int } from "../columns";
import { accounts, apiTokens, sessions, units, users, type UserRow } from "../schema";
import { recordAudit, type AuditActor } from "./audit";
import { AppError, ValidationError, type Problem } from "@/lib/errors";
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  ROLES,
  isRole,
  unitLevelAllowed,
  type Role,
  type UnitLevel,
} from "@/lib/auth/permissions";
import { roleEn, roleVi } from "@/lib/auth/errors";

/** An id like better-auth's own (32 URL-safe characters). */
export function newId(): string {
  return randomBytes(24).toString("base64url");
}

export const userListRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  unitId: int,
  unitCode: z.string(),
  unitName: z.string(),
  unitStructure: z.string(),
  isDemo: z.boolean(),
  createdAt: date,
  deactivatedAt: dateOrNull,
  lastSignInAt: dateOrNull,
});
export type UserListRow = z.infer<typeof userListRowSchema>;

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** Whether the first-run setup is still open: no account exists yet. */
export async function needsSetup(db: DbOrTx): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length === 0;
}

export async function getUserById(db: DbOrTx, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function getUserByEmail(db: DbOrTx, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

export async function listUsers(db: DbOrTx, params: { includeDeactivated?: boolean } = {}): Promise<UserListRow[]> {
  return queryRows(
    db,
    sql`select u.id, u.name, u.email, u.role, u.unit_id as "unitId", un.code as "unitCode", un.name as "unitName",
      un.structure as "unitStructure",
               u.is_demo as "isDemo", u.created_at as "createdAt", u.deactivated_at as "deactivatedAt",
               (select max(s.created_at) from sessions s where s.user_id = u.id) as "lastSignInAt"
        from users u join units un on un.id = u.unit_id
        ${params.includeDeactivated === false ? sql`where u.deactivated_at is null` : sql``}
        order by u.deactivated_at nulls first, u.email`,
    userListRowSchema,
  );
}

const problem = (code: string, column: string, messageVi: string, messageEn: string, value?: string): Problem => ({
  code,
  column,
  value,
  messageVi,
  messageEn,
});

export function passwordProblems(password: string): Problem[] {
  if (password.length < MIN_PASSWORD_LENGTH)
    return [
      problem(
        "password_too_short",
        "password",
        `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
        `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      ),
    ];
  if (password.length > MAX_PASSWORD_LENGTH)
    return [
      problem(
        "password_too_long",
        "password",
        `Mật khẩu dài tối đa ${MAX_PASSWORD_LENGTH} ký tự.`,
        `The password may have at most ${MAX_PASSWORD_LENGTH} characters.`,
      ),
    ];
  return [];
}

/** Check that the role fits the unit (a reporter belongs to a commune); returns the unit. */
async function checkRoleAndUnit(db: DbOrTx, role: unknown, unitId: number, problems: Problem[]) {
  if (!isRole(role)) {
    problems.push(
      problem(
        "role_invalid",
        "role",
        "Vai trò không hợp lệ; chọn admin, analyst, reporter hoặc viewer.",
        "Invalid role; choose admin, analyst, reporter or viewer.",
        String(role),
      ),
    );
    return null;
  }
  const [unit] = await db
    .select({ id: units.id, level: units.level, code: units.code, name: units.name })
    .from(units)
    .where(eq(units.id, unitId));
  if (!unit) {
    problems.push(
      problem(
        "unit_unknown",
        "unit",
        "Không có đơn vị này trong danh mục.",
        "No such unit in the unit list.",
        String(unitId),
      ),
    );
    return null;
  }
  if (!unitLevelAllowed(role, unit.level as UnitLevel)) {
    problems.push(
      problem(
        "unit_level_invalid",
        "unit",
        `Tài khoản ${roleVi[role]} phải gắn với một xã; ${unit.name} (${unit.code}) không phải là xã.`,
        `A ${roleEn[role]} account belongs to a commune; ${unit.name} (${unit.code}) is not a commune.`,
        unit.code,
      ),
    );
    return null;
  }
  return unit;
}

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  unitId: number;
  password: string;
  isDemo?: boolean;
}

/**
 * Create an account with a password (hashed by better-auth) in one transaction, and record it.
 * Throws ValidationError (nothing written) on a bad email, a taken email, a short password, or a
 * role that does not fit the unit.
 */
export async function insertUser(
  db: DbOrTx,
  params: NewUserInput & { actor: AuditActor; action?: "user_create" | "setup" },
): Promise<UserRow> {
  const email = params.email.trim().toLowerCase();
  const name = params.name.trim() || email;
  const problems: Problem[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    problems.push(
      problem(
        "email_invalid",
        "email",
        "Email không hợp lệ, ví dụ: ten@xa.gov.vn.",
        "Invalid email, e.g. name@commune.gov.vn.",
        params.email,
      ),
    );
  problems.push(...passwordProblems(params.password));
  await checkRoleAndUnit(db, params.role, params.unitId, problems);
  if (!problems.length && (await getUserByEmail(db, email)))
    problems.push(
      problem(
        "email_taken",
        "email",
        `Đã có tài khoản với email ${email}.`,
        `An account with the email ${email} already exists.`,
        email,
      ),
    );
  if (problems.length)
    throw new ValidationError(
      problems,
      "Thông tin tài khoản không hợp lệ, chưa tạo tài khoản.",
      "Invalid account details; no account was created.",
    );
  const hash = await hashPassword(params.password);
  return db.transaction(async (tx) => {
    const now = new Date();
    const id = newId();
    const [row] = await tx
      .insert(users)
      .values({
        id,
        email,
        name,
        role: params.role,
        unitId: params.unitId,
        isDemo: params.isDemo ?? false,
        emailVerified: false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(accounts).values({
      id: newId(),
      accountId: id,
      providerId: "credential",
      userId: id,
      password: hash,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, {
      actor: params.action === "setup" ? { ...params.actor, userId: id, email } : params.actor,
      action: params.action ?? "user_create",
      target: `user:${email}`,
      unitId: params.unitId,
      detail: { userId: id, role: params.role, unitId: params.unitId, isDemo: params.isDemo ?? false },
    });
    return row;
  });
}

/**
 * The first account: the administrator, only while no account exists. Serialized with an advisory
 * lock so two simultaneous setup forms cannot both succeed.
 */
export async function insertFirstAdmin(
  db: DbOrTx,
  params: Omit<NewUserInput, "role" | "isDemo"> & { actor: Omit<AuditActor, "userId" | "email"> },
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${0x44564351 + 7})`);
    if (!(await needsSetup(tx))) {
      throw new AppError(
        "setup_done",
        "Đã có tài khoản quản trị; trang thiết lập ban đầu đã đóng. Hãy đăng nhập.",
        "An administrator already exists; first-run setup is closed. Sign in.",
      );
    }
    return insertUser(tx, {
      ...params,
      role: "admin",
      actor: { ...params.actor, userId: null, email: null },
      action: "setup",
    });
  });
}

/** Change a user's role, unit or name. */
export async function updateUser(
  db: DbOrTx,
  params: { id: string; role?: Role; unitId?: number; name?: string; actor: AuditActor },
): Promise<UserRow> {
  const current = await getUserById(db, params.id);
  if (!current) throw new AppError("user_not_found", "Không có tài khoản này.", "No such account.");
  const role = params.role ?? current.role;
  const unitId = params.unitId ?? current.unitId;
  const problems: Problem[] = [];
  await checkRoleAndUnit(db, role, unitId, problems);
  if (problems.length)
    throw new ValidationError(
      problems,
      "Thông tin tài khoản không hợp lệ, chưa ghi gì.",
      "Invalid account details; nothing was written.",
    );
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ role, unitId, name: params.name?.trim() || current.name, updatedAt: new Date() })
      .where(eq(users.id, params.id))
      .returning();
    await recordAudit(tx, {
      actor: params.actor,
      action: "user_update",
      target: `user:${current.email}`,
      unitId,
      detail: {
        userId: current.id,
        before: { role: current.role, unitId: current.unitId, name: current.name },
        after: { role, unitId, name: row.name },
      },
    });
    return row;
  });
}

/** Set a new password (an administrator's reset, or the CLI); signs the user out everywhere. */
export async function setUserPassword(
  db: DbOrTx,
  params: { id: string; password: string; actor: AuditActor },
): Promise<void> {
  const problems = passwordProblems(params.password);
  if (problems.length)
    throw new ValidationError(problems, "Mật khẩu không hợp lệ, chưa đổi.", "Invalid password; not changed.");
  const user = await getUserById(db, params.id);
  if (!user) throw new AppError("user_not_found", "Không có tài khoản này.", "No such account.");
  const hash = await hashPassword(params.password);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(accounts)
      .set({ password: hash, updatedAt: new Date() })
      .where(and(eq(accounts.userId, params.id), eq(accounts.providerId, "credential")))
      .returning({ id: accounts.id });
    if (updated.length === 0) {
      const now = new Date();
      await tx.insert(accounts).values({
        id: newId(),
        accountId: params.id,
        providerId: "credential",
        userId: params.id,
        password: hash,
        createdAt: now,
        updatedAt: now,
      });
    }
    await tx.delete(sessions).where(eq(sessions.userId, params.id));
    await recordAudit(tx, {
      actor: params.actor,
      action: "user_password_reset",
      target: `user:${user.email}`,
      unitId: user.unitId,
      detail: { userId: user.id },
    });
  });
}

/**
 * Deactivate (or reactivate) an account. Deactivating drops its sessions and revokes its API tokens
 * at once; the last active administrator cannot be deactivated.
 */
export async function setUserActive(
  db: DbOrTx,
  params: { id: string; active: boolean; actor: AuditActor },
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, params.id)).for("update");
    if (!user) throw new AppError("user_not_found", "Không có tài khoản này.", "No such account.");
    if (!params.active && user.role === "admin") {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt)));
      if (n <= 1 && user.deactivatedAt === null) {
        throw new AppError(
          "last_admin",
          "Không thể khoá quản trị viên cuối cùng. Hãy tạo quản trị viên khác trước.",
          "The last administrator cannot be deactivated. Create another administrator first.",
        );
      }
    }
    const now = new Date();
    const [row] = await tx
      .update(users)
      .set({ deactivatedAt: params.active ? null : now, updatedAt: now })
      .where(eq(users.id, params.id))
      .returning();
    if (!params.active) {
      await tx.delete(sessions).where(eq(sessions.userId, params.id));
      await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, params.id), isNull(apiTokens.revokedAt)));
    }
    await recordAudit(tx, {
      actor: params.actor,
      action: params.active ? "user_reactivate" : "user_deactivate",
      target: `user:${user.email}`,
      unitId: user.unitId,
      detail: { userId: user.id },
    });
    return row;
  });
}
