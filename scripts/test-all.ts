/**
 * npm test — every test: Vitest (unit + database tests on PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set), then the built app in Chromium with Playwright. Ends with one plain line
 * "N passed, N failed" summed from both runners' JSON reports, which CI's log reader understands.
 */
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ensureBuild } from "./lib/build";

const REPORTS = path.join(process.cwd(), "reports");
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });
process.env.NEXT_TELEMETRY_DISABLED = "1";

const bin = (pkg: string, file: string) => path.join(process.cwd(), "node_modules", pkg, file);
const run = (args: string[]) => spawnSync(process.execPath, args, { stdio: "inherit", env: process.env }).status ?? 1;

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const started = Date.now();
// Build first: the server tests among the Vitest files (npm start's supervisor, a PostgreSQL restart under
// a built server) and the browser tests both need the built app.
const built = ensureBuild();
if (!built) console.error("next build failed: the built-server and browser tests cannot run.");
const vitestStatus = run([
  bin("vitest", "vitest.mjs"),
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(REPORTS, "vitest.json")}`,
]);
const vitest = readJson(path.join(REPORTS, "vitest.json")) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
} | null;

type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
let playwrightStatus = 1;
let playwright = null as PlaywrightReport | null;
if (built) {
  playwrightStatus = run([bin("@playwright/test", "cli.js"), "test"]);
  playwright = readJson(path.join(REPORTS, "playwright.json")) as PlaywrightReport | null;
} else {
  playwrightStatus = 1;
}

const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
if (vitest) {
  tally.passed += vitest.numPassedTests;
  tally.failed += vitest.numFailedTests;
  tally.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else tally.failed += 1; // the runner died before reporting
if (playwright) {
  tally.passed += playwright.stats.expected + playwright.stats.flaky;
  tally.failed += playwright.stats.unexpected;
  tally.skipped += playwright.stats.skipped;
} else tally.failed += 1;

const ok = vitestStatus === 0 && playwrightStatus === 0 && tally.failed === 0;
console.log(`\nTest suite took ${Math.round((Date.now() - started) / 1000)} s.`);
console.log(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
