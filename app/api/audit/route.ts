// The audit trail as CSV (UTF-8 with BOM), with the audit page's filters; administrators only.
import { getDb } from "@/db";
import { auditCsv } from "@/db/queries/audit";
import { parseAuditFilter } from "@/lib/auth/audit-filter";
import { z } from "zod";
import { auditActionParam, dayParam, textParam } from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const query = z.object({
  action: auditActionParam,
  actor: textParam(),
  target: textParam(),
  from: dayParam,
  to: dayParam,
});

export const GET = readRoute(query, { capability: "viewAudit" }, async ({ q }) => {
  // Checked strictly here (400 on a bad value); the page's lenient reader then turns days into instants.
  const csv = await auditCsv(await getDb(), parseAuditFilter(q));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="nhat-ky-hoat-dong.csv"',
      "cache-control": "no-store",
    },
  });
});
