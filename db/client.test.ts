import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";

/** A process that has exited but is never reaped by its parent: a zombie, which still answers kill(pid, 0). */
function zombiePid(): Promise<{ pid: number; done: () => void }> {
  return new Promise((resolve) => {
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 5"]);
    parent.stdout.once("data", (d: Buffer) => {
      const pid = Number(d.toString().trim());
      // Give the child time to exit; its parent (now `sleep 5`) never waits for it.
      setTimeout(() => resolve({ pid, done: () => parent.kill("SIGKILL") }), 300);
    });
  });
}

describe("the embedded database's folder lock", () => {
  it("refuses a folder held by a live process, with a message saying what to do", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-lock-"));
    const db = path.join(dir, "pglite");
    fs.mkdirSync(db);
    fs.writeFileSync(`${db}.lock`, String(process.ppid)); // the test runner's parent: alive
    await expect(openDatabase({ dir: db })).rejects.toThrow(/đang được tiến trình .* sử dụng.*is in use by process/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes over a lock left by a process that exited, even one not yet reaped (zombie)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-lock-"));
    const db = path.join(dir, "pglite");
    fs.mkdirSync(db);
    const zombie = await zombiePid();
    try {
      expect(fs.readFileSync(`/proc/${zombie.pid}/stat`, "utf8")).toMatch(/\) Z /);
      fs.writeFileSync(`${db}.lock`, String(zombie.pid));
      const database = await openDatabase({ dir: db });
      expect(fs.readFileSync(`${db}.lock`, "utf8")).toBe(String(process.pid));
      await database.close();
      expect(fs.existsSync(`${db}.lock`)).toBe(false);
    } finally {
      zombie.done();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the app's database handle", () => {
  it("is never opened during next build (a build must not lock the data folder the server will use)", async () => {
    const { getDatabase } = await import("./global");
    const saved = process.env.NEXT_PHASE;
    process.env.NEXT_PHASE = "phase-production-build";
    try {
      await expect(getDatabase()).rejects.toThrow("The database is not opened during next build");
    } finally {
      if (saved === undefined) delete process.env.NEXT_PHASE;
      else process.env.NEXT_PHASE = saved;
    }
  });
});
