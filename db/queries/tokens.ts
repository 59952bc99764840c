/**
 * API tokens for machine clients (Authorization: Bearer). A token is shown once at creation; only
 * its SHA-256 is stored, with a short prefix to recognise it in a list. Verification looks the hash
 * up on every request, so a revocation takes effect at once.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, or, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiTokens, users, type ApiTokenRow } from "../schema";
import { recordAudit, type AuditActor } from "./audit";
import { AppError } from "@/lib/errors";
import type { AuthUser } from "@/lib/auth/permissions";

export const TOKEN_PREFIX = "dvcq_";
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** last_used_at is written at most this often per token, so a busy client does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type ApiTokenInfo = Omit<ApiTokenRow, "tokenHash">;

/**
 * Create a token for a user. Returns the plaintext once (it is not stored) and the row without its hash.
 * @example createApiToken(db, { userId, name: "Máy chủ tỉnh", actor }) → { token: "dvcq_3q2…", info: { id: 1, prefix: "dvcq_3q2xYz", … } }
 */
export async function createApiToken(
  db: DbOrTx,
  params: { userId: string; name: string; actor: AuditActor },
): Promise<{ token: string; info: ApiTokenInfo }> {
  const name = params.name.trim().slice(0, 100);
  if (!name)
    throw new AppError(
      "token_name_missing",
      "Hãy đặt tên cho mã truy cập (ví dụ: tên máy chủ dùng nó).",
      "Name the token (e.g. the server that will use it).",
    );
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ email: users.email, unitId: users.unitId, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, params.userId));
    if (!user) throw new AppError("user_not_found", "Không có tài khoản này.", "No such account.");
    if (user.deactivatedAt)
      throw new AppError("account_deactivated", "Tài khoản này đã bị khoá.", "This account has been deactivated.");
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: params.userId,
        name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
      })
      .returning();
    await recordAudit(tx, {
      actor: params.actor,
      action: "token_create",
      target: `token:${row.id}`,
      unitId: user.unitId,
      detail: { tokenId: row.id, name, prefix: row.prefix, owner: user.email },
    });
    const { tokenHash: _hash, ...info } = row;
    return { token, info };
  });
}

/**
 * The user behind a Bearer token, or null when the token is unknown, revoked, or its owner
 * deactivated. Updates last_used_at (at most once a minute per token).
 */
export async function verifyApiToken(db: DbOrTx, token: string, now = new Date()): Promise<AuthUser | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      unitId: users.unitId,
      isDemo: users.isDemo,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), isNull(users.deactivatedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.tokenId),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
        ),
      );
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    unitId: row.unitId,
    isDemo: row.isDemo,
    via: "token",
    tokenId: row.tokenId,
  };
}

/**
 * Revoke a token. `ownerId` set: only that user's token (a user revoking their own); unset: any
 * (an administrator). Revoking twice is harmless; an unknown token is a 404.
 */
export async function revokeApiToken(
  db: DbOrTx,
  params: { id: number; ownerId?: string; actor: AuditActor },
): Promise<ApiTokenInfo> {
  return db.transaction(async (tx) => {
    const where = params.ownerId
      ? and(eq(apiTokens.id, params.id), eq(apiTokens.userId, params.ownerId))
      : eq(apiTokens.id, params.id);
    const [current] = await tx.select().from(apiTokens).where(where);
    if (!current) throw new AppError("token_not_found", "Không có mã truy cập này.", "No such API token.");
    if (current.revokedAt) {
      const { tokenHash: _h, ...info } = current;
      return info;
    }
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.id, params.id))
      .returning();
    await recordAudit(tx, {
      actor: params.actor,
      action: "token_revoke",
      target: `token:${row.id}`,
      detail: { tokenId: row.id, name: row.name, prefix: row.prefix, ownerId: row.userId },
    });
    const { tokenHash: _hash, ...info } = row;
    return info;
  });
}

/** A user's tokens (all when `userId` is unset), newest first, without hashes. */
export async function listApiTokens(
  db: DbOrTx,
  params: { userId?: string } = {},
): Promise<(ApiTokenInfo & { ownerEmail: string })[]> {
  return db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      ownerEmail: users.email,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(params.userId ? eq(apiTokens.userId, params.userId) : sql`true`)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}
