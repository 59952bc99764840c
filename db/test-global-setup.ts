/**
 * Vitest global setup:
 *  - PGlite: build the start state of describeEachEngine's databases once (migrated; units structures and
 *    catalogue; with and without the demo units) and keep each as a data folder dump, which a test file's
 *    in-memory PGlite opens in about 1 s instead of about 4 s for a new cluster plus migrations (db/test-utils.ts);
 *  - PostgreSQL, when TEST_DATABASE_URL is set: check the server, create this run's template database
 *    (migrated once) and drop it — and only it — at the end. Without a reachable server the PostgreSQL half is
 *    skipped with a notice, unless REQUIRE_POSTGRES=1.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the migrated template database of this run, or "" when PostgreSQL is not tested. */
    pgTemplateUrl: string;
    /** PGlite data folder dumps of the start state: with the demo units, and without them. */
    pgliteStart: { demoUnits: string; bare: string };
  }
}

/** The PGlite start states (db/test-start.ts), dumped into `dir`. */
async function dumpPgliteStarts(dir: string): Promise<{ demoUnits: string; bare: string }> {
  const { openDatabase, migrateDatabase } = await import("./client");
  const { seedTestStart } = await import("./test-start");
  const out = { demoUnits: path.join(dir, "demo-units.tar"), bare: path.join(dir, "bare.tar") };
  const database = await openDatabase({ dir: "memory://" });
  const dump = async (file: string) =>
    fs.writeFileSync(file, Buffer.from(await (await database.pglite!.dumpDataDir("none")).arrayBuffer()));
  await migrateDatabase(database);
  await seedTestStart(database.db, false);
  await dump(out.bare);
  await seedTestStart(database.db, true); // the same, plus the demo units
  await dump(out.demoUnits);
  await database.close();
  return out;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const dumps = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-pglite-start-"));
  project.provide("pgliteStart", await dumpPgliteStarts(dumps));
  const removeDumps = () => fs.rmSync(dumps, { recursive: true, force: true });
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  const required = process.env.REQUIRE_POSTGRES === "1";
  if (!serverUrl) {
    if (required) throw new Error("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set.");
    console.log("[db tests] TEST_DATABASE_URL is not set: database tests run on PGlite only.");
    project.provide("pgTemplateUrl", "");
    return removeDumps;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (err) {
    await admin.end({ timeout: 1 }).catch(() => {});
    const msg = `[db tests] PostgreSQL at ${new URL(serverUrl).host} is unreachable (${(err as Error).message}).`;
    if (required) throw new Error(`${msg} REQUIRE_POSTGRES=1 makes this a failure.`);
    console.log(`${msg} Database tests run on PGlite only.`);
    project.provide("pgTemplateUrl", "");
    return removeDumps;
  }
  // TEST_DATABASE_PREFIX names the template (and so its clones), for several checkouts testing on one server.
  const prefix = process.env.TEST_DATABASE_PREFIX?.trim().replace(/[^a-z0-9_]/gi, "") || "dvcq_test";
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  const url = withDatabase(serverUrl, name);
  // Migrate the template once; each test file clones it (CREATE DATABASE … TEMPLATE) in milliseconds.
  const { openDatabase, migrateDatabase } = await import("./client");
  const database = await openDatabase({ url, poolMax: 1 });
  await migrateDatabase(database, url);
  await database.close();
  console.log(
    `[db tests] PostgreSQL ${new URL(serverUrl).host}: database tests run on PGlite and PostgreSQL (template ${name}).`,
  );
  project.provide("pgTemplateUrl", url);

  return async () => {
    removeDumps();
    // Drop the clones this run made (named after the template), then the template itself.
    const clones = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${name + "\\_%"}`;
    for (const c of clones) await admin.unsafe(`drop database if exists "${c.datname}" with (force)`);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  };
}
