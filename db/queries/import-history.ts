/**
 * The record of uploads: list, detail (with the values each one changed), and revert — which restores
 * exactly what an import replaced and removes what it added, recorded as an import of its own.
 */
import { sql } from "drizzle-orm";
import { lockFigures, queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { date, dateOrNull, int, intOrNull } from "../columns";
import { imports } from "../schema";
import { importNotFound, notRevertible, revertConflict } from "@/lib/import-errors";
import { assertNotLocked } from "./approvals";
import { recordAudit, type AuditActor } from "./audit";
import { forbiddenUnits } from "@/lib/auth/errors";
import { outsideScope, type UserScope } from "@/lib/auth/permissions";

export const importListRowSchema = z.object({
  id: int,
  createdAt: date,
  createdBy: z.string(),
  source: z.string(),
  fileName: z.string().nullable(),
  fileSize: intOrNull,
  sha256: z.string().nullable(),
  shape: z.string().nullable(),
  status: z.string(),
  rowCount: int,
  valueCount: int,
  newCount: int,
  changedCount: int,
  unchangedCount: int,
  errorCount: int,
  revertsImportId: intOrNull,
  revertedAt: dateOrNull,
});
export type ImportListRow = z.infer<typeof importListRowSchema>;

const IMPORT_COLUMNS = sql`id, created_at as "createdAt", created_by as "createdBy", source, file_name as "fileName",
  file_size as "fileSize", sha256, shape, status, row_count as "rowCount", value_count as "valueCount",
  new_count as "newCount", changed_count as "changedCount", unchanged_count as "unchangedCount",
  error_count as "errorCount", reverts_import_id as "revertsImportId", reverted_at as "revertedAt"`;

const countSchema = z.object({ n: int });

/** Who may see an import: an administrator every one; others those touching their readable communes, or made by them. */
export interface ImportVisibility {
  scope: UserScope;
  email: string;
}

function visibleSql(v: ImportVisibility | undefined) {
  if (!v || v.scope.all) return sql`true`;
  const ids = v.scope.readUnitIds;
  const touches = ids.length
    ? sql`exists (select 1 from value_history h where h.import_id = imports.id and h.unit_id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}))
          or (imports.reverts_import_id is not null and exists (select 1 from value_history h where h.import_id =
            imports.reverts_import_id and h.unit_id in (${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )})))`
    : sql`false`;
  return sql`(${touches} or imports.created_by = ${v.email})`;
}

export async function listImports(
  db: DbOrTx,
  params: { limit?: number; offset?: number; includeDemo?: boolean; visibleTo?: ImportVisibility } = {},
): Promise<ImportListRow[]> {
  return queryRows(
    db,
    sql`select ${IMPORT_COLUMNS} from imports
        where ${params.includeDemo === false ? sql`source <> 'demo'` : sql`true`} and ${visibleSql(params.visibleTo)}
        order by id desc limit ${params.limit ?? 50} offset ${params.offset ?? 0}`,
    importListRowSchema,
  );
}

export const historyRowSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  element: z.string(),
  oldValue: intOrNull,
  newValue: intOrNull,
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

export async function getImport(
  db: DbOrTx,
  params: { id: number; changeLimit?: number; visibleTo?: ImportVisibility },
): Promise<(ImportListRow & { changes: HistoryRow[] }) | null> {
  const [row] = await queryRows(
    db,
    sql`select ${IMPORT_COLUMNS} from imports where id = ${params.id} and ${visibleSql(params.visibleTo)}`,
    importListRowSchema,
  );
  if (!row) return null;
  const readable = params.visibleTo && !params.visibleTo.scope.all ? params.visibleTo.scope.readUnitIds : null;
  const changes = await queryRows(
    db,
    sql`select u.code as "unitCode", u.name as "unitName", h.period, h.element_code as element, h.old_value as
      "oldValue", h.new_value as "newValue"
        from value_history h join units u on u.id = h.unit_id
        where h.import_id = ${params.id}
          ${
            readable
              ? readable.length
                ? sql`and h.unit_id in (${sql.join(
                    readable.map((id) => sql`${id}`),
                    sql`, `,
                  )})`
                : sql`and false`
              : sql``
          }
        order by u.code, h.period, h.element_code limit ${params.changeLimit ?? 1000}`,
    historyRowSchema,
  );
  return { ...row, changes };
}

export interface RevertResult {
  revertImportId: number;
  restored: number;
  removed: number;
}

/**
 * Undo an import: values it changed get their previous value back, values it added are removed.
 * Refused when any of its values no longer holds what it wrote (a later import changed it: revert that
 * one first); a later import that was itself reverted leaves the value as this one wrote it.
 */
export async function revertImport(
  db: DbOrTx,
  params: {
    importId: number;
    createdBy: string;
    source: "web" | "api" | "cli";
    /** Refuse (403 naming them) when the import touched communes outside this write scope. */
    writeScope?: UserScope;
    /** Record the revert in the audit trail, in the same transaction. */
    audit?: { actor: AuditActor };
  },
): Promise<RevertResult> {
  const id = params.importId;
  return db.transaction(async (tx) => {
    await lockFigures(tx);
    const [imp] = await queryRows(
      tx,
      sql`select status from imports where id = ${id} for update`,
      z.object({ status: z.string() }),
    );
    if (!imp) throw importNotFound(id);
    if (imp.status !== "committed") throw notRevertible(id, imp.status);
    const later = await queryRows(
      tx,
      sql`select u.code as "unitCode", h.period, h.element_code as element, coalesce(d.import_id, 0) as "importId",
        count(*) over ()::int as total
          from value_history h
          join units u on u.id = h.unit_id
          left join data_values d on d.unit_id = h.unit_id and d.period = h.period and d.element_code = h.element_code
          where h.import_id = ${id} and d.value is distinct from h.new_value
          order by u.code, h.period, h.element_code limit 10`,
      z.object({ unitCode: z.string(), period: z.string(), element: z.string(), importId: int, total: int }),
    );
    if (later.length) throw revertConflict(id, later, later[0].total);
    const touched = await queryRows(
      tx,
      sql`select distinct h.unit_id as "unitId", h.period, u.name, u.code from value_history h join units u on u.id =
        h.unit_id where h.import_id = ${id}`,
      z.object({ unitId: int, period: z.string(), name: z.string(), code: z.string() }),
    );
    if (params.writeScope) {
      const outside = outsideScope(
        params.writeScope,
        touched.map((t) => t.unitId),
        "write",
      );
      if (outside.length) {
        const names = [
          ...new Set(touched.filter((t) => outside.includes(t.unitId)).map((t) => `${t.name} (${t.code})`)),
        ];
        throw forbiddenUnits(names, "write");
      }
    }
    // Approved quarters are locked against reverts too.
    await assertNotLocked(
      tx,
      touched.map((t) => ({ unitId: t.unitId, period: t.period })),
    );
    const [rev] = await tx
      .insert(imports)
      .values({
        createdBy: params.createdBy,
        source: "revert",
        status: "committed",
        revertsImportId: id,
        note: `Hoàn tác lần nhập #${id}`,
      })
      .returning({ id: imports.id, createdAt: imports.createdAt });
    const at = rev.createdAt.toISOString();
    await tx.execute(sql`insert into value_history (unit_id, period, element_code, old_value, new_value, import_id, changed_at)
      select unit_id, period, element_code, new_value, old_value, ${rev.id}, ${at}::timestamptz
      from value_history where import_id = ${id}`);
    // An upsert, not an update: reverting a revert brings back values that the first revert removed.
    const restored = await queryRows(
      tx,
      sql`with r as (
            insert into data_values (unit_id, period, element_code, value, import_id, updated_at)
            select h.unit_id, h.period, h.element_code, h.old_value, ${rev.id}, ${at}::timestamptz
            from value_history h where h.import_id = ${id} and h.old_value is not null
            on conflict (unit_id, period, element_code)
            do update set value = excluded.value, import_id = excluded.import_id, updated_at = excluded.updated_at
            returning 1)
          select count(*)::int as n from r`,
      countSchema,
    );
    const removed = await queryRows(
      tx,
      sql`with r as (
            delete from data_values d using value_history h
            where h.import_id = ${id} and h.old_value is null
              and d.unit_id = h.unit_id and d.period = h.period and d.element_code = h.element_code
            returning 1)
          select count(*)::int as n from r`,
      countSchema,
    );
    await tx.execute(sql`update imports set status = 'reverted', reverted_at = ${at}::timestamptz where id = ${id}`);
    const total = restored[0].n + removed[0].n;
    await tx.execute(sql`update imports set value_count = ${total}, changed_count = ${total} where id = ${rev.id}`);
    if (params.audit) {
      await recordAudit(tx, {
        actor: params.audit.actor,
        action: "revert",
        target: `import:${id}`,
        detail: { revertImportId: rev.id, restored: restored[0].n, removed: removed[0].n, source: params.source },
      });
    }
    return { revertImportId: rev.id, restored: restored[0].n, removed: removed[0].n };
  });
}
