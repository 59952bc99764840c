/**
 * Postgres array literals, so a whole batch travels as one parameter (`unnest($1::int[], …)`):
 * identical on PGlite and postgres.js, and far from the 65,534-parameter limit of one statement.
 */
export function pgArray(values: readonly (string | number | null)[]): string {
  const parts = values.map((v) => {
    if (v === null) return "NULL";
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
      return String(v);
    }
    return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(",")}}`;
}

/** Split a list into batches of at most `size`. */
export function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
