// Units by name for the unit pickers: GET ?q=trà tân&structure=2025-07|period=2026Q3&level=commune,district&limit=20
// → { data: [{ code, name, level, parentName }], structure }, only units within the reader's scope.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getUserScope } from "@/db/queries/access";
import { listPickerUnits } from "@/db/queries/unit-search";
import { requireApiUser } from "@/app/_auth/session";
import { structureFor } from "@/lib/calendar";
import { STRUCTURES } from "@/lib/periods";
import { searchUnits } from "@/lib/units/search";
import { badRequest, errorResponse } from "../_lib/http";

export const dynamic = "force-dynamic";

const LEVELS = ["province", "district", "commune"] as const;

const query = z
  .object({
    q: z.string().max(100).default(""),
    structure: z.enum(STRUCTURES).optional(),
    // The structure that fits a quarter: 2025-06 up to 2025Q2, 2025-07 from 2025Q3.
    period: z.string().trim().toUpperCase().regex(/^\d{4}Q[1-4]$/, "kỳ phải là một quý, ví dụ 2026Q3").optional(),
    level: z
      .string()
      .default("")
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(z.array(z.enum(LEVELS))),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((v) => v.structure || v.period, { message: "cần structure (2025-06 hoặc 2025-07) hoặc period (một quý)", path: ["structure"] });

export async function GET(req: NextRequest) {
  const user = await requireApiUser(req, { capability: "read" });
  if (user instanceof Response) return user;
  const q = query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    const db = await getDb();
    const structure = q.data.structure ?? structureFor(q.data.period!);
    const units = await listPickerUnits(db, { structure, levels: q.data.level, scope: await getUserScope(db, user) });
    const data = searchUnits(units, q.data.q, q.data.limit).map((u) => ({ code: u.code, name: u.name, level: u.level, parentName: u.parentName }));
    return NextResponse.json({ data, structure }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
