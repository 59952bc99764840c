/**
 * Parsing and validation of administrative-unit reference files (pure; the store is db/queries/units.ts).
 *
 * Units CSV: `code,name,level,parent_code,province_code`, e.g.
 *   51,Tỉnh Quảng Ngãi,province,,51
 *   525,Huyện Trà Bồng,district,51,51
 *   21136,Xã Trà Tân,commune,525,51
 * Mapping CSV: `old_code,new_code`, e.g. `21142,21136`.
 */
import Papa from "papaparse";
import type { Problem } from "../errors";

export const UNIT_LEVELS = ["province", "district", "commune"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export interface UnitRow {
  line: number;
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  provinceCode: string;
}

export interface MergeRow {
  line: number;
  oldCode: string;
  newCode: string;
}

/** What the database already holds for the structure, so a file may name parents loaded earlier. */
export interface KnownUnit {
  level: UnitLevel;
  parentCode: string | null;
  provinceCode: string;
}

const LEVEL_RANK: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 };

function problem(
  line: number,
  column: string | undefined,
  value: string | undefined,
  code: string,
  vi: string,
  en: string,
): Problem {
  return { line, column, value, code, messageVi: vi, messageEn: en };
}

function parseCsv(text: string): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const clean = text.replace(/^\uFEFF/, "").normalize("NFC");
  const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: "greedy" });
  const [header = [], ...body] = parsed.data;
  // Reference files have no quoted line breaks, so the record index maps to the physical line.
  return {
    header: header.map((h) => h.trim()),
    rows: body.map((cells, i) => ({ line: i + 2, cells: cells.map((c) => c.trim()) })),
  };
}

function requireHeader(header: string[], expected: string[]): Problem[] {
  const missing = expected.filter((c) => !header.includes(c));
  if (missing.length === 0) return [];
  return [
    problem(
      1,
      undefined,
      header.join(","),
      "bad_header",
      `Thiếu cột ${missing.join(", ")}. Dòng tiêu đề phải là: ${expected.join(",")}`,
      `Missing column(s) ${missing.join(", ")}. The header must be: ${expected.join(",")}`,
    ),
  ];
}

/**
 * Parse and validate a units file against what is already stored for the same structure.
 * Returns the rows only when there is no problem at all.
 */
export function parseUnitsCsv(
  text: string,
  known: Map<string, KnownUnit> = new Map(),
): { rows: UnitRow[]; problems: Problem[] } {
  const { header, rows } = parseCsv(text);
  const cols = ["code", "name", "level", "parent_code", "province_code"];
  const headerProblems = requireHeader(header, cols);
  if (headerProblems.length) return { rows: [], problems: headerProblems };
  const idx = Object.fromEntries(cols.map((c) => [c, header.indexOf(c)])) as Record<string, number>;
  const problems: Problem[] = [];
  const out: UnitRow[] = [];
  const firstLine = new Map<string, number>();

  for (const { line, cells } of rows) {
    const get = (c: string) => (cells[idx[c]] ?? "").trim();
    const code = get("code");
    const name = get("name").replace(/\s+/g, " ");
    const level = get("level");
    const parentCode = get("parent_code") || null;
    const provinceCode = get("province_code");
    let ok = true;
    if (!/^\d{1,10}$/.test(code)) {
      problems.push(
        problem(
          line,
          "code",
          code,
          "bad_code",
          `Mã đơn vị "${code}" không hợp lệ: chỉ gồm chữ số (giữ nguyên số 0 ở đầu).`,
          `Unit code "${code}" is invalid: digits only (keep leading zeros).`,
        ),
      );
      ok = false;
    } else if (firstLine.has(code)) {
      problems.push(
        problem(
          line,
          "code",
          code,
          "duplicate_code",
          `Mã đơn vị ${code} bị trùng với dòng ${firstLine.get(code)}.`,
          `Unit code ${code} duplicates line ${firstLine.get(code)}.`,
        ),
      );
      ok = false;
    } else firstLine.set(code, line);
    if (!name) {
      problems.push(problem(line, "name", name, "missing_name", "Thiếu tên đơn vị.", "The unit name is missing."));
      ok = false;
    }
    if (!(UNIT_LEVELS as readonly string[]).includes(level)) {
      problems.push(
        problem(
          line,
          "level",
          level,
          "bad_level",
          `Cấp "${level}" không hợp lệ: phải là province, district hoặc commune.`,
          `Level "${level}" is invalid: expected province, district or commune.`,
        ),
      );
      ok = false;
    }
    if (!/^\d{1,10}$/.test(provinceCode)) {
      problems.push(
        problem(
          line,
          "province_code",
          provinceCode,
          "bad_province_code",
          `Mã tỉnh "${provinceCode}" không hợp lệ.`,
          `Province code "${provinceCode}" is invalid.`,
        ),
      );
      ok = false;
    }
    if (ok) out.push({ line, code, name, level: level as UnitLevel, parentCode, provinceCode });
  }

  // Tree checks once every row is known: parents exist, sit above their children, and agree on the province.
  const inFile = new Map(out.map((r) => [r.code, r]));
  const lookup = (code: string): KnownUnit | undefined => inFile.get(code) ?? known.get(code);
  for (const r of out) {
    if (r.level === "province") {
      if (r.parentCode)
        problems.push(
          problem(
            r.line,
            "parent_code",
            r.parentCode,
            "province_with_parent",
            "Đơn vị cấp tỉnh không có đơn vị cha: để trống parent_code.",
            "A province has no parent: leave parent_code empty.",
          ),
        );
      if (r.provinceCode !== r.code)
        problems.push(
          problem(
            r.line,
            "province_code",
            r.provinceCode,
            "province_code_mismatch",
            `Với đơn vị cấp tỉnh, province_code phải bằng chính mã của nó (${r.code}).`,
            `For a province, province_code must be its own code (${r.code}).`,
          ),
        );
      continue;
    }
    if (!r.parentCode) {
      problems.push(
        problem(
          r.line,
          "parent_code",
          "",
          "missing_parent",
          "Thiếu mã đơn vị cha (parent_code).",
          "The parent code (parent_code) is missing.",
        ),
      );
      continue;
    }
    const parent = lookup(r.parentCode);
    if (!parent) {
      problems.push(
        problem(
          r.line,
          "parent_code",
          r.parentCode,
          "unknown_parent",
          `Đơn vị cha ${r.parentCode} không có trong tệp cũng như trong cơ sở dữ liệu.`,
          `Parent unit ${r.parentCode} is neither in the file nor in the database.`,
        ),
      );
      continue;
    }
    if (LEVEL_RANK[parent.level] >= LEVEL_RANK[r.level]) {
      problems.push(
        problem(
          r.line,
          "parent_code",
          r.parentCode,
          "parent_level",
          `Đơn vị cha ${r.parentCode} (${parent.level}) phải ở cấp cao hơn ${r.level}.`,
          `Parent unit ${r.parentCode} (${parent.level}) must be above ${r.level}.`,
        ),
      );
      continue;
    }
    if (parent.provinceCode !== r.provinceCode) {
      problems.push(
        problem(
          r.line,
          "province_code",
          r.provinceCode,
          "province_code_mismatch",
          `Mã tỉnh ${r.provinceCode} khác tỉnh của đơn vị cha (${parent.provinceCode}).`,
          `Province code ${r.provinceCode} differs from the parent's province (${parent.provinceCode}).`,
        ),
      );
    }
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { rows: problems.length ? [] : out, problems };
}

/** Parse the old → new mapping file; existence of the codes is checked by the store. */
export function parseMergesCsv(text: string): { rows: MergeRow[]; problems: Problem[] } {
  const { header, rows } = parseCsv(text);
  const headerProblems = requireHeader(header, ["old_code", "new_code"]);
  if (headerProblems.length) return { rows: [], problems: headerProblems };
  const iOld = header.indexOf("old_code");
  const iNew = header.indexOf("new_code");
  const problems: Problem[] = [];
  const out: MergeRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const oldCode = cells[iOld] ?? "";
    const newCode = cells[iNew] ?? "";
    for (const [column, v] of [
      ["old_code", oldCode],
      ["new_code", newCode],
    ] as const) {
      if (!/^\d{1,10}$/.test(v))
        problems.push(
          problem(line, column, v, "bad_code", `Mã đơn vị "${v}" không hợp lệ.`, `Unit code "${v}" is invalid.`),
        );
    }
    const key = `${oldCode}>${newCode}`;
    if (seen.has(key))
      problems.push(
        problem(
          line,
          undefined,
          key,
          "duplicate_mapping",
          `Cặp ${oldCode} → ${newCode} trùng với dòng ${seen.get(key)}.`,
          `Pair ${oldCode} → ${newCode} duplicates line ${seen.get(key)}.`,
        ),
      );
    else seen.set(key, line);
    out.push({ line, oldCode, newCode });
  }
  return { rows: problems.length ? [] : out, problems };
}
