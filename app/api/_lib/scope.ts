import "server-only";
import type { DbOrTx } from "@/db";
import { getOverseeingUnit } from "@/app/_components/scope";
import { noOverseeingUnit } from "@/lib/import-errors";
import { readEnv } from "@/lib/env";

/** The unit whose communes this request may read and write. Until accounts exist: the overseeing unit. */
export async function requireScopeUnit(db: DbOrTx) {
  const unit = await getOverseeingUnit(db);
  if (!unit) throw noOverseeingUnit(readEnv().ORG_UNIT_CODE);
  return unit;
}

/** Who is acting, for the import record. Until accounts exist, the entry point's name. */
export function actorName(source: "web" | "api"): string {
  return source === "web" ? "web" : "api";
}
