/**
 * Every file of the ingest fixture corpus (lib/ingest/__fixtures__, whose exact values and errors the
 * pure tests assert) through the store on both engines: a refused file leaves the value and history
 * tables exactly as they were; an accepted one stores exactly the values the pipeline read.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine, tablesChecksum } from "../test-utils";
import { queryRows } from "../client";
import { z } from "zod";
import { countRow, int } from "../columns";
import { getIngestScope } from "./ingest-context";
import { runImport } from "./imports";
import { getUnitByCode } from "./units";
import { ingestFile } from "@/lib/ingest";

const DIR = path.join(process.cwd(), "lib/ingest/__fixtures__");
const files = fs
  .readdirSync(DIR)
  .filter((f) => /\.(csv|tsv|txt|json|xlsx)$/.test(f))
  .sort();

describeEachEngine("import fixtures through the store", (get) => {
  it("has a corpus to run", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    it(`${file}: lands exactly or is refused leaving the figures untouched`, async () => {
      const { db } = get();
      const district = await getUnitByCode(db, { structure: "2025-06", code: "525" });
      const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)));
      const scope = await getIngestScope(db, { unitId: district!.id, currentQuarter: "2025Q4" });
      const expected = await ingestFile(bytes, file, scope.context);
      const before = await tablesChecksum(get(), ["data_values", "value_history"]);
      const outcome = await runImport(db, {
        input: bytes,
        fileName: file,
        scopeUnitId: district!.id,
        mode: "commit",
        createdBy: "fixture-test",
        source: "cli",
        maxBytes: 1 << 24,
        currentQuarter: "2025Q4",
      });
      expect(outcome.errorCount).toBe(expected.errorCount);
      expect(outcome.errors).toEqual(expected.errors);
      if (expected.errorCount > 0) {
        expect(outcome.status).toBe("rejected");
        expect(await tablesChecksum(get(), ["data_values", "value_history"])).toBe(before);
        return;
      }
      expect(["committed", "unchanged"]).toContain(outcome.status);
      expect(outcome.counts.values).toBe(expected.values.length);
      const rows = await queryRows(
        db,
        sql`select u.code, u.structure, v.period, v.element_code as element, v.value
            from value_history h join data_values v using (unit_id, period, element_code) join units u on u.id = v.unit_id
            where h.import_id = ${outcome.importId ?? -1}`,
        z.object({ code: z.string(), structure: z.string(), period: z.string(), element: z.string(), value: int }),
      );
      const stored = new Map(rows.map((r) => [`${r.structure}|${r.code}|${r.period}|${r.element}`, r.value]));
      for (const v of expected.values) {
        const key = `${v.structure}|${v.unitCode}|${v.period}|${v.element}`;
        // A value equal to what an earlier fixture stored is "unchanged" and has no history row here.
        if (stored.has(key)) expect(stored.get(key), key).toBe(v.value);
      }
      const keys = expected.values.map((v) => `"${v.structure}|${v.unitCode}|${v.period}|${v.element}|${v.value}"`);
      const current = await queryRows(
        db,
        sql`select count(*)::int as n from data_values v join units u on u.id = v.unit_id
            where (u.structure || '|' || u.code || '|' || v.period || '|' || v.element_code || '|' || v.value) =
              any(${`{${keys.join(",")}}`}::text[])`,
        countRow,
      );
      expect(current[0].n).toBe(expected.values.length);
    });
  }
});
