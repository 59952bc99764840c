/** npm run import -- … : runs scripts/import-file.ts with the app's V8 heap cap (see scripts/lib/heap.ts). */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { withHeapCap } from "./lib/heap";

const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const res = spawnSync(process.execPath, [tsx, path.join("scripts", "import-file.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: withHeapCap(),
});
process.exit(res.status ?? 1);
