// The audit trail as CSV (UTF-8 with BOM), with the audit page's filters; administrators only.
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { auditCsv } from "@/db/queries/audit";
import { parseAuditFilter } from "@/lib/auth/audit-filter";
import { requireApiUser } from "@/app/_auth/session";
import { z } from "zod";
import { errorResponse } from "../_lib/http";
import { auditActionParam, dayParam, parseQuery, textParam } from "../_lib/params";

export const dynamic = "force-dynamic";

const query = z.object({
  action: auditActionParam,
  actor: textParam(),
  target: textParam(),
  from: dayParam,
  to: dayParam,
});

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "viewAudit" });
  if (user instanceof Response) return user;
  const q = parseQuery(query, req.nextUrl.searchParams);
  if (q instanceof Response) return q;
  try {
    // Checked strictly here (400 on a bad value); the page's lenient reader then turns days into instants.
    const csv = await auditCsv(await getDb(), parseAuditFilter(q));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="nhat-ky-hoat-dong.csv"',
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
