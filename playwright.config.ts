import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_TODAY } from "./e2e/today";
import { serverCommand } from "./scripts/lib/build";

// Debian's Chromium, never a downloaded browser; the bare binary starts fastest.
const chromium = [process.env.CHROMIUM_PATH, "/usr/lib/chromium/chromium", "/usr/bin/chromium"].find(
  (p) => p && fs.existsSync(p),
);
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PGLITE_DIR = "./data/e2e-pglite";
/** The production server, as `npm start`'s workers run it (scripts/server.ts), on PORT and HOST. */
const serve = (port: number) =>
  `PORT=${port} HOST=127.0.0.1 ${[process.execPath, ...serverCommand()].map((a) => JSON.stringify(a)).join(" ")}`;
/** The instance with no account yet (first-run setup), on its own empty database. */
export const SETUP_PORT = Number(process.env.E2E_SETUP_PORT ?? PORT + 1);
const SETUP_PGLITE_DIR = "./data/e2e-setup-pglite";
/** The demo administrator's signed-in session, written by e2e/auth.setup.ts. */
export const ADMIN_STATE = "./data/e2e-auth/admin.json";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  // Every page needs an account: the "auth" project signs in as the demo administrator once and the
  // other specs start from that session (e2e/auth.setup.ts); specs about signing in clear it themselves.
  projects: [
    { name: "auth", testMatch: /auth\.setup\.ts$/ },
    {
      name: "chromium",
      dependencies: ["auth"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1366, height: 900 }, storageState: ADMIN_STATE },
    },
  ],
  // The built app, served as in production, on its own fresh embedded database (never the developer's ./data/pglite).
  webServer: [
    {
      command: `rm -rf ${PGLITE_DIR} ${PGLITE_DIR}.lock && ${serve(PORT)}`,
      url: `http://127.0.0.1:${PORT}/`,
      timeout: 180_000,
      reuseExistingServer: false,
      // DVCQ_TODAY pins the reporting calendar (lib/calendar.ts): the demo reaches 2026Q3, the last closed quarter.
      env: {
        PGLITE_DIR,
        DEMO_DATA: "1",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
        AUTH_SIGN_IN_PER_MINUTE: "1000",
        DVCQ_TODAY: E2E_TODAY,
      },
      stdout: "pipe",
    },
    // A second instance on an empty database without demo data: no account yet, for the first-run setup spec.
    {
      command: `rm -rf ${SETUP_PGLITE_DIR} ${SETUP_PGLITE_DIR}.lock && ${serve(SETUP_PORT)}`,
      url: `http://127.0.0.1:${SETUP_PORT}/login`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: {
        PGLITE_DIR: SETUP_PGLITE_DIR,
        DEMO_DATA: "0",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
        DVCQ_TODAY: E2E_TODAY,
      },
      stdout: "ignore",
    },
  ],
});
