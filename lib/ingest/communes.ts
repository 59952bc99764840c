/**
 * Commune code or name → a unit of the uploader's scope, in the administrative structure in force
 * in the row's quarter (21136 is Xã Trà Tân in 2025Q2 and Xã Cà Đam in 2025Q3).
 */
import type { StructureCode } from "../periods";
import { messages, type Bilingual } from "./messages";
import type { IngestContext, ScopeUnit } from "./types";
import { cellText, editDistance, fold, isBlank, nfc, type RawCell } from "./text";

export type CommuneResolution =
  | { ok: true; unit: ScopeUnit }
  | {
      ok: false;
      code:
        | "commune_missing"
        | "commune_code_invalid"
        | "commune_unknown_code"
        | "commune_out_of_scope"
        | "commune_name_unknown"
        | "commune_name_ambiguous";
      /** Whether the problem is with the code cell or the name cell. */
      via: "code" | "name";
      detail: Bilingual;
    };

const PREFIX = /^(xa|phuong|thi tran|dac khu)\s+/;
/** A name without its type prefix, folded: "Thị trấn Trà Xuân" → "tra xuan". */
const bareFolded = (name: string) => fold(name).replace(PREFIX, "");
/** The same keeping diacritics, so "Bình Thanh" and "Bình Thạnh" stay apart when typed exactly. */
const exact = (name: string) => nfc(name).toLowerCase().replace(/\s+/g, " ").trim();
const bareExact = (name: string) => exact(name).replace(/^(xã|phường|thị trấn|đặc khu)\s+/, "");

/**
 * A commune code cell → 5-digit code, "name" when it holds letters (a name typed in the code column),
 * or null when it is neither. Excel drops leading zeros and may keep a leading apostrophe.
 * @example normalizeUnitCode(1) → "00001"; normalizeUnitCode("'21115") → "21115"; normalizeUnitCode("Trà Tân") → "name"
 */
export function normalizeUnitCode(raw: RawCell): string | "name" | null {
  if (typeof raw === "number")
    return Number.isInteger(raw) && raw >= 0 && raw <= 99999 ? String(raw).padStart(5, "0") : null;
  const s = nfc(cellText(raw)).trim().replace(/^['’]/, "").trim();
  if (/^\d{1,5}$/.test(s)) return s.padStart(5, "0");
  return /\p{L}/u.test(s) ? "name" : null;
}

type Index = Map<string, ScopeUnit[]>;
function push(index: Index, key: string, unit: ScopeUnit) {
  const list = index.get(key);
  if (list) list.push(unit);
  else index.set(key, [unit]);
}

export class CommuneResolver {
  private readonly scope = new Map<StructureCode, Map<string, ScopeUnit>>();
  /** Name indexes from strictest to loosest: exact full, exact bare, folded full, folded bare. */
  private readonly names = new Map<StructureCode, Index[]>();
  private readonly known = new Map<StructureCode, Map<string, string | undefined>>();
  private readonly oldToNew = new Map<string, string[]>();
  private readonly newToOld = new Map<string, string[]>();

  constructor(ctx: IngestContext) {
    for (const u of ctx.scope) {
      if (!this.scope.has(u.structure)) this.scope.set(u.structure, new Map());
      this.scope.get(u.structure)!.set(u.code, u);
      if (!this.names.has(u.structure)) this.names.set(u.structure, [new Map(), new Map(), new Map(), new Map()]);
      const [a, b, c, d] = this.names.get(u.structure)!;
      push(a, exact(u.name), u);
      push(b, bareExact(u.name), u);
      push(c, fold(u.name), u);
      push(d, bareFolded(u.name), u);
    }
    for (const u of ctx.allUnits ?? []) {
      if (!this.known.has(u.structure)) this.known.set(u.structure, new Map());
      this.known.get(u.structure)!.set(u.code, u.name);
    }
    for (const m of ctx.mapping ?? []) {
      (this.oldToNew.get(m.oldCode) ?? this.oldToNew.set(m.oldCode, []).get(m.oldCode)!).push(m.newCode);
      (this.newToOld.get(m.newCode) ?? this.newToOld.set(m.newCode, []).get(m.newCode)!).push(m.oldCode);
    }
  }

  /**
   * Resolve a row's commune for its quarter. The code wins when both code and name are given.
   * @example resolve({ code: "21136" }, "2025Q3") → { ok: true, unit: { structure: "2025-07", code: "21136", name: "Xã Cà Đam" } }
   */
  resolve(input: { code?: RawCell; name?: RawCell }, structure: StructureCode, period: string): CommuneResolution {
    const norm = isBlank(input.code) ? undefined : normalizeUnitCode(input.code);
    if (norm === null) {
      const value = cellText(input.code).trim();
      return { ok: false, code: "commune_code_invalid", via: "code", detail: messages.commune_code_invalid({ value }) };
    }
    if (norm !== undefined && norm !== "name") return this.byCode(norm, structure, period);
    const name = norm === "name" ? cellText(input.code) : isBlank(input.name) ? null : cellText(input.name);
    const via = norm === "name" ? "code" : "name";
    if (name === null) return { ok: false, code: "commune_missing", via: "code", detail: messages.commune_missing() };
    return this.byName(name, structure, period, via);
  }

  /** The unit's name as a user reads it: "21127 Xã Đông Trà Bồng", or just the code when unknown. */
  label(code: string, structure: StructureCode): string {
    const name = this.scope.get(structure)?.get(code)?.name ?? this.known.get(structure)?.get(code);
    return name ? `${code} ${name}` : code;
  }

  /** Whether the unit's own name matches a name typed beside its code (prefix, diacritics and punctuation aside). */
  nameMatches(unit: ScopeUnit, given: string): boolean {
    const key = (s: string) => bareFolded(s).replace(/[^a-z0-9]+/g, "");
    return key(unit.name) === key(given);
  }

  private exists(code: string, structure: StructureCode): boolean | null {
    const known = this.known.get(structure);
    if (known) return known.has(code);
    // Without the unit lists the mapping still tells: every new unit is a `newCode`, every old one an `oldCode`.
    if (this.oldToNew.size === 0) return null;
    return structure === "2025-07" ? this.newToOld.has(code) : this.oldToNew.has(code);
  }

  private byCode(code: string, structure: StructureCode, period: string): CommuneResolution {
    const unit = this.scope.get(structure)?.get(code);
    if (unit) return { ok: true, unit };
    const exists = this.exists(code, structure);
    if (exists === false) {
      // An old code absent from 2025-07 names what it became; a new code absent from 2025-06 names its
      // predecessors. Either way the related units belong to `structure` itself.
      const relatedCodes = (structure === "2025-07" ? this.oldToNew : this.newToOld).get(code) ?? [];
      const related = relatedCodes.map((c) => this.label(c, structure));
      return {
        ok: false,
        code: "commune_unknown_code",
        via: "code",
        detail: messages.commune_unknown_code({ code, period, structure, related }),
      };
    }
    const label = this.label(code, structure);
    return {
      ok: false,
      code: "commune_out_of_scope",
      via: "code",
      detail: messages.commune_out_of_scope({ unit: label, period, known: exists === true }),
    };
  }

  /** Unique scope unit with this name in a structure, or null. */
  private findName(name: string, structure: StructureCode): ScopeUnit[] | null {
    const keys = [exact(name), bareExact(name), fold(name), bareFolded(name)];
    const indexes = this.names.get(structure) ?? [];
    for (let i = 0; i < indexes.length; i++) {
      const hits = indexes[i].get(keys[i]);
      if (hits) return hits;
    }
    return null;
  }

  private byName(name: string, structure: StructureCode, period: string, via: "code" | "name"): CommuneResolution {
    const shown = nfc(name).trim();
    const hits = this.findName(name, structure);
    if (hits && hits.length === 1) return { ok: true, unit: hits[0] };
    if (hits) {
      const candidates = hits.map((u) => `${u.code} ${u.name}`);
      return {
        ok: false,
        code: "commune_name_ambiguous",
        via,
        detail: messages.commune_name_ambiguous({ name: shown, candidates }),
      };
    }
    const all = [...(this.scope.get(structure)?.values() ?? [])];
    const target = bareFolded(name);
    const near = all.filter((u) => {
      const b = bareFolded(u.name);
      return editDistance(b, target) <= 2 || (target.length >= 3 && (b.includes(target) || target.includes(b)));
    });
    const candidates = (near.length > 0 ? near : all).slice(0, 10).map((u) => `${u.code} ${u.name}`);
    // A name of the other structure (Xã Trà Tân in 2025Q3) is usually a merged unit: say what it became.
    const other: StructureCode = structure === "2025-07" ? "2025-06" : "2025-07";
    const there = this.findName(name, other);
    let related: string[] = [];
    if (there && there.length === 1) {
      const codes = (structure === "2025-07" ? this.oldToNew : this.newToOld).get(there[0].code) ?? [];
      related = codes.map((c) => this.label(c, structure));
    }
    const detail = messages.commune_name_unknown({ name: shown, period, candidates, structure, related });
    return { ok: false, code: "commune_name_unknown", via, detail };
  }
}
