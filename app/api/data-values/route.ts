// Stored figures as rows { unit_code, period, element, value }, JSON or CSV (UTF-8 with BOM).
import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { idRow } from "@/db/columns";
import { z } from "zod";
import { getReadDb } from "@/db";
import { listDataValues } from "@/db/queries/data-values";
import { getUserScope } from "@/db/queries/access";
import { toCsv } from "@/lib/export/csv";
import { parsePeriod } from "@/lib/periods";
import { elementsParam, oneOfParam, periodsParam, unitCodesParam } from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const query = z.object({
  units: unitCodesParam,
  periods: periodsParam,
  elements: elementsParam,
  format: oneOfParam(["json", "csv"]),
});

/** Its queries are cancelled on the server when the client goes away (db/abort.ts). */
export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
  const db = await getReadDb();
  // Administrators: every commune; the others: the communes they may read.
  const scope = await getUserScope(db, user);
  const unitIds = scope.all
    ? (await queryRows(db, sql`select id from units where level = 'commune'`, idRow)).map((r) => r.id)
    : scope.readUnitIds;
  const quarters = q.periods ? [...new Set(q.periods.flatMap((p) => parsePeriod(p)!.quarters))] : undefined;
  const rows = await listDataValues(db, { unitIds, unitCodes: q.units, quarters, elements: q.elements });
  const out = rows.map(({ unit_code, period, element, value }) => ({ unit_code, period, element, value }));
  if (q.format === "csv") {
    const csv = toCsv(
      ["unit_code", "period", "element", "value"],
      out.map((r) => [r.unit_code, r.period, r.element, r.value]),
    );
    return new NextResponse(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="data-values.csv"',
      },
    });
  }
  return NextResponse.json({ rows: out });
});
