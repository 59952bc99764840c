/**
 * Configuration from the environment, validated once with zod so a typo fails loudly at start.
 * See the configuration table in README.md.
 */
import { z } from "zod";

/** An optional variable where an empty value means unset. */
const blankIsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const envSchema = z.object({
  DATABASE_URL: z.string().trim().optional(),
  /** A PostgreSQL streaming replica for read-only queries (dashboards, exports, search); ignored on PGlite. */
  DATABASE_READ_URL: blankIsUnset(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_READ_URL must be a postgres:// URL"),
  ),
  DATABASE_READ_POOL_MAX: blankIsUnset(z.coerce.number().int().min(1).max(1000)),
  /** Named prepared statements: 0 behind PgBouncer in transaction mode. */
  DATABASE_PREPARE: blankIsUnset(z.enum(["0", "1", "false", "true", "off", "on", "no", "yes"])),
  PGLITE_DIR: z.string().trim().optional(),
  DEMO_DATA: z.string().trim().optional(),
  /** The overseeing unit whose communes the dashboard shows, and its structure. */
  ORG_UNIT_CODE: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, "ORG_UNIT_CODE must be a unit code (digits)")
    .default("525"),
  ORG_STRUCTURE: z.enum(["2025-06", "2025-07"]).default("2025-06"),
  /** Signing secret of sessions (≥ 32 characters); when unset one is generated and kept in the database. */
  BETTER_AUTH_SECRET: blankIsUnset(z.string().trim().min(32, "BETTER_AUTH_SECRET must have at least 32 characters")),
  /** The public URL (https://dvcq.example.gov.vn); when unset each request's own origin is used. */
  BETTER_AUTH_URL: blankIsUnset(z.string().trim().url("BETTER_AUTH_URL must be a URL")),
  /** Secure cookies: auto (when the request came over HTTPS), 1 (always), 0 (never). */
  AUTH_SECURE_COOKIES: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.enum(["auto", "1", "0"]).default("auto"),
  ),
  /** Sign-in attempts allowed per client address and minute (default 5; the browser tests raise it). */
  AUTH_SIGN_IN_PER_MINUTE: blankIsUnset(z.coerce.number().int().min(1).max(10_000)),
  /** Other origins allowed to post to /api/auth (comma-separated). */
  AUTH_TRUSTED_ORIGINS: blankIsUnset(z.string().trim()),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
