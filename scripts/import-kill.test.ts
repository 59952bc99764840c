/**
 * Kill the importing process in the middle of a large commit, then open the database again: nothing of
 * that import may be there (one transaction: every value lands or none does). Runs on PGlite and, when
 * the test run has a PostgreSQL server, on PostgreSQL.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../db/client";
import { z } from "zod";
import { int } from "../db/columns";
import { nationalCommunes, writeNationalCsv } from "./lib/national-data";

const national = nationalCommunes();
if (!national.real)
  console.log("[kill tests] ../shared/data/admin-units is missing: the national-size kill test is skipped.");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-kill-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const UNITS = path.resolve(process.cwd(), "../shared/data/admin-units/units-2025-06.csv");

function cli(script: string, args: string[], env: Env) {
  return spawnSync(process.execPath, [TSX, script, ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
}

/** Start the import, wait for "writing", kill -9. Resolves with what the process printed. */
function importAndKill(file: string, env: Env): Promise<{ killedWhileWriting: boolean; stderr: string }> {
  return new Promise((resolve) => {
    // Its own process group, so the kill reaches tsx's worker process too, not only the wrapper.
    const child = spawn(process.execPath, [TSX, "scripts/import-file.ts", file, "--scope", "all"], {
      env: { ...process.env, ...env },
      detached: true,
    });
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (!killed && stderr.includes("Đang ghi")) {
        killed = true;
        process.kill(-child.pid!, "SIGKILL");
      }
    });
    child.on("exit", async () => {
      // Wait until every process of the group is gone (and reaped), as after a real crash.
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(-child.pid!, 0);
        } catch {
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      resolve({ killedWhileWriting: killed, stderr });
    });
  });
}

async function figureCounts(env: { url?: string; dir?: string }) {
  const database = await openDatabase(env);
  try {
    const [row] = await queryRows(
      database.db,
      sql`select (select count(*)::int from data_values) as values, (select count(*)::int from value_history) as history,
                 (select count(*)::int from imports where status = 'committed') as committed`,
      z.object({ values: int, history: int, committed: int }),
    );
    return row;
  } finally {
    await database.close();
  }
}

type Env = Record<string, string>;
const engines: {
  name: string;
  setup: () => Promise<{ env: Env; open: { url?: string; dir?: string }; drop: () => Promise<void> }>;
}[] = [
  {
    name: "pglite",
    setup: async () => {
      const dir = path.join(tmp, "pglite");
      return { env: { PGLITE_DIR: dir, DATABASE_URL: "" }, open: { dir }, drop: async () => {} };
    },
  },
];
const template = inject("pgTemplateUrl");
if (template) {
  engines.push({
    name: "postgres",
    setup: async () => {
      const name = `${new URL(template).pathname.slice(1)}_kill_${process.pid}`;
      const admin = new URL(template);
      admin.pathname = "/postgres";
      const sqlAdmin = postgres(admin.toString(), { max: 1, onnotice: () => {} });
      await sqlAdmin.unsafe(`create database "${name}"`);
      const url = new URL(template);
      url.pathname = `/${name}`;
      return {
        env: { DATABASE_URL: url.toString() },
        open: { url: url.toString() },
        drop: async () => {
          await sqlAdmin.unsafe(`drop database if exists "${name}" with (force)`);
          await sqlAdmin.end();
        },
      };
    },
  });
}

for (const engine of engines) {
  describe(`a killed import leaves nothing behind [${engine.name}]`, () => {
    it.runIf(national.real)(
      "kills the CLI during the write of 230,805 values; after restart the database is as before",
      async () => {
        const { env, open, drop } = await engine.setup();
        try {
          const load = cli("scripts/units-load.ts", [UNITS, "--structure", "2025-06"], env);
          expect(load.status, load.stderr).toBe(0);
          const file = path.join(tmp, `national-${engine.name}.csv`);
          const { values } = writeNationalCsv(file, national.communes, ["2025Q1"]);
          expect(values).toBe(230805);
          const before = await figureCounts(open);
          expect(before).toEqual({ values: 0, history: 0, committed: 0 });
          const run = await importAndKill(file, env);
          expect(run.killedWhileWriting, run.stderr).toBe(true);
          expect(await figureCounts(open)).toEqual(before);
          // The database still works: the same file then imports completely.
          const again = cli("scripts/import-file.ts", [file, "--scope", "all"], env);
          expect(again.status, again.stderr + again.stdout).toBe(0);
          expect(await figureCounts(open)).toEqual({ values: 230805, history: 230805, committed: 1 });
        } finally {
          await drop();
        }
      },
      240_000,
    );
  });
}
