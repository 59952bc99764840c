/**
 * npm run demo:fixture -- [DIR]
 * Regenerates the Quảng Ngãi demo unit fixture (db/fixtures/quang-ngai/) from the official lists in
 * DIR (default ../shared/data/admin-units, see its README): the rows of the old provinces 51 (Quảng
 * Ngãi) and 62 (Kon Tum) of units-2025-06.csv, of the new province 51 of units-2025-07.csv, and every
 * row of merges-2025-07.csv that touches them. Rows are copied verbatim (same header, same order), so
 * the fixture is a plain filter of the real files; nothing is invented.
 */
import fs from "node:fs";
import path from "node:path";

const OLD_PROVINCES = new Set(["51", "62"]);
const NEW_PROVINCES = new Set(["51"]);
export const QUANG_NGAI_FIXTURE_DIR = path.join(process.cwd(), "db", "fixtures", "quang-ngai");

function readLines(file: string): { header: string; rows: string[][]; lines: string[] } {
  const text = fs.readFileSync(file, "utf8");
  if (/[\r"]/.test(text))
    throw new Error(`${file}: unexpected CR or quote; the lists are plain LF CSV without quoting`);
  const [header, ...lines] = text.split("\n").filter((l) => l !== "");
  return { header, lines, rows: lines.map((l) => l.split(",")) };
}

const dir = path.resolve(process.argv[2] ?? path.join(process.cwd(), "..", "shared", "data", "admin-units"));
const old = readLines(path.join(dir, "units-2025-06.csv"));
const cur = readLines(path.join(dir, "units-2025-07.csv"));
const merges = readLines(path.join(dir, "merges-2025-07.csv"));

// units columns: code,name,level,parent_code,province_code
const oldKeep = old.lines.filter((_, i) => OLD_PROVINCES.has(old.rows[i][4]));
const newKeep = cur.lines.filter((_, i) => NEW_PROVINCES.has(cur.rows[i][4]));
const oldCodes = new Set(oldKeep.map((l) => l.split(",")[0]));
const newCodes = new Set(newKeep.map((l) => l.split(",")[0]));
const mergeKeep = merges.lines.filter((_, i) => oldCodes.has(merges.rows[i][0]) || newCodes.has(merges.rows[i][1]));

// The two provinces must be closed under the mapping, or the loader would refuse unknown codes.
for (const l of mergeKeep) {
  const [o, n] = l.split(",");
  if (!oldCodes.has(o) || !newCodes.has(n)) throw new Error(`mapping row ${l} leaves the demo provinces`);
}

fs.mkdirSync(QUANG_NGAI_FIXTURE_DIR, { recursive: true });
const write = (name: string, header: string, lines: string[]) =>
  fs.writeFileSync(path.join(QUANG_NGAI_FIXTURE_DIR, name), [header, ...lines].join("\n") + "\n");
write("units-2025-06.csv", old.header, oldKeep);
write("units-2025-07.csv", cur.header, newKeep);
write("merges-2025-07.csv", merges.header, mergeKeep);
const count = (ls: string[], level: string) => ls.filter((l) => l.split(",")[2] === level).length;
console.log(
  `units-2025-06: ${count(oldKeep, "province")} provinces, ${count(oldKeep, "district")} districts, ` +
    `${count(oldKeep, "commune")} communes; ` +
    `units-2025-07: ${count(newKeep, "province")} province, ${count(newKeep, "commune")} communes; merges: ` +
    `${mergeKeep.length} rows → ${QUANG_NGAI_FIXTURE_DIR}`,
);
