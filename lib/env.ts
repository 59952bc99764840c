/**
 * Configuration from the environment, validated once with zod so a typo fails loudly at start.
 * See the configuration table in README.md.
 */
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z.string().trim().optional(),
  PGLITE_DIR: z.string().trim().optional(),
  DEMO_DATA: z.string().trim().optional(),
  /** The overseeing unit whose communes the dashboard shows, and its structure. */
  ORG_UNIT_CODE: z.string().trim().regex(/^\d{1,10}$/, "ORG_UNIT_CODE must be a unit code (digits)").default("525"),
  ORG_STRUCTURE: z.enum(["2025-06", "2025-07"]).default("2025-06"),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
