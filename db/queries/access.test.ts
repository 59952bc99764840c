import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine } from "../test-utils";
import { queryRows, type DbOrTx } from "../client";
import { idRow } from "../columns";
import { assertCanRead, assertCanWrite, getUserScope, importScopeUnitId, readableUnitsSql } from "./access";
import { getIngestScope } from "./ingest-context";
import { AppError } from "@/lib/errors";

async function idOf(db: DbOrTx, structure: string, code: string): Promise<number> {
  const [row] = await queryRows(db, sql`select id from units where structure = ${structure} and code = ${code}`, idRow);
  return row.id;
}

async function ids(db: DbOrTx, where: ReturnType<typeof sql>): Promise<number[]> {
  const rows = await queryRows(db, sql`select id from units where ${where} order by id`, idRow);
  return rows.map((r) => r.id);
}

describeEachEngine("user scope", (get) => {
  it("gives the reporter of 21136 Xã Trà Tân only that commune and its 2025-07 successor 21136 Xã Cà Đam", async () => {
    const { db } = get();
    const traTan = await idOf(db, "2025-06", "21136");
    const caDam = await idOf(db, "2025-07", "21136");
    const district = await idOf(db, "2025-06", "525");
    const scope = await getUserScope(db, { role: "reporter", unitId: traTan });
    expect(scope).toEqual({
      all: false,
      rootUnitId: traTan,
      readUnitIds: [traTan, caDam].sort((a, b) => a - b),
      writeUnitIds: [traTan, caDam].sort((a, b) => a - b),
      aggregateUnitId: district,
    });
  });

  it("gives the analyst of district 525 its 16 communes and the 6 communes they became", async () => {
    const { db } = get();
    const district = await idOf(db, "2025-06", "525");
    const expected = await ids(db, sql`level = 'commune'`); // the fixture holds exactly Trà Bồng's 16 + 6 communes
    expect(expected).toHaveLength(22);
    const scope = await getUserScope(db, { role: "analyst", unitId: district });
    expect(scope.readUnitIds).toEqual(expected);
    expect(scope.writeUnitIds).toEqual(expected);
    // The same set the import pipeline allows for that unit.
    const ingest = await getIngestScope(db, { unitId: district });
    expect([...ingest.unitIds.values()].sort((a, b) => a - b)).toEqual(expected);
  });

  it("lets the viewer of 525 read the same communes and write none", async () => {
    const { db } = get();
    const district = await idOf(db, "2025-06", "525");
    const scope = await getUserScope(db, { role: "viewer", unitId: district });
    expect(scope.readUnitIds).toHaveLength(22);
    expect(scope.writeUnitIds).toEqual([]);
    const traTan = await idOf(db, "2025-06", "21136");
    await expect(assertCanRead(db, { role: "viewer", unitId: district }, [traTan])).resolves.toBeTruthy();
    const err = await assertCanWrite(db, { role: "viewer", unitId: district }, [traTan]).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(403);
    expect(err.code).toBe("forbidden");
    expect(() => importScopeUnitId({ role: "viewer", unitId: district })).toThrow(AppError);
  });

  it("refuses the reporter of Trà Tân another commune, naming it", async () => {
    const { db } = get();
    const traTan = await idOf(db, "2025-06", "21136");
    const traBui = await idOf(db, "2025-06", "21142");
    const err = await assertCanWrite(db, { role: "reporter", unitId: traTan }, [traTan, traBui]).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("forbidden_unit");
    expect(err.status).toBe(403);
    expect(err.messageVi).toContain("Xã Trà Bùi (21142)");
    expect(err.messageVi).not.toContain("Trà Tân");
    await expect(assertCanRead(db, { role: "reporter", unitId: traTan }, [traBui])).rejects.toMatchObject({
      code: "forbidden_unit",
    });
  });

  it("refuses an analyst of one district the communes of another", async () => {
    const { db } = get();
    // A second district with one commune, in the same province.
    const [province] = await queryRows(
      db,
      sql`select id from units where structure = '2025-06' and code = '51'`,
      idRow,
    );
    await db.execute(
      sql`insert into units (structure, code, name, level, parent_id, province_code) values ('2025-06', '526',
        'Huyện Sơn Tịnh', 'district', ${province.id}, '51') on conflict do nothing`,
    );
    const other = await idOf(db, "2025-06", "526");
    await db.execute(
      sql`insert into units (structure, code, name, level, parent_id, province_code) values ('2025-06', '21199',
        'Xã Tịnh Thử', 'commune', ${other}, '51') on conflict do nothing`,
    );
    const foreign = await idOf(db, "2025-06", "21199");
    const district = await idOf(db, "2025-06", "525");
    await expect(assertCanRead(db, { role: "analyst", unitId: district }, [foreign])).rejects.toMatchObject({
      code: "forbidden_unit",
      status: 403,
    });
    await expect(assertCanWrite(db, { role: "analyst", unitId: other }, [foreign])).resolves.toBeTruthy();
    const scope = await getUserScope(db, { role: "analyst", unitId: other });
    expect(scope.readUnitIds).toEqual([foreign]);
    // The SQL filter agrees with the scope.
    const visible = await queryRows(
      db,
      sql`select u.id from units u where u.level = 'commune' and ${readableUnitsSql(scope, sql`u.id`)}`,
      idRow,
    );
    expect(visible.map((r) => r.id)).toEqual([foreign]);
    expect(importScopeUnitId({ role: "admin", unitId: district })).toBe("all");
    expect(importScopeUnitId({ role: "analyst", unitId: district })).toBe(district);
  });
});
