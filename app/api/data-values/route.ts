// Stored figures as rows { unit_code, period, element, value }, JSON or CSV (UTF-8 with BOM).
import { NextResponse, type NextRequest } from "next/server";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { idRow } from "@/db/columns";
import { z } from "zod";
import { getDb } from "@/db";
import { listDataValues } from "@/db/queries/data-values";
import { getUserScope } from "@/db/queries/access";
import { requireApiUser } from "@/app/_auth/session";
import { toCsv } from "@/lib/export/csv";
import { parsePeriod } from "@/lib/periods";
import { badRequest, errorResponse, listParam } from "../_lib/http";

export const dynamic = "force-dynamic";

const query = z.object({
  units: listParam,
  periods: listParam.refine((ps) => !ps || ps.every((p) => parsePeriod(p) !== null), "mỗi kỳ phải có dạng 2025Q1, 2025S1, 2025N9, 2025 hoặc 2024Q3..2025Q2"),
  elements: listParam,
  format: z.enum(["json", "csv"]).default("json"),
});

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    // Administrators: every commune; the others: the communes they may read.
    const scope = await getUserScope(db, user);
    const unitIds = scope.all ? (await queryRows(db, sql`select id from units where level = 'commune'`, idRow)).map((r) => r.id) : scope.readUnitIds;
    const quarters = q.data.periods ? [...new Set(q.data.periods.flatMap((p) => parsePeriod(p)!.quarters))] : undefined;
    const rows = await listDataValues(db, { unitIds, unitCodes: q.data.units, quarters, elements: q.data.elements });
    const out = rows.map(({ unit_code, period, element, value }) => ({ unit_code, period, element, value }));
    if (q.data.format === "csv") {
      const csv = toCsv(["unit_code", "period", "element", "value"], out.map((r) => [r.unit_code, r.period, r.element, r.value]));
      return new NextResponse(csv, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="data-values.csv"' },
      });
    }
    return NextResponse.json({ rows: out });
  } catch (err) {
    return errorResponse(err);
  }
}
