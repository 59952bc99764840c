// The audit trail as CSV (UTF-8 with BOM), with the audit page's filters; administrators only.
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { auditCsv } from "@/db/queries/audit";
import { parseAuditFilter } from "@/lib/auth/audit-filter";
import { requireApiUser } from "@/app/_auth/session";
import { errorResponse } from "../_lib/http";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "viewAudit" });
  if (user instanceof Response) return user;
  try {
    const csv = await auditCsv(await getDb(), parseAuditFilter(Object.fromEntries(req.nextUrl.searchParams)));
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="nhat-ky-hoat-dong.csv"', "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
