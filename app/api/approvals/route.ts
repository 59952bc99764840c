// A commune's quarter: submit (reporter), approve, send back or unlock (analyst, administrator).
// POST { unit: "21136", structure?: "2025-06", period: "2025Q1", status: "submitted" | "approved" | "draft", note? }.
// GET ?units=21136,21142&periods=2025Q1 → the statuses of the readable ones.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getUserScope, assertCanRead } from "@/db/queries/access";
import { getPeriodStatuses, setPeriodStatus } from "@/db/queries/approvals";
import { getScopeUnitByCode } from "@/db/queries/units";
import { auditActor, requireApiUser } from "@/app/_auth/session";
import { PERIOD_STATUSES } from "@/lib/auth/permissions";
import { structureForQuarter } from "@/lib/periods";
import { errorResponse, parseJsonBody } from "../_lib/http";
import { wrote } from "../_lib/wrote";
import {
  oneOfParam,
  quarterParam,
  quartersParam,
  required,
  structureParam,
  textParam,
  unitCodeParam,
  unitCodesParam,
} from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const body = z.object({
  unit: required(unitCodeParam, { vi: "thiếu mã xã, ví dụ 21136", en: "missing the commune code, e.g. 21136" }),
  structure: structureParam,
  period: required(quarterParam, { vi: "thiếu quý, ví dụ 2025Q1", en: "missing the quarter, e.g. 2025Q1" }),
  status: required(oneOfParam(PERIOD_STATUSES), {
    vi: "thiếu trạng thái: draft, submitted hoặc approved",
    en: "missing the status: draft, submitted or approved",
  }),
  note: textParam(500, { multiline: true }),
});

export async function POST(req: NextRequest) {
  // Which capability depends on the transition: setPeriodStatus decides; a viewer is refused here.
  const user = await requireApiUser(req, { write: true });
  if (user instanceof Response) return user;
  const b = await parseJsonBody(req, body);
  if (b instanceof Response) return b;
  try {
    const db = await getDb();
    const unit = await getScopeUnitByCode(db, {
      code: b.unit,
      structure: b.structure ?? structureForQuarter(b.period),
    });
    const actor = auditActor(user, req.headers);
    const row = await setPeriodStatus(db, {
      user,
      unitId: unit.id,
      period: b.period,
      status: b.status,
      actor,
      note: b.note,
    });
    return wrote(
      NextResponse.json({ unit: unit.code, period: row.period, status: row.status, changedAt: row.changedAt }),
    );
  } catch (err) {
    return errorResponse(err);
  }
}

const query = z.object({ units: unitCodesParam, periods: quartersParam, structure: structureParam });

export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
  const db = await getDb();
  const periods = q.periods ?? [];
  const structure = q.structure ?? (periods[0] ? structureForQuarter(periods[0]) : "2025-06");
  const units = await Promise.all((q.units ?? []).map((code) => getScopeUnitByCode(db, { code, structure })));
  const scope = await getUserScope(db, user);
  await assertCanRead(
    db,
    user,
    units.map((u) => u.id),
    scope,
  );
  const rows = await getPeriodStatuses(db, { unitIds: units.map((u) => u.id), periods });
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  const statuses = rows.map((r) => ({
    unit: codeOf.get(r.unitId),
    period: r.period,
    status: r.status,
    changedAt: r.changedAt,
  }));
  return NextResponse.json({ statuses });
});
