import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRawRows, queryRows, RowParseError } from "./client";
import { countRow, date, dateOrNull, float, floatOrNull, int, intOrNull, parsePgTextArray, textArray } from "./columns";
import { describeEachEngine } from "./test-utils";

describe("column schemas", () => {
  it("read integers from a number, a bigint or a numeric string, and refuse anything else (null included)", () => {
    expect([int.parse(42), int.parse(42n), int.parse("42"), int.parse("-7")]).toEqual([42, 42, 42, -7]);
    for (const bad of [null, undefined, "", " ", "4x", 1.5, "1.5", true, NaN])
      expect(int.safeParse(bad).success, String(bad)).toBe(false);
    expect(intOrNull.parse(null)).toBeNull();
  });

  it("read floats from numeric text, and refuse null unless the column says so", () => {
    expect([float.parse("1.50"), float.parse(2), float.parse(3n)]).toEqual([1.5, 2, 3]);
    expect(float.safeParse(null).success).toBe(false);
    expect(floatOrNull.parse(null)).toBeNull();
  });

  it("read timestamps from a Date or PostgreSQL's text, and refuse text that is not a time", () => {
    const d = new Date("2025-01-01T03:00:00.000Z");
    expect(date.parse(d)).toEqual(d);
    expect(date.parse("2025-01-01 10:00:00+07")).toEqual(d);
    expect(date.parse("2025-01-01 03:00:00.123+00").toISOString()).toBe("2025-01-01T03:00:00.123Z");
    expect(date.safeParse("not a time").success).toBe(false);
    expect(date.safeParse(null).success).toBe(false);
    expect(dateOrNull.parse(null)).toBeNull();
  });

  it("read text arrays from an array or PostgreSQL's array text, unquoting and unescaping", () => {
    expect(textArray.parse(["2025Q1"])).toEqual(["2025Q1"]);
    expect(textArray.parse("{2025Q1,2025Q2}")).toEqual(["2025Q1", "2025Q2"]);
    expect(textArray.parse("{}")).toEqual([]);
    expect(textArray.parse('{"a b","c,d","e\\"f","g\\\\h"}')).toEqual(["a b", "c,d", 'e"f', "g\\h"]);
    expect(parsePgTextArray('{a,NULL,"NULL"}')).toEqual(["a", null, "NULL"]);
    expect(textArray.safeParse("{a,NULL}").success).toBe(false);
    expect(textArray.safeParse("a,b").success).toBe(false);
    expect(() => parsePgTextArray("a,b")).toThrow(/Not a PostgreSQL array/);
  });
});

describeEachEngine(
  "queryRows on the driver's own output",
  (get) => {
    it("turns what each driver returns for bigint, numeric, arrays and timestamps into one type", async () => {
      const rows = await queryRows(
        get().db,
        sql`select count(*) as n, 1.50::numeric as f, array['2025Q1', 'a b']::text[] as periods,
                   '2025-01-01 10:00:00+07'::timestamptz as at, null::int as missing
            from (values (1), (2), (3)) v(x)`,
        z.object({ n: int, f: float, periods: textArray, at: date, missing: intOrNull }),
      );
      expect(rows).toEqual([
        { n: 3, f: 1.5, periods: ["2025Q1", "a b"], at: new Date("2025-01-01T03:00:00.000Z"), missing: null },
      ]);
    });

    it("refuses a row that does not match, naming the row and the column", async () => {
      const query = sql`select * from (values (1, 'a'), (null, 'b')) v(id, code)`;
      const schema = z.object({ id: int, code: z.string() });
      await expect(queryRows(get().db, query, schema)).rejects.toThrow(RowParseError);
      await expect(queryRows(get().db, query, schema)).rejects.toThrow(
        /^Row 1 of a query does not match its schema: column "id" \(null\): /,
      );
      await expect(queryRows(get().db, query, z.object({ id: int, name: z.string() }))).rejects.toThrow(
        /column "name" \(no such column\)/,
      );
    });

    it("leaves rows unparsed only through the escape hatch", async () => {
      const [{ n }] = await queryRows(
        get().db,
        sql`select count(*)::int as n from units where level = 'commune'`,
        countRow,
      );
      const raw = await queryRawRows(get().db, sql`select 1 as one`);
      expect(raw).toEqual([{ one: 1 }]);
      expect(n).toBe(16 + 6); // communes in db/fixtures/units-demo-2025-06.csv and -2025-07.csv
    });
  },
  { demoUnits: true },
);
