/**
 * What the ingest pipeline needs to know about units for one uploader: the communes they may write
 * in each structure, every known unit (to tell "outside your scope" from "does not exist") and the
 * old → new mapping (to say what an obsolete code became).
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import type { IngestContext, KnownUnit, ScopeUnit, UnitMapping } from "@/lib/ingest";
import { STRUCTURES } from "@/lib/periods";
import { listScopeCommunes } from "./units";

export interface ResolvedScope {
  context: IngestContext;
  /** `${structure}|${code}` → unit id, for the communes in scope. */
  unitIds: Map<string, number>;
}

/**
 * The communes below `unitId` ("all": every commune, for a national administrator) in its own structure, plus their
 * counterparts in the other structure
 * through the mapping (a district of 2025 reports its successors' figures from 2025Q3 on, and a
 * 2025 province its predecessors' figures up to 2025Q2).
 */
export async function getIngestScope(
  db: DbOrTx,
  params: { unitId: number | "all"; currentQuarter?: string },
): Promise<ResolvedScope> {
  const scopeRows = await listScopeCommunes(db, { unitId: params.unitId });
  const all = await queryRows(
    db,
    sql`select structure, code, name from units where level = 'commune' or code in (select o.code from units o join
      unit_merges m on m.old_unit_id = o.id where o.level <> 'commune')`,
    z.object({ structure: z.enum(STRUCTURES), code: z.string(), name: z.string() }),
  );
  const mapping: UnitMapping[] = await queryRows(
    db,
    sql`select o.code as "oldCode", n.code as "newCode" from unit_merges m join units o on o.id = m.old_unit_id join
      units n on n.id = m.new_unit_id`,
    z.object({ oldCode: z.string(), newCode: z.string() }),
  );
  const scope: ScopeUnit[] = scopeRows.map((r) => ({ structure: r.structure, code: r.code, name: r.name }));
  const allUnits: KnownUnit[] = all.map((r) => ({ structure: r.structure, code: r.code, name: r.name }));
  return {
    context: { scope, allUnits, mapping, currentQuarter: params.currentQuarter },
    unitIds: new Map(scopeRows.map((r) => [`${r.structure}|${r.code}`, r.id])),
  };
}
