/**
 * npm run db:check — fails when db/schema.ts and the committed migrations differ: drizzle-kit generate
 * must have nothing to write. Anything it wrote is removed again.
 */
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";

const dir = "db/migrations";
const status = () =>
  execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", dir], { encoding: "utf8" }).trim();

if (status()) {
  console.error(`${dir} has uncommitted changes; commit them before checking for drift:\n${status()}`);
  process.exit(1);
}
const res = spawnSync(
  process.execPath,
  [path.join("node_modules", "drizzle-kit", "bin.cjs"), "generate", "--name", "drift_check"],
  { encoding: "utf8" },
);
const after = status();
if (res.status !== 0 || after) {
  console.error(res.stdout, res.stderr);
  if (after) {
    console.error(
      `Schema drift: db/schema.ts differs from the committed migrations. Run "npm run db:generate -- --name ` +
        `<change>" and commit:\n${after}`,
    );
    execFileSync("git", ["checkout", "--", dir]);
    execFileSync("git", ["clean", "-fdq", "--", dir]);
  }
  process.exit(1);
}
console.log("Migrations match the schema (drizzle-kit generate has nothing to write).");
