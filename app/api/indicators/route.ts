// Indicators of a unit's communes (or the whole country) for a period, by commune, child unit or quarter, with
//targets and comparisons (JSON or CSV).
import { NextResponse } from "next/server";
import { z } from "zod";
import { getIndicatorTable, getIndicatorTableJson } from "@/db/queries/indicators";
import { getReadDb } from "@/db";
import { indicatorRowsToCsv } from "@/lib/indicators/export";
import { resolveRequestScope } from "../_lib/scope";
import { indicatorsParam, oneOfParam, periodParam, scopeParam, structureParam } from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const query = z.object({
  scope: scopeParam({ allowCountry: true }),
  structure: structureParam,
  period: periodParam,
  indicators: indicatorsParam,
  by: oneOfParam(["unit", "period", "child"]),
  format: oneOfParam(["json", "csv"]),
});

/** Its queries are cancelled on the server when the client goes away (db/abort.ts). */
export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
  const db = await getReadDb();
  const { scope, structure, period, indicators } = q;
  const by = q.by ?? "unit";
  const format = q.format ?? "json";
  // scope=VN: every commune of the country in the structure (by=child gives one row per province); administrators only.
  const req_ = await resolveRequestScope(db, user, { scope, structure, allowCountry: true });
  const scopeUnitId = req_.unit.level === "country" ? { country: req_.unit.structure } : req_.unit.id;
  const params = { reader: req_.userScope, scope: scopeUnitId, period, indicators, by };
  // JSON: the stored text of the result as it is (result cache), not parsed and serialized again.
  if (format === "json")
    return new NextResponse(await getIndicatorTableJson(db, params), {
      headers: { "content-type": "application/json" },
    });
  const result = await getIndicatorTable(db, params);
  const name = `indicators-${result.scope.code}-${result.period.code}-${by}.csv`;
  return new NextResponse(indicatorRowsToCsv(result.rows, result.indicators), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });
});
