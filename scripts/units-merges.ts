/**
 * npm run units:merges -- FILE
 * Loads the old → new unit mapping (old_code,new_code): both unit lists must be loaded first.
 * Validated first, all or nothing, idempotent.
 */
import fs from "node:fs";
import { loadMerges } from "../db/queries/units";
import { runCli, usage, withDatabase } from "./lib/cli";

runCli(async () => {
  const file = process.argv[2];
  if (!file) usage("Cách dùng / usage: npm run units:merges -- FILE");
  const csv = fs.readFileSync(file, "utf8");
  const result = await withDatabase(({ db }) => loadMerges(db, { csv }));
  console.log(
    `Đã nạp ${result.rows} dòng chuyển đổi, ${result.inserted} mới. / Loaded ${result.rows} mapping rows, ${result.inserted} new.`,
  );
});
