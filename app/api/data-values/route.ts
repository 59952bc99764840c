// Stored figures as rows { unit_code, period, element, value }, JSON or CSV (UTF-8 with BOM).
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { listDataValues } from "@/db/queries/data-values";
import { getIngestScope } from "@/db/queries/ingest-context";
import { toCsv } from "@/lib/export/csv";
import { parsePeriod } from "@/lib/periods";
import { requireScopeUnit } from "../_lib/scope";
import { badRequest, errorResponse, listParam } from "../_lib/http";

export const dynamic = "force-dynamic";

const query = z.object({
  units: listParam,
  periods: listParam.refine((ps) => !ps || ps.every((p) => parsePeriod(p) !== null), "mỗi kỳ phải có dạng 2025Q1, 2025S1, 2025N9, 2025 hoặc 2024Q3..2025Q2"),
  elements: listParam,
  format: z.enum(["json", "csv"]).default("json"),
});

export async function GET(req: NextRequest) {
  const q = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const unit = await requireScopeUnit(db);
    const scope = await getIngestScope(db, { unitId: unit.id });
    const quarters = q.data.periods ? [...new Set(q.data.periods.flatMap((p) => parsePeriod(p)!.quarters))] : undefined;
    const rows = await listDataValues(db, { unitIds: [...scope.unitIds.values()], unitCodes: q.data.units, quarters, elements: q.data.elements });
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
