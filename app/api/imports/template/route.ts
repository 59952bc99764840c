// Blank upload template (CSV or Excel) for one quarter: one row per commune of the overseeing unit.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getIngestScope } from "@/db/queries/ingest-context";
import { listCommunesUnder } from "@/db/queries/units";
import { buildTemplateCsv, buildTemplateXlsx, defaultTemplatePeriod, templateFileName, type TemplateCommune } from "@/lib/export/template";
import { structureForQuarter } from "@/lib/periods";
import { getUserScope } from "@/db/queries/access";
import { getOverseeingUnit } from "@/app/_components/scope";
import { getUnitById } from "@/db/queries/access";
import { requireApiUser } from "@/app/_auth/session";
import { requireScopeUnit } from "../../_lib/scope";
import { errorResponse } from "../../_lib/http";
import { oneOfParam, parseQuery, templateQuarterParam } from "../../_lib/params";

export const dynamic = "force-dynamic";

const query = z.object({ format: oneOfParam(["csv", "xlsx"]), period: templateQuarterParam });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "import" });
  if (user instanceof Response) return user;
  const q = parseQuery(query, req.nextUrl.searchParams);
  if (q instanceof Response) return q;
  try {
    const period = q.period ?? defaultTemplatePeriod();
    const format = q.format ?? "csv";
    const db = await getDb();
    // Administrators: the overseeing unit's communes; the others: their own unit's (what they may import for).
    const unit = user.role === "admin" ? await requireScopeUnit(db) : ((await getUnitById(db, user.unitId)) ?? (await requireScopeUnit(db)));
    const writable = await getUserScope(db, user);
    // A quarter is reported in the unit structure in force then: from 2025Q3 a 2025 district's
    // communes are the two-level communes they became (the mapping of 1 July 2025).
    const structure = structureForQuarter(period);
    const communes: TemplateCommune[] = (
      unit.structure === structure
        ? await listCommunesUnder(db, { unitId: unit.id })
        : (await getIngestScope(db, { unitId: unit.id })).context.scope
            .filter((s) => s.structure === structure)
            .sort((a, b) => a.code.localeCompare(b.code))
    ).filter((c) => writable.all || !("id" in c) || writable.writeUnitIds.includes(Number((c as { id: unknown }).id)));
    const name = templateFileName(period, format);
    const headers = { "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" };
    if (format === "xlsx") {
      const body = await buildTemplateXlsx(communes, period);
      return new NextResponse(body as Uint8Array<ArrayBuffer>, { headers: { ...headers, "content-type": XLSX_TYPE } });
    }
    return new NextResponse(buildTemplateCsv(communes, period), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  } catch (err) {
    return errorResponse(err);
  }
}
