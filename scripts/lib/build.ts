/**
 * Build the Next app only when its sources changed since the last build, so a warm restart is quick.
 */
import fs from "node:fs";
import path from "node:path";
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
