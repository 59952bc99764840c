// Units by name for the unit pickers: GET ?q=trà tân&structure=2025-07|period=2026Q3&level=commune,district&limit=20
// → { data: [{ code, name, level, parentName }], structure }, only units within the reader's scope.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getReadDb } from "@/db";
import { getUserScope } from "@/db/queries/access";
import { listPickerUnits } from "@/db/queries/unit-search";
import { structureFor } from "@/lib/calendar";
import { badParameter } from "@/lib/errors";
import { searchUnits } from "@/lib/units/search";
import { intParam, oneOfListParam, quarterParam, structureParam, textParam } from "../_lib/params";
import { readRoute } from "../_lib/route";

export const dynamic = "force-dynamic";

const LEVELS = ["province", "district", "commune"] as const;

const query = z.object({
  q: textParam(100),
  structure: structureParam,
  // The structure that fits a quarter: 2025-06 up to 2025Q2, 2025-07 from 2025Q3.
  period: quarterParam,
  level: oneOfListParam(LEVELS, { vi: "cấp đơn vị", en: "unit levels" }),
  limit: intParam(1, 50),
});

/** Its queries are cancelled on the server when the client goes away (db/abort.ts). */
export const GET = readRoute(query, { capability: "read" }, async ({ user, q }) => {
  if (!q.structure && !q.period) {
    throw badParameter(
      "structure",
      "cần structure (2025-06 hoặc 2025-07) hoặc period (một quý)",
      "structure (2025-06 or 2025-07) or period (a quarter) is needed",
    );
  }
  const db = await getReadDb();
  const structure = q.structure ?? structureFor(q.period!);
  const units = await listPickerUnits(db, { structure, levels: q.level ?? [], scope: await getUserScope(db, user) });
  const data = searchUnits(units, q.q ?? "", q.limit ?? 20).map((u) => ({
    code: u.code,
    name: u.name,
    level: u.level,
    parentName: u.parentName,
  }));
  return NextResponse.json({ data, structure }, { headers: { "cache-control": "no-store" } });
});
