/**
 * Series across the 1 July 2025 reform (pure). A scope's communes belong to one structure; a quarter of
 * the other structure is read through the official old → new mapping, whose connected pieces
 * ("components": old communes and the new communes they went into) are the smallest territories that
 * exist in both structures. A group of communes (one commune, a district, a province) is comparable in a
 * quarter of the other structure exactly when it is a union of whole components; then its figure is the
 * sum of the other side of those components. A commune split across several new ones cannot be
 * apportioned: a group holding only part of such a component is "not comparable", never silently partial.
 * @example Xã Trà Bồng (21115, 2025-07) in 2025Q1 = Trà Xuân + Trà Thủy + Trà Sơn; Xã Cà Đam (21136) in
 *   2025Q1 is not comparable (Trà Bùi 21142 went partly into it, partly into Tây Trà Bồng 21157).
 */

/** One row of the mapping: a unit of the scope's structure ("home") and one of the other ("foreign"). */
export interface ReformEdge {
  home: number;
  foreign: number;
}

/** A unit of the other structure a figure was composed from; partial when it went only partly into the group. */
export interface DerivedUnit {
  id: number;
  code: string;
  name: string;
  partial: boolean;
}

/** How a group's figures for quarters of the other structure were made. */
export interface Crossing {
  comparable: boolean;
  derivedFrom: DerivedUnit[];
}

/**
 * A unit of aggregation: its sources in each structure and the row groups it counts for. A plain commune
 * is its own home source; a component shared by several home communes is, in quarters of the other
 * structure, one member of the total (and of a row holding all of it), while in home quarters each of its
 * communes is a member by itself. A member with no source in a window's first quarter did not exist then:
 * its balance at the start of the window (the stock element) is 0, held by the members that did exist.
 */
export interface ReformMember {
  id: number;
  /** Units whose figures make this member in home quarters (all must have reported). */
  home: number[];
  /** Units whose figures make it in quarters of the other structure; empty = not known there. */
  foreign: number[];
  /** Row groups (and "total") this member counts in. */
  groups: (number | "total")[];
  /** Home communes it stands for (coverage and contributors count these). */
  weight: number;
}

export interface ReformPlan {
  members: ReformMember[];
  /** Per row group ("total" for the scope), how quarters of the other structure are read. */
  crossings: Map<number | "total", Crossing>;
}

export interface PlanInput {
  /** The scope's reporting units (home structure) and the row group of each (by quarter: one group). */
  communes: readonly { id: number; group: number }[];
  /** Every mapping row in the components that touch these communes. */
  edges: readonly ReformEdge[];
  /** Code and name of the foreign units, for derivedFrom. */
  names: ReadonlyMap<number, { code: string; name: string }>;
  /** Whether rows are groups of their own besides the total (false for rows by quarter). */
  groupRows: boolean;
}

/** Connected components of the mapping graph, as home and foreign unit sets. */
function components(edges: readonly ReformEdge[]): { home: Set<number>; foreign: Set<number> }[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const e of edges) {
    const h = `h${e.home}`;
    const f = `f${e.foreign}`;
    add(h);
    add(f);
    const a = find(h);
    const b = find(f);
    if (a !== b) parent.set(a, b);
  }
  const out = new Map<string, { home: Set<number>; foreign: Set<number> }>();
  for (const key of parent.keys()) {
    const root = find(key);
    let c = out.get(root);
    if (!c) out.set(root, (c = { home: new Set(), foreign: new Set() }));
    (key[0] === "h" ? c.home : c.foreign).add(Number(key.slice(1)));
  }
  return [...out.values()];
}

/**
 * The members and crossings of a scope: which units' figures make each row in quarters of either
 * structure, and whether each row group (and the total) is comparable across the reform.
 */
export function planReform(input: PlanInput): ReformPlan {
  const groupOf = new Map(input.communes.map((c) => [c.id, c.group]));
  const members: ReformMember[] = [];
  const counted = new Set<number>();
  for (const comp of components(input.edges)) {
    const homes = [...comp.home].filter((h) => groupOf.has(h)).sort((a, b) => a - b);
    if (homes.length === 0) continue;
    homes.forEach((h) => counted.add(h));
    const foreign = [...comp.foreign].sort((a, b) => a - b);
    const groups = [...new Set(homes.map((h) => groupOf.get(h)!))];
    const rowGroups = (g: number[]) => (input.groupRows ? [...g, "total" as const] : ["total" as const]);
    if (homes.length < comp.home.size) {
      // The component reaches outside the scope: its home communes are known in home quarters only.
      for (const h of homes)
        members.push({ id: h, home: [h], foreign: [], groups: rowGroups([groupOf.get(h)!]), weight: 1 });
    } else if (homes.length === 1) {
      members.push({ id: homes[0], home: homes, foreign, groups: rowGroups(groups), weight: 1 });
    } else {
      // Several home communes share the component: each is itself in home quarters, and together they
      // are one member in quarters of the other structure, counted in the total (and in a row holding
      // all of them).
      for (const h of homes)
        members.push({ id: h, home: [h], foreign: [], groups: rowGroups([groupOf.get(h)!]), weight: 1 });
      const atomGroups = groups.length === 1 && input.groupRows ? [groups[0], "total" as const] : ["total" as const];
      members.push({ id: -(members.length + 1), home: [], foreign, groups: atomGroups, weight: homes.length });
    }
  }
  for (const c of input.communes) {
    if (!counted.has(c.id))
      members.push({
        id: c.id,
        home: [c.id],
        foreign: [],
        groups: input.groupRows ? [c.group, "total"] : ["total"],
        weight: 1,
      });
  }
  // Each row and the total: composed of the foreign units mapped to its communes; comparable when every
  // commune has a counterpart and no counterpart also went into a commune outside the row.
  const adjacent = new Map<number, Set<number>>();
  const homesOf = new Map<number, Set<number>>();
  for (const e of input.edges) {
    if (!adjacent.has(e.home)) adjacent.set(e.home, new Set());
    adjacent.get(e.home)!.add(e.foreign);
    if (!homesOf.has(e.foreign)) homesOf.set(e.foreign, new Set());
    homesOf.get(e.foreign)!.add(e.home);
  }
  const crossing = (homes: readonly number[]): Crossing => {
    const inside = new Set(homes);
    const foreign = new Set(homes.flatMap((h) => [...(adjacent.get(h) ?? [])]));
    const derivedFrom = [...foreign].map((id) => {
      const n = input.names.get(id);
      const partial = [...(homesOf.get(id) ?? [])].some((h) => !inside.has(h));
      return { id, code: n?.code ?? String(id), name: n?.name ?? `#${id}`, partial };
    });
    derivedFrom.sort((a, b) => a.code.localeCompare(b.code));
    const comparable = homes.every((h) => adjacent.has(h)) && derivedFrom.every((d) => !d.partial);
    return { comparable, derivedFrom };
  };
  const crossings = new Map<number | "total", Crossing>([["total", crossing(input.communes.map((c) => c.id))]]);
  if (input.groupRows) {
    for (const g of new Set(input.communes.map((c) => c.group))) {
      crossings.set(g, crossing(input.communes.filter((c) => c.group === g).map((c) => c.id)));
    }
  }
  return { members, crossings };
}

/**
 * The members of a scope when no quarter of the other structure is involved: each commune is itself,
 * counted in its row group and the total.
 */
export function plainMembers(communes: readonly { id: number; group: number }[], groupRows: boolean): ReformMember[] {
  return communes.map((c) => ({
    id: c.id,
    home: [c.id],
    foreign: [],
    groups: groupRows ? [c.group, "total"] : ["total"],
    weight: 1,
  }));
}

/**
 * "ghép từ Trà Tân, Trà Bùi (một phần)": the units a cross-reform figure was composed from, as a phrase.
 * @example derivedPhrase([{ name: "Xã Trà Tân", partial: false }, { name: "Xã Trà Bùi", partial: true }]) → "ghép từ
 * Xã Trà Tân, Xã Trà Bùi (một phần)"
 */
export function derivedPhrase(
  units: readonly Pick<DerivedUnit, "name" | "partial">[],
  lang: "vi" | "en" = "vi",
  max = 4,
): string {
  if (units.length === 0) return lang === "vi" ? "không có đơn vị tương ứng" : "no corresponding unit";
  // Partial units first: they are the reason a figure is not comparable.
  const ordered = [...units.filter((u) => u.partial), ...units.filter((u) => !u.partial)];
  const names = ordered
    .slice(0, max)
    .map((u) => (u.partial ? `${u.name} (${lang === "vi" ? "một phần" : "part"})` : u.name));
  if (units.length > max) {
    const rest = units.length - max;
    names.push(lang === "vi" ? `và ${rest} đơn vị khác` : `and ${rest} more`);
  }
  return `${lang === "vi" ? "ghép từ" : "composed of"} ${names.join(", ")}`;
}
