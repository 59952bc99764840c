/**
 * Build the Next app only when its sources changed since the last build, so a warm restart is quick.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";

const ROOT = process.cwd();
const SOURCES = [
  "app",
  "lib",
  "db",
  "instrumentation.ts",
  "next.config.js",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function buildIsCurrent(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

export function nextBin(): string {
  return path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
}

/**
 * The arguments of node for one production server process (scripts/server.ts: Next with the answer cache in
 * front), as npm start runs it; PORT and HOST come from the environment. tsx's loader runs in that process
 * (not the tsx command, whose child would outlive a SIGKILL of it).
 */
export function serverCommand(): string[] {
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist");
  return [
    "--require",
    path.join(tsx, "preflight.cjs"),
    "--import",
    pathToFileURL(path.join(tsx, "loader.mjs")).href,
    path.join(ROOT, "scripts", "server.ts"),
  ];
}

/** Runs `next build` when needed; returns false when the build failed. */
export function ensureBuild(log: (l: string) => void = console.log): boolean {
  if (buildIsCurrent()) {
    log("Bản dựng đã mới nhất / build is up to date.");
    return true;
  }
  log("Đang dựng ứng dụng (next build)… / building the app…");
  const res = spawnSync(process.execPath, [nextBin(), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return res.status === 0;
}
