import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine, SHARED_DIR, tablesChecksum } from "../test-utils";
import { queryRows } from "../client";
import { z } from "zod";
import { countUnits, getUnitByCode, listCommunesUnder, loadMerges, loadUnits } from "./units";
import { ValidationError } from "@/lib/errors";

const UNIT_TABLES = ["units", "unit_merges"];

async function expectRefused(p: Promise<unknown>, codes: string[]): Promise<ValidationError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  const v = err as ValidationError;
  expect(v.problems.map((p) => p.code)).toEqual(codes);
  return v;
}

describeEachEngine("units: demo fixture", (get) => {
  it("holds Trà Bồng's 16 communes before the reform and its 6 successors after", async () => {
    const { db } = get();
    expect(await countUnits(db)).toEqual([
      { structure: "2025-06", level: "commune", n: 16 },
      { structure: "2025-06", level: "district", n: 1 },
      { structure: "2025-06", level: "province", n: 1 },
      { structure: "2025-07", level: "commune", n: 6 },
      { structure: "2025-07", level: "province", n: 1 },
    ]);
    const district = await getUnitByCode(db, { structure: "2025-06", code: "525" });
    expect(district?.name).toBe("Huyện Trà Bồng");
    const communes = await listCommunesUnder(db, { unitId: district!.id });
    expect(communes.length).toBe(16);
    expect(communes[7]).toMatchObject({ code: "21136", name: "Xã Trà Tân" });
    // The same code names different communes in the two structures.
    expect((await getUnitByCode(db, { structure: "2025-07", code: "21136" }))?.name).toBe("Xã Cà Đam");
    const province = await getUnitByCode(db, { structure: "2025-06", code: "51" });
    expect((await listCommunesUnder(db, { unitId: province!.id })).length).toBe(16);
  });

  it("maps Trà Bùi to both Cà Đam and Tây Trà Bồng", async () => {
    const rows = await queryRows(
      get().db,
      sql`select n.code as new_code from unit_merges m join units o on o.id = m.old_unit_id join units n on n.id = m.new_unit_id
          where o.code = '21142' and o.structure = '2025-06' order by 1`,
      z.object({ new_code: z.string() }),
    );
    expect(rows.map((r) => r.new_code)).toEqual(["21136", "21157"]);
  });

  it("loads the same file twice without change", async () => {
    const { db } = get();
    const csv = fs.readFileSync(path.join(process.cwd(), "db/fixtures/units-demo-2025-06.csv"), "utf8");
    const before = await tablesChecksum(get(), UNIT_TABLES);
    expect(await loadUnits(db, { structure: "2025-06", csv })).toEqual({ rows: 18, inserted: 0, updated: 0 });
    expect(await tablesChecksum(get(), UNIT_TABLES)).toBe(before);
  });

  it("refuses an unknown parent, a duplicate code and a bad level, writing nothing", async () => {
    const { db } = get();
    const before = await tablesChecksum(get(), UNIT_TABLES);
    const bad = [
      "code,name,level,parent_code,province_code",
      "99001,Xã Thử,commune,999,51", // unknown parent
      "21136,Xã Trà Tân mới,commune,525,51",
      "21136,Xã Trà Tân trùng,commune,525,51", // duplicate
      "99002,Xã Lạ,village,525,51", // bad level
    ].join("\n");
    const err = await expectRefused(loadUnits(db, { structure: "2025-06", csv: bad }), [
      "unknown_parent",
      "duplicate_code",
      "bad_level",
    ]);
    expect(err.problems.map((p) => [p.line, p.column])).toEqual([
      [2, "parent_code"],
      [4, "code"],
      [5, "level"],
    ]);
    expect(err.problems[1].messageVi).toBe("Mã đơn vị 21136 bị trùng với dòng 3.");
    expect(await tablesChecksum(get(), UNIT_TABLES)).toBe(before);
  });

  it("refuses a mapping to an unknown code, writing nothing", async () => {
    const before = await tablesChecksum(get(), UNIT_TABLES);
    const err = await expectRefused(loadMerges(get().db, { csv: "old_code,new_code\n21136,21136\n21136,99999\n" }), [
      "unknown_unit",
    ]);
    expect(err.problems[0]).toMatchObject({ line: 3, column: "new_code", value: "99999" });
    expect(await tablesChecksum(get(), UNIT_TABLES)).toBe(before);
  });
});

const national = fs.existsSync(path.join(SHARED_DIR, "data/admin-units/units-2025-06.csv"));
if (!national)
  console.log(`[units tests] ${SHARED_DIR}data/admin-units is missing: the national-list tests are skipped.`);

describeEachEngine(
  "units: national lists",
  (get) => {
    it.runIf(national)("loads 10,794 + 3,355 units and 10,570 mapping rows, idempotently", async () => {
      const { db } = get();
      const read = (f: string) => fs.readFileSync(path.join(SHARED_DIR, "data/admin-units", f), "utf8");
      expect(await loadUnits(db, { structure: "2025-06", csv: read("units-2025-06.csv") })).toEqual({
        rows: 10794,
        inserted: 10794,
        updated: 0,
      });
      expect(await loadUnits(db, { structure: "2025-07", csv: read("units-2025-07.csv") })).toEqual({
        rows: 3355,
        inserted: 3355,
        updated: 0,
      });
      expect(await loadMerges(db, { csv: read("merges-2025-07.csv") })).toEqual({ rows: 10570, inserted: 10570 });
      const before = await tablesChecksum(get(), UNIT_TABLES);
      expect(await loadUnits(db, { structure: "2025-06", csv: read("units-2025-06.csv") })).toEqual({
        rows: 10794,
        inserted: 0,
        updated: 0,
      });
      expect(await loadMerges(db, { csv: read("merges-2025-07.csv") })).toEqual({ rows: 10570, inserted: 0 });
      expect(await tablesChecksum(get(), UNIT_TABLES)).toBe(before);
      expect(await countUnits(db)).toEqual([
        { structure: "2025-06", level: "commune", n: 10035 },
        { structure: "2025-06", level: "district", n: 696 },
        { structure: "2025-06", level: "province", n: 63 },
        { structure: "2025-07", level: "commune", n: 3321 },
        { structure: "2025-07", level: "province", n: 34 },
      ]);
      const traBong = await getUnitByCode(db, { structure: "2025-06", code: "525" });
      expect((await listCommunesUnder(db, { unitId: traBong!.id })).map((c) => c.code)).toEqual([
        "21115",
        "21118",
        "21121",
        "21124",
        "21127",
        "21130",
        "21133",
        "21136",
        "21139",
        "21142",
        "21145",
        "21148",
        "21154",
        "21157",
        "21163",
        "21166",
      ]);
    });
  },
  { demoUnits: false },
);
