/**
 * npm run units:load -- FILE [--structure 2025-06|2025-07]
 * Loads a units CSV (code,name,level,parent_code,province_code) into one structure: validated first,
 * all or nothing, idempotent. The structure is taken from the file name when it says 2025-06 / 2025-07.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadUnits } from "../db/queries/units";
import { STRUCTURES, type StructureCode } from "../lib/periods";
import { runCli, usage, withDatabase } from "./lib/cli";

const USAGE = "Cách dùng / usage: npm run units:load -- FILE [--structure 2025-06|2025-07]";

runCli(async () => {
  const { values, positionals } = parseArgs({ options: { structure: { type: "string" } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) usage(USAGE);
  const structure = (values.structure ?? STRUCTURES.find((s) => path.basename(file).includes(s))) as
    StructureCode | undefined;
  if (!structure || !STRUCTURES.includes(structure))
    usage(`Hãy chọn --structure 2025-06 hoặc 2025-07 / choose --structure 2025-06 or 2025-07.\n${USAGE}`);
  const csv = fs.readFileSync(file, "utf8");
  const result = await withDatabase(({ db }) => loadUnits(db, { structure, csv }));
  console.log(
    `Đã nạp ${result.rows} đơn vị vào cơ cấu ${structure}: ${result.inserted} mới, ${result.updated} cập nhật. / ` +
      `Loaded ${result.rows} units into structure ${structure}: ${result.inserted} new, ${result.updated} updated.`,
  );
});
