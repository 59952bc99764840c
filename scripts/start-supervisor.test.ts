/**
 * `npm start` keeps the built server up (scripts/start.ts), tested on the built app with a PGlite folder
 * of its own: a hostile upload is refused and the server answers right after with its peak RSS noted;
 * the server process killed with SIGKILL is started again and the figures are intact; SIGTERM stops
 * everything with exit 0; a server that dies at once at every start makes npm start give up.
 * Skipped with a notice when the build is missing or older than the sources (run `npm run build`).
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import { buildIsCurrent } from "./lib/build";
import { signIn } from "./lib/sign-in";
import { manyRows, zipBomb } from "../lib/ingest/__fixtures__/bombs";
import { TRA_BONG_2025_06 } from "../lib/ingest/__fixtures__/units";
import { until } from "./lib/built-server";

const built = buildIsCurrent();
if (!built)
  console.warn(
    "[start-supervisor] the build is missing or stale: run `npm run build` first; the npm start tests are skipped.",
  );

const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const dirs: string[] = [];
const children: ChildProcess[] = [];

function startApp(port: number, env: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-robust-start-"));
  dirs.push(dir);
  const child = spawn(process.execPath, [TSX, "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      PGLITE_DIR: path.join(dir, "pglite"),
      START_RESTART_DELAY_MS: "300",
      AUTH_SIGN_IN_PER_MINUTE: "100",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, log: () => log, exited };
}

const serverPids = (log: string) => [...log.matchAll(/server started \(process (\d+)\)/g)].map((m) => Number(m[1]));
const statusMb = (pid: number, field: "VmHWM" | "VmRSS") =>
  Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!built)("npm start (built app)", () => {
  test(
    "a bomb is refused and the next request answers; SIGKILL of the server: back with the figures intact; " +
      "SIGTERM: clean stop",
    async () => {
      const port = 3410;
      const base = `http://127.0.0.1:${port}`;
      const app = startApp(port);
      await until("the server", async () => ((await fetch(`${base}/login`)).status === 200 ? true : null));
      const { status, cookie } = await signIn(base, { email: "admin@demo.local", password: "demo-admin" });
      expect(status).toBe(200);
      const get = (p: string) => fetch(`${base}${p}`, { headers: { cookie } });
      const upload = (name: string, bytes: Uint8Array, dryRun = true) => {
        const form = new FormData();
        form.append("file", new Blob([Buffer.from(bytes)]), name);
        return fetch(`${base}/api/imports?source=api${dryRun ? "&dryRun=1" : ""}`, {
          method: "POST",
          headers: { cookie, origin: base },
          body: form,
        });
      };

      // A 5 MB zip bomb: 413 too_large, and the server answers a normal request right after.
      const bomb = await upload("bomb.xlsx", zipBomb(2000));
      expect([bomb.status, ((await bomb.json()) as { error: { code: string } }).error.code]).toEqual([
        413,
        "too_large",
      ]);
      const figuresPath = "/api/data-values?units=21136&periods=2025Q1,2025Q2";
      const before = await get(figuresPath);
      expect(before.status).toBe(200);
      const [serverPid] = serverPids(app.log());
      // The first start's peak includes loading the demo data into the embedded database.
      console.log(
        `[start-supervisor] first server process: peak RSS ${statusMb(serverPid, "VmHWM")} MB (demo data loaded at start)`,
      );

      // A committed upload, then the server process killed outright.
      const commit = await upload(
        "q.csv",
        new TextEncoder().encode("commune_code,period,meetings_held\n21136,2025Q2,4321\n"),
        false,
      );
      expect(((await commit.json()) as { status: string }).status).toBe("committed");
      const figures = await (await get(figuresPath)).json();
      process.kill(serverPid, "SIGKILL");
      await until("the restart log line", async () => (app.log().includes("restarting in") ? true : null), 10_000);
      await until("the server again", async () => ((await get(figuresPath)).status === 200 ? true : null));
      expect(serverPids(app.log()).length).toBe(2);
      expect(await (await get(figuresPath)).json()).toEqual(figures);
      expect(JSON.stringify(figures)).toContain('"value":4321');
      expect(app.log()).toContain(
        "Máy chủ đã dừng bất thường (tín hiệu SIGKILL / signal SIGKILL); khởi động lại sau 0.3 giây.",
      );

      // The restarted server: what a zip bomb and 33,000 distinct rows (the 2.3 MB-class file that used to
      // exhaust the heap) add to its memory.
      const [, restarted] = serverPids(app.log());
      const rssBefore = statusMb(restarted, "VmRSS");
      const periods = Array.from({ length: 100 }, (_, i) => `${2000 + Math.floor(i / 4)}Q${(i % 4) + 1}`);
      const rows = await upload(
        "rows.xlsx",
        manyRows(
          33_000,
          TRA_BONG_2025_06.map((u) => u.code),
          periods,
        ),
      );
      const rowsBody = (await rows.json()) as { status: string; counts: { rows: number } };
      expect([rows.status, rowsBody.status, rowsBody.counts.rows]).toEqual([422, "rejected", 33_000]);
      expect((await upload("bomb.xlsx", zipBomb(2000))).status).toBe(413);
      expect((await get(figuresPath)).status).toBe(200);
      const peak = statusMb(restarted, "VmHWM");
      console.log(
        `[start-supervisor] restarted server: RSS ${rssBefore} MB before the uploads, peak ${peak} MB after 33,000 rows + a zip bomb`,
      );
      expect(peak - rssBefore).toBeLessThan(250);

      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
      const [, second] = serverPids(app.log());
      expect(() => process.kill(second, 0)).toThrow();
    },
    300_000,
  );

  test("a server that dies at every start (port in use): npm start gives up after 3 quick failures, exit 1", async () => {
    const port = 3411;
    const blocker = net.createServer().listen(port, "0.0.0.0");
    await new Promise((r) => blocker.once("listening", r));
    try {
      const app = startApp(port, { START_MAX_QUICK_FAILURES: "3", START_RESTART_DELAY_MS: "100" });
      expect(await app.exited).toBe(1);
      expect(serverPids(app.log()).length).toBe(3);
      expect(app.log()).toContain(
        "The server stopped right after starting 3 times in a row (mã 1 / code 1); giving up.",
      );
    } finally {
      blocker.close();
    }
  }, 120_000);
});
