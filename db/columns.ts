/**
 * Column schemas for raw SQL rows (`queryRows(db, query, schema)` in db/client.ts). The two drivers do not
 * hand back the same JavaScript for the same column: postgres.js returns bigint and numeric as strings,
 * arrays may come back as `{a,b}` text, timestamps as Date or as text. These schemas accept every form a
 * driver uses and yield one type, so a row's TypeScript type is true on both engines.
 * Null is never coerced to 0 or to the epoch: a nullable column says so with an `…OrNull` schema.
 */
import { z } from "zod";

const numberLike = z.union([z.number(), z.bigint(), z.string().trim().min(1)]);

/**
 * An integer: ids, counts, integer figures. Accepts a number, a bigint or a numeric string (`count(*)`
 * without a cast is int8, a string on postgres.js). @example int.parse("42") → 42
 */
export const int = numberLike.pipe(z.coerce.number<string | number | bigint>().int());
export const intOrNull = int.nullable();

/** A finite float: averages, medians, float8 and numeric columns. @example float.parse("1.50") → 1.5 */
export const float = numberLike.pipe(z.coerce.number<string | number | bigint>());
export const floatOrNull = float.nullable();

/**
 * A point in time from a Date (the drivers' default) or PostgreSQL's text form.
 * @example date.parse("2025-01-01 10:00:00+07") → 2025-01-01T03:00:00.000Z
 */
export const date = z.union([z.date(), z.string().min(1)]).pipe(z.coerce.date<string | Date>());
export const dateOrNull = date.nullable();

/**
 * A one-dimensional text array, from a JS array or PostgreSQL's array text (`{a,"b c",NULL}`).
 * NULL elements are refused: a column that can hold them is not a `string[]`.
 * @example textArray.parse("{2025Q1,2025Q2}") → ["2025Q1", "2025Q2"]
 */
export const textArray = z
  .union([
    z.array(z.string()),
    z.string().transform((text, ctx) => {
      try {
        return parsePgTextArray(text);
      } catch (err) {
        ctx.issues.push({ code: "custom", message: (err as Error).message, input: text });
        return z.NEVER;
      }
    }),
  ])
  .pipe(z.array(z.string()));

/**
 * Parse PostgreSQL's text form of a one-dimensional array: elements split on commas, double-quoted
 * elements unquoted with backslash escapes undone, unquoted NULL as null.
 * @example parsePgTextArray('{a,"b,c","d\\"e",NULL}') → ["a", "b,c", 'd"e', null]
 */
export function parsePgTextArray(text: string): (string | null)[] {
  const s = text.trim();
  if (s[0] !== "{" || s[s.length - 1] !== "}") throw new Error(`Not a PostgreSQL array: ${s.slice(0, 40)}`);
  const out: (string | null)[] = [];
  let i = 1;
  const end = s.length - 1;
  if (i === end) return out;
  while (i <= end) {
    let value = "";
    let quoted = false;
    if (s[i] === '"') {
      quoted = true;
      i++;
      while (i < end && s[i] !== '"') {
        if (s[i] === "\\") i++;
        value += s[i++];
      }
      i++; // closing quote
    } else {
      while (i < end && s[i] !== ",") value += s[i++];
      value = value.trim();
    }
    out.push(!quoted && value.toUpperCase() === "NULL" ? null : value);
    i++; // the comma, or past the closing brace
  }
  return out;
}

/** The row of `select count(*)::int as n …`. @example queryRows(db, sql`select count(*)::int as n from units`, countRow) */
export const countRow = z.object({ n: int });

/** The row of `select id from …`. */
export const idRow = z.object({ id: int });
