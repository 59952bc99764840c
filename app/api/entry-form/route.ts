// The entry form of a commune's quarter (app/units/[code]/[period]).
// GET ?unit=21136&period=2026Q4 → what the form opens with (stored figures, previous quarter, year ago, draft, status).
// POST { unit, period, inputs: { element: "1.234" }, base: { element: 12 | null }, baseDraftAt, mode: "draft" | "save" | "discard" }
//   → a draft (kept, not counted) or figures saved through the import store (source "form"); 409 entry_conflict
//   when the quarter was saved by someone else since `base`, naming what changed.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { discardEntryDraft, loadEntryForm, saveEntryForm } from "@/db/queries/entry-form";
import { getScopeUnitByCode } from "@/db/queries/units";
import { auditActor, requireApiUser } from "@/app/_auth/session";
import { elementCodes } from "@/lib/indicators/catalogue";
import { structureForQuarter } from "@/lib/periods";
import { errorResponse, parseJsonBody } from "../_lib/http";
import { oneOfParam, quarterParam, required, unitCodeParam } from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const unit = required(unitCodeParam, { vi: "thiếu mã xã, ví dụ 21136", en: "missing the commune code, e.g. 21136" });
const period = required(quarterParam, { vi: "thiếu quý, ví dụ 2026Q4", en: "missing the quarter, e.g. 2026Q4" });

const query = z.object({ unit, period });

export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
  const db = await getDb();
  const u = await getScopeUnitByCode(db, { code: q.unit, structure: structureForQuarter(q.period) });
  return NextResponse.json(await loadEntryForm(db, { user, unit: u, period: q.period }));
});

const element = z.enum(elementCodes as [string, ...string[]]);
const body = z.object({
  unit,
  period,
  mode: required(oneOfParam(["draft", "save", "discard"] as const), {
    vi: "thiếu cách lưu: draft, save hoặc discard",
    en: "missing the mode: draft, save or discard",
  }),
  inputs: z.partialRecord(element, z.string().max(40)).default({}),
  base: z.partialRecord(element, z.number().int().nonnegative().nullable()).default({}),
  baseDraftAt: z.string().max(40).nullable().default(null),
});

/** A partial record without its absent keys. */
const defined = <T>(r: Partial<Record<string, T>>): Record<string, T> =>
  Object.fromEntries(Object.entries(r).filter((e): e is [string, T] => e[1] !== undefined));

export async function POST(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "import" });
  if (user instanceof Response) return user;
  const b = await parseJsonBody(req, body);
  if (b instanceof Response) return b;
  try {
    const db = await getDb();
    const u = await getScopeUnitByCode(db, { code: b.unit, structure: structureForQuarter(b.period) });
    if (b.mode === "discard") {
      await discardEntryDraft(db, { user, unit: u, period: b.period });
      return NextResponse.json({ status: "discarded" });
    }
    const outcome = await saveEntryForm(db, {
      user,
      unit: u,
      period: b.period,
      inputs: defined(b.inputs),
      base: defined(b.base),
      baseDraftAt: b.baseDraftAt,
      mode: b.mode,
      actor: auditActor(user, req.headers),
    });
    return NextResponse.json(outcome);
  } catch (err) {
    return errorResponse(err);
  }
}
