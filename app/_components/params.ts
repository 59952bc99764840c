/**
 * The URL holds every selection of a view so it can be bookmarked (pure helpers): reading search
 * params and writing links that keep the other selections.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a parameter, trimmed; undefined when absent or empty. */
export function firstParam(sp: SearchParams, key: string): string | undefined {
  const v = sp[key];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

/** Every non-empty value of a repeated parameter (`?unit=1&unit=2`), comma lists split too. */
export function allParams(sp: SearchParams, key: string): string[] {
  const v = sp[key];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A link to `path` with these parameters (undefined and empty values left out, arrays repeated). */
export function hrefWith(path: string, params: Record<string, string | readonly string[] | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    for (const s of typeof v === "string" ? [v] : v) if (s !== "") q.append(k, s);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
