// Stored figures as rows { unit_code, period, element, value }, JSON or CSV (UTF-8 with BOM).
import { NextResponse, type NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { idRow } from "@/db/columns";
import { z } from "zod";
import { withAbortSignal } from "@/db/abort";
import { getReadDb } from "@/db";
import { listDataValues } from "@/db/queries/data-values";
import { getUserScope } from "@/db/queries/access";
import { requireApiUser } from "@/app/_auth/session";
import { toCsv } from "@/lib/export/csv";
import { parsePeriod } from "@/lib/periods";
import { errorResponse } from "../_lib/http";
import { elementsParam, oneOfParam, parseQuery, periodsParam, unitCodesParam } from "../_lib/params";

export const dynamic = "force-dynamic";

const query = z.object({
  units: unitCodesParam,
  periods: periodsParam,
  elements: elementsParam,
  format: oneOfParam(["json", "csv"]),
});

/** Its queries are cancelled on the server when the client goes away (db/abort.ts). */
export function GET(req: NextRequest) {
  return withAbortSignal(req.signal, () => read(req));
}

async function read(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = parseQuery(query, req.nextUrl.searchParams);
  if (q instanceof Response) return q;
  try {
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
  } catch (err) {
    return errorResponse(err);
  }
}
