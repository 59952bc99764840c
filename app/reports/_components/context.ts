import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { z } from "zod";
import { queryRows } from "@/db/client";
import { defaultScopeUnitId } from "@/db/queries/access";
import { getScopeUnit } from "@/db/queries/units";
import { getOverseeingUnit } from "../../_components/scope";
import { currentUserScope } from "../../_components/view-context";

/** The reader's scope for the report pages: their user scope and the default scope unit (as the API's). */
export async function reportsContext() {
  const db = await getDb();
  const { user, scope } = await currentUserScope();
  const overseeing = await getOverseeingUnit(db);
  const unit = await getScopeUnit(db, {
    unitId: await defaultScopeUnitId(db, scope, overseeing ? overseeing.id : null),
  });
  return { db, user, scope, unit };
}

/** Periods that have narrative reports or figures, newest first (for the period choosers). */
export async function knownPeriods(): Promise<string[]> {
  const db = await getDb();
  const rows = await queryRows(
    db,
    sql`select period from (select distinct period from narrative_reports union select distinct period from
      data_values) p order by period desc limit 24`,
    z.object({ period: z.string() }),
  );
  return rows.map((r) => r.period);
}
