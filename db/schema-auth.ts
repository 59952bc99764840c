/**
 * Accounts, sessions and accountability: the tables better-auth reads and writes through its drizzle
 * adapter (users, sessions, accounts, verifications, rate_limits; TS keys are the field names it asks
 * for, SQL names are ours), API tokens, the audit trail and the approval status of a commune's quarter.
 * Re-exported by db/schema.ts, so drizzle-kit and the drizzle handle see them with the rest.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { units } from "./schema";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** A person who signs in. `role` and `unit_id` decide what they may see and do (lib/auth/permissions.ts). */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().unique("users_email_uq"),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    role: text("role", { enum: ["admin", "analyst", "reporter", "viewer"] }).notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    /** Set when an administrator deactivates the account: no sign-in, no token, sessions dropped. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** A documented demo account (only ever created in the demo database); flagged on screen. */
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (t) => [
    index("users_unit_idx").on(t.unitId),
    check("users_role_ck", sql`${t.role} in ('admin', 'analyst', 'reporter', 'viewer')`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    token: text("token").notNull().unique("sessions_token_uq"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Sign-in methods of a user; for us one "credential" row holding the library's scrypt password hash. */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

/** better-auth's rate-limit counters, in the database so every app instance shares them. */
export const rateLimits = pgTable("rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique("rate_limits_key_uq"),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

/** Tokens for machine clients (Authorization: Bearer); only the SHA-256 of the token is kept. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique("api_tokens_hash_uq"),
    /** The first characters of the token, to recognise it in a list. */
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/**
 * Who did what, when, from where. No foreign key to users: the trail outlives the account.
 * `unit_id` is the unit the event concerns, when there is one (the unit key of a large table).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: text("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    target: text("target"),
    unitId: integer("unit_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_action_at_idx").on(t.action, t.at),
    index("audit_events_actor_at_idx").on(t.actorUserId, t.at),
    index("audit_events_email_at_idx").on(t.actorEmail, t.at),
    index("audit_events_unit_at_idx").on(t.unitId, t.at),
  ],
);

/** The approval status of one commune's quarter; no row = draft. History is in audit_events. */
export const periodApprovals = pgTable(
  "period_approvals",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    period: text("period").notNull(),
    status: text("status", { enum: ["draft", "submitted", "approved"] }).notNull(),
    changedBy: text("changed_by"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** The analyst's comment when sending a quarter back (shown to the commune's officer); null otherwise. */
    comment: text("comment"),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.period] }),
    index("period_approvals_period_status_idx").on(t.period, t.status),
    check("period_approvals_status_ck", sql`${t.status} in ('draft', 'submitted', 'approved')`),
    check("period_approvals_period_ck", sql`${t.period} ~ '^[0-9]{4}Q[1-4]$'`),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
