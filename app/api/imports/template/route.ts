// Blank upload template (CSV or Excel) for one quarter: one row per commune of the overseeing unit, or of
// `scope` (a unit code of the structure in force in that quarter, picked by name on the imports page).
import { NextResponse } from "next/server";
import { z } from "zod";
import { getReadDb } from "@/db";
import { getIngestScope } from "@/db/queries/ingest-context";
import { listCommunesUnder } from "@/db/queries/units";
import {
  buildTemplateCsv,
  buildTemplateXlsx,
  defaultTemplatePeriod,
  templateFileName,
  type TemplateCommune,
} from "@/lib/export/template";
import { structureFor } from "@/lib/calendar";
import { getUserScope, scopeUnitAccess } from "@/db/queries/access";
import { getUnitByCode } from "@/db/queries/units";
import { AppError } from "@/lib/errors";
import { forbiddenUnits } from "@/lib/auth/errors";
import { getUnitById } from "@/db/queries/access";
import { requireScopeUnit } from "../../_lib/scope";
import { oneOfParam, scopeParam, templateQuarterParam } from "../../_lib/params";
import { readRoute } from "../../_lib/route";

export const dynamic = "force-dynamic";

const query = z.object({ format: oneOfParam(["csv", "xlsx"]), period: templateQuarterParam, scope: scopeParam() });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const GET = readRoute(query, { capability: "import" }, async ({ user, q }) => {
  const period = q.period ?? defaultTemplatePeriod();
  const format = q.format ?? "csv";
  const db = await getReadDb();
  // Administrators: the overseeing unit's communes; the others: their own unit's (what they may import for).
  const writable = await getUserScope(db, user);
  let unit =
    user.role === "admin"
      ? await requireScopeUnit(db)
      : ((await getUnitById(db, user.unitId)) ?? (await requireScopeUnit(db)));
  if (q.scope) {
    const chosen = await getUnitByCode(db, { structure: structureFor(period), code: q.scope });
    if (!chosen) {
      throw new AppError(
        "unit_not_found",
        `Không có đơn vị mã ${q.scope} trong danh mục ${structureFor(period)}.`,
        `No unit ${q.scope} in the ${structureFor(period)} list.`,
      );
    }
    if (!(await scopeUnitAccess(db, writable, chosen.id)))
      throw forbiddenUnits([`${chosen.name} (${chosen.code})`], "read");
    unit = { ...unit, ...chosen };
  }
  // A quarter is reported in the unit structure in force then: from 2025Q3 a 2025 district's
  // communes are the two-level communes they became (the mapping of 1 July 2025).
  const structure = structureFor(period);
  const communes: TemplateCommune[] = (
    unit.structure === structure
      ? await listCommunesUnder(db, { unitId: unit.id })
      : (await getIngestScope(db, { unitId: unit.id })).context.scope
          .filter((s) => s.structure === structure)
          .sort((a, b) => a.code.localeCompare(b.code))
  ).filter((c) => writable.all || !("id" in c) || writable.writeUnitIds.includes(c.id));
  const name = templateFileName(period, format);
  const headers = { "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" };
  if (format === "xlsx") {
    const body = await buildTemplateXlsx(communes, period);
    return new NextResponse(body as Uint8Array<ArrayBuffer>, { headers: { ...headers, "content-type": XLSX_TYPE } });
  }
  return new NextResponse(buildTemplateCsv(communes, period), {
    headers: { ...headers, "content-type": "text/csv; charset=utf-8" },
  });
});
