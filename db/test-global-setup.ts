/**
 * Vitest global setup: when TEST_DATABASE_URL is set, check the PostgreSQL server, create this run's
 * template database (migrated once) and drop it — and only it — at the end. Without a reachable server
 * the PostgreSQL half is skipped with a notice, unless REQUIRE_POSTGRES=1.
 */
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the migrated template database of this run, or "" when PostgreSQL is not tested. */
    pgTemplateUrl: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  const required = process.env.REQUIRE_POSTGRES === "1";
  if (!serverUrl) {
    if (required) throw new Error("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set.");
    console.log("[db tests] TEST_DATABASE_URL is not set: database tests run on PGlite only.");
    project.provide("pgTemplateUrl", "");
    return;
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
    return;
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
    // Drop the clones this run made (named after the template), then the template itself.
    const clones = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${name + "\\_%"}`;
    for (const c of clones) await admin.unsafe(`drop database if exists "${c.datname}" with (force)`);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  };
}
