import "server-only";
import type { DbOrTx } from "@/db";
import { getUnitByCode } from "@/db/queries/units";
import { readEnv } from "@/lib/env";

/** The unit this installation oversees (ORG_UNIT_CODE in ORG_STRUCTURE), or null when not loaded. */
export async function getOverseeingUnit(db: DbOrTx) {
  const env = readEnv();
  return getUnitByCode(db, { structure: env.ORG_STRUCTURE, code: env.ORG_UNIT_CODE });
}
