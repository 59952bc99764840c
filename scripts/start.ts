/**
 * npm start — build if the sources changed, then serve the app (default http://localhost:3000).
 * Without DATABASE_URL the app uses the embedded database in ./data/pglite and loads the demo figures
 * on first start; migrations run at start either way.
 */
import { spawn } from "node:child_process";
import { ensureBuild, nextBin } from "./lib/build";
import { withHeapCap } from "./lib/heap";

process.env.NEXT_TELEMETRY_DISABLED = "1";
if (!ensureBuild()) {
  console.error("Dựng ứng dụng thất bại / the build failed.");
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
const child = spawn(process.execPath, [nextBin(), "start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])], {
  stdio: "inherit",
  env: withHeapCap(),
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
