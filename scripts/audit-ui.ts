/**
 * npm run audit:ui — the measured UI targets of the app as built (run `npm run build` first; this builds
 * nothing). Starts the built app on its own throwaway embedded database with the demo data
 * (DVCQ_TODAY=2026-12-01, as the browser tests), signs in as the demo administrator, and:
 *  - on every page at 1366 and 390 px: axe-core (every rule, every impact: the target is 0 violations)
 *    and, at 390 px, no horizontal page scroll (document.scrollingElement.scrollWidth <= innerWidth);
 *  - Lighthouse (mobile, the default) on the overview, compare, imports, exports and a commune profile:
 *    performance, accessibility, best practices and SEO, each >= 90, as the median of AUDIT_LIGHTHOUSE_RUNS
 *    runs per page (default 3: one run's performance swings by 10 points or more here; Lighthouse's
 *    guidance on variability is to take the median of several), every run's performance printed too.
 * Prints a table of the results and "targets met", or the failures (exit code 1).
 *
 * AUDIT_PORT (default 3300), CHROMIUM_PATH (default Debian's /usr/lib/chromium/chromium),
 * AUDIT_SKIP_LIGHTHOUSE=1 to run only axe and the scroll check, AUDIT_PAGES=overview,compare to limit.
 * Each Lighthouse report is kept in reports/lighthouse-<page>.json.
 * Not a test: Lighthouse's performance on a loaded machine is noisy; the figures are what it measured.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { serverCommand } from "./lib/build";

const PORT = Number(process.env.AUDIT_PORT ?? 3300);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROME = [process.env.CHROMIUM_PATH, "/usr/lib/chromium/chromium", "/usr/bin/chromium"].find(
  (p) => p && fs.existsSync(p),
);
const WIDTHS = [1366, 390] as const;
const LIGHTHOUSE_MIN = 90;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

interface PageSpec {
  name: string;
  url: string;
  /** Also measured with Lighthouse. */
  lighthouse?: boolean;
  /** Pages shown without a session (the sign-in page). */
  signedOut?: boolean;
}

function log(msg: string) {
  process.stderr.write(`[audit:ui] ${msg}\n`);
}

async function waitFor(url: string, timeoutMs: number, server: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}) before answering`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function startServer(dataDir: string): ChildProcess {
  // The production server, as npm start's workers run it (scripts/server.ts).
  const child = spawn(process.execPath, serverCommand(), {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      PGLITE_DIR: dataDir,
      DEMO_DATA: "1",
      DATABASE_URL: "",
      DVCQ_TODAY: "2026-12-01",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SIGN_IN_PER_MINUTE: "1000",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  child.stderr?.on("data", (d: Buffer) => {
    const s = d.toString();
    if (/error/i.test(s)) log(`server: ${s.trim().slice(0, 300)}`);
  });
  return child;
}

/** The pages to check; the import detail and a narrative report are found on their lists. */
async function pageList(page: Page): Promise<PageSpec[]> {
  const firstLink = async (list: string, pattern: RegExp): Promise<string | null> => {
    await page.goto(BASE + list);
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    return hrefs.find((h) => pattern.test(h.split("?")[0])) ?? null;
  };
  const importDetail = await firstLink("/imports", /^\/imports\/\d+$/);
  const report = await firstLink("/reports", /^\/reports\/\d+$/);
  const pages: PageSpec[] = [
    { name: "overview", url: "/", lighthouse: true },
    { name: "overview 9 months", url: "/?period=2025N9" },
    { name: "compare", url: "/compare?period=2025Q2&unit=21115&unit=21136&unit=21163", lighthouse: true },
    { name: "compare periods", url: "/compare?mode=periods&periods=2025Q1&periods=2025Q2&periods=2024" },
    { name: "units", url: "/units" },
    { name: "profile", url: "/units/21136", lighthouse: true },
    { name: "imports", url: "/imports", lighthouse: true },
    ...(importDetail ? [{ name: "import detail", url: importDetail }] : []),
    { name: "exports", url: "/exports", lighthouse: true },
    { name: "print view", url: "/exports/print?period=2025Q2" },
    { name: "reports", url: "/reports" },
    ...(report ? [{ name: "report", url: report }] : []),
    { name: "reports search", url: "/reports/search?q=ti%E1%BA%BFp+d%C3%A2n" },
    { name: "reports topics", url: "/reports/topics" },
    { name: "audit", url: "/audit" },
    { name: "admin", url: "/admin" },
    { name: "admin users", url: "/admin/users" },
    { name: "account", url: "/account" },
    { name: "denied", url: "/denied?need=admin" },
    { name: "not found", url: "/no-such-page" },
    { name: "login", url: "/login", signedOut: true },
  ];
  const only = process.env.AUDIT_PAGES?.split(",").map((s) => s.trim());
  return only ? pages.filter((p) => only.includes(p.name)) : pages;
}

interface AxeResult {
  page: string;
  width: number;
  violations: string[];
  overflow: number | null;
}

async function settle(page: Page) {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: "detached", timeout: 15_000 })
    .catch(() => undefined);
  // Charts are drawn after load; their data tables sit in <details>: open them so axe checks them too.
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
  await page.waitForTimeout(300);
}

async function checkPage(ctx: BrowserContext, spec: PageSpec, width: number): Promise<AxeResult> {
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
  await page.goto(BASE + spec.url);
  await settle(page);
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ""}`,
  );
  const overflow =
    width < 500 ? await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth) : null;
  await page.close();
  return { page: spec.name, width, violations, overflow };
}

interface LighthouseResult {
  page: string;
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  notes: string[];
  /** Every run's performance score (the page's score is the median). */
  runs?: (number | null)[];
}

/** Lighthouse runs per page (AUDIT_LIGHTHOUSE_RUNS, default 3): a page's score is the median of its runs. */
const LIGHTHOUSE_RUNS = Math.max(1, Math.round(Number(process.env.AUDIT_LIGHTHOUSE_RUNS ?? 3)) || 3);

/**
 * One Lighthouse run per page and round, the rounds one after the other (a passing burst of load on the
 * machine then touches one run of several pages, not every run of one page). A page's result is its median
 * run by performance, as Lighthouse's own guidance on score variability advises; every run's performance
 * score is printed beside it, and the median run's report is kept in reports/.
 */
async function runLighthouse(specs: PageSpec[], cookie: string): Promise<LighthouseResult[]> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  type Run = LighthouseResult & { lhr: unknown };
  const runs = new Map<string, Run[]>(specs.map((s) => [s.name, []]));
  try {
    for (let round = 1; round <= LIGHTHOUSE_RUNS; round++) {
      for (const spec of specs) {
        log(`lighthouse ${spec.name} (${round}/${LIGHTHOUSE_RUNS})`);
        const result = await lighthouse(BASE + spec.url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: [...CATEGORIES],
          extraHeaders: { Cookie: cookie },
        });
        const lhr = result?.lhr;
        const scores = Object.fromEntries(
          CATEGORIES.map((c) => [
            c,
            lhr?.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score! * 100),
          ]),
        ) as LighthouseResult["scores"];
        // The audits that cost points, for the report.
        const notes: string[] = [];
        if (lhr) {
          for (const c of CATEGORIES) {
            for (const ref of lhr.categories[c]?.auditRefs ?? []) {
              const a = lhr.audits[ref.id];
              if (ref.weight > 0 && a && a.score !== null && a.score < 0.9)
                notes.push(`${c}: ${a.id}${a.displayValue ? ` (${a.displayValue})` : ""}`);
            }
          }
        }
        runs.get(spec.name)!.push({ page: spec.name, scores, notes, lhr });
      }
    }
  } finally {
    chrome.kill();
  }
  return specs.map((spec) => {
    const all = runs.get(spec.name)!;
    const byPerformance = [...all].sort((a, b) => (a.scores.performance ?? -1) - (b.scores.performance ?? -1));
    const median = byPerformance[Math.floor((byPerformance.length - 1) / 2)];
    const scores = Object.fromEntries(
      CATEGORIES.map((c) => {
        const values = all
          .map((r) => r.scores[c])
          .filter((v): v is number => v !== null)
          .sort((a, b) => a - b);
        return [c, values.length ? values[Math.floor((values.length - 1) / 2)] : null];
      }),
    ) as LighthouseResult["scores"];
    // The median run's full report, to see what cost the points (reports/ is not committed).
    if (median.lhr) {
      fs.mkdirSync("reports", { recursive: true });
      fs.writeFileSync(`reports/lighthouse-${spec.name.replace(/\W+/g, "-")}.json`, JSON.stringify(median.lhr));
    }
    return { page: spec.name, scores, notes: median.notes, runs: all.map((r) => r.scores.performance) };
  });
}

async function main() {
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.error("No build found: run `npm run build` first (audit:ui builds nothing).");
    process.exit(2);
  }
  if (!CHROME) {
    console.error("No Chromium found: install Debian's chromium or set CHROMIUM_PATH.");
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-audit-ui-"));
  log(`starting the built app on ${BASE} (database ${dataDir})`);
  const server = startServer(dataDir);
  let browser: Browser | null = null;
  let failed = false;
  try {
    await waitFor(`${BASE}/login`, 300_000, server);
    browser = await chromium.launch({
      executablePath: CHROME,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
    });
    const ctx = await browser.newContext({ baseURL: BASE });
    const res = await ctx.request.post(`${BASE}/api/auth/sign-in/email`, {
      data: { email: "admin@demo.local", password: "demo-admin" },
      headers: { origin: BASE },
    });
    if (res.status() !== 200) throw new Error(`Sign-in failed: ${res.status()} ${await res.text()}`);
    const cookies = await ctx.cookies(BASE);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const signedOut = await browser.newContext({ baseURL: BASE });

    const lister = await ctx.newPage();
    const pages = await pageList(lister);
    await lister.close();

    const axe: AxeResult[] = [];
    for (const spec of pages) {
      for (const width of WIDTHS) {
        log(`axe ${spec.name} at ${width} px`);
        axe.push(await checkPage(spec.signedOut ? signedOut : ctx, spec, width));
      }
    }
    const lh =
      process.env.AUDIT_SKIP_LIGHTHOUSE === "1"
        ? []
        : await runLighthouse(
            pages.filter((p) => p.lighthouse),
            cookie,
          );

    // The report.
    const failures: string[] = [];
    console.log("\naxe-core (every rule) and horizontal scroll at 390 px");
    console.log(`${"page".padEnd(20)} ${"width".padStart(5)} ${"axe".padStart(4)} ${"scroll".padStart(7)}`);
    for (const r of axe) {
      console.log(
        `${r.page.padEnd(20)} ${String(r.width).padStart(5)} ${String(r.violations.length).padStart(4)} ${
          r.overflow === null ? "      –" : `${r.overflow > 0 ? "+" : ""}${r.overflow}px`.padStart(7)
        }`,
      );
      for (const v of r.violations) failures.push(`axe ${r.page} at ${r.width} px: ${v}`);
      if (r.overflow !== null && r.overflow > 0)
        failures.push(`scroll ${r.page} at ${r.width} px: the page is ${r.overflow} px wider than the screen`);
    }
    if (lh.length) {
      console.log(`\nLighthouse (mobile), the median of ${LIGHTHOUSE_RUNS} run(s) per page`);
      console.log(`${"page".padEnd(20)} ${CATEGORIES.map((c) => c.padStart(15)).join("")}   performance of each run`);
      for (const r of lh) {
        console.log(
          `${r.page.padEnd(20)} ${CATEGORIES.map((c) => String(r.scores[c] ?? "–").padStart(15)).join("")}   ` +
            (r.runs ?? []).map((v) => v ?? "–").join(", "),
        );
        for (const c of CATEGORIES) {
          const s = r.scores[c];
          if (s === null || s < LIGHTHOUSE_MIN)
            failures.push(`lighthouse ${r.page}: ${c} ${s ?? "–"} < ${LIGHTHOUSE_MIN}`);
        }
        if (r.notes.length) console.log(`${"".padEnd(20)} below 0.9: ${r.notes.join("; ")}`);
      }
    }
    console.log("");
    if (failures.length === 0) console.log("targets met");
    else {
      failed = true;
      console.log(`${failures.length} failure(s):`);
      for (const f of failures) console.log(`- ${f}`);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 1500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
