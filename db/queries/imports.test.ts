import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine, tablesChecksum } from "../test-utils";
import { queryRows } from "../client";
import { z } from "zod";
import { countRow, int, intOrNull } from "../columns";
import { commitValues, listImports, type ValueInput } from "./imports";
import { getUnitByCode } from "./units";

const FIGURE_TABLES = ["data_values", "value_history", "imports"];

describeEachEngine("imports: the value store", (get) => {
  let traTan = 0;
  const meta = { createdBy: "test", source: "cli" as const, fileName: "t.csv", rowCount: 1 };
  const v = (element: string, value: number, period = "2025Q1"): ValueInput => ({
    unitId: traTan,
    period,
    element,
    value,
  });

  it("writes new values, then reports the same content as unchanged", async () => {
    const { db } = get();
    traTan = (await getUnitByCode(db, { structure: "2025-06", code: "21136" }))!.id;
    const first = await commitValues(db, {
      meta,
      values: [v("meetings_held", 12), v("procedures_received", 180), v("procedures_online", 152)],
    });
    expect(first.status).toBe("committed");
    expect(first.counts).toEqual({ values: 3, new: 3, changed: 0, unchanged: 0 });
    const again = await commitValues(db, {
      meta,
      values: [v("meetings_held", 12), v("procedures_received", 180), v("procedures_online", 152)],
    });
    expect(again.status).toBe("unchanged");
    expect(again.counts).toEqual({ values: 3, new: 0, changed: 0, unchanged: 3 });
    const history = await queryRows(db, sql`select count(*)::int as n from value_history`, countRow);
    expect(history[0].n).toBe(3);
  });

  it("keeps the previous value in history when a value changes", async () => {
    const { db } = get();
    const res = await commitValues(db, { meta, values: [v("meetings_held", 14), v("procedures_received", 180)] });
    expect(res.counts).toEqual({ values: 2, new: 0, changed: 1, unchanged: 1 });
    const rows = await queryRows(
      db,
      sql`select old_value, new_value, import_id from value_history where element_code = 'meetings_held' order by id`,
      z.object({ old_value: intOrNull, new_value: int, import_id: int }),
    );
    expect(rows.map((r) => [r.old_value, r.new_value])).toEqual([
      [null, 12],
      [12, 14],
    ]);
    expect(rows[1].import_id).toBe(res.importId);
    const current = await queryRows(
      db,
      sql`select value from data_values where element_code = 'meetings_held'`,
      z.object({ value: int }),
    );
    expect(current).toEqual([{ value: 14 }]);
    const list = await listImports(db);
    expect(list.map((i) => i.status)).toEqual(["committed", "unchanged", "committed"]);
  });

  it("refuses a negative or fractional count and leaves the database as it was", async () => {
    const before = await tablesChecksum(get(), FIGURE_TABLES);
    await expect(
      commitValues(get().db, { meta, values: [v("meetings_held", 20), v("dialogues_held", -1)] }),
    ).rejects.toThrow(/Invalid count -1/);
    await expect(commitValues(get().db, { meta, values: [v("meetings_held", 2.5)] })).rejects.toThrow(
      /Invalid count 2.5/,
    );
    expect(await tablesChecksum(get(), FIGURE_TABLES)).toBe(before);
  });

  it("rolls back everything when one value breaks a database rule", async () => {
    const before = await tablesChecksum(get(), FIGURE_TABLES);
    // An element that is not in the catalogue violates the foreign key after the history insert.
    await expect(
      commitValues(get().db, { meta, values: [v("meetings_held", 30), v("no_such_element", 1)] }),
    ).rejects.toThrow();
    expect(await tablesChecksum(get(), FIGURE_TABLES)).toBe(before);
  });
});
