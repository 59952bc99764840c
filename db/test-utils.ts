/**
 * Database tests run the same suite on PGlite and, when the global setup provides a template, on
 * PostgreSQL: `describeEachEngine("units", (get) => { it(..., async () => { const { db } = get(); … }) })`.
 */
import { afterAll, beforeAll, describe, inject } from "vitest";
import postgres from "postgres";
import fs from "node:fs";
import { openDatabase, type Database } from "./client";
import { seedTestStart } from "./test-start";

export interface EngineSetup {
  /** Also load the demo unit fixture (Trà Bồng, both structures, mapping). Default true. */
  demoUnits?: boolean;
}

let cloneCounter = 0;

async function openPostgresClone(templateUrl: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const template = new URL(templateUrl);
  const templateName = template.pathname.slice(1);
  const name = `${templateName}_${process.pid}_${++cloneCounter}`;
  const adminUrl = new URL(templateUrl);
  adminUrl.pathname = "/postgres";
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${templateName}"`);
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: 4 });
  return {
    database: { ...database, location: url.toString() },
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export function engineNames(): string[] {
  return inject("pgTemplateUrl") ? ["pglite", "postgres"] : ["pglite"];
}

export function describeEachEngine(name: string, fn: (get: () => Database) => void, setup: EngineSetup = {}): void {
  for (const engine of engineNames()) {
    describe(`${name} [${engine}]`, () => {
      let database: Database | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (engine === "pglite") {
          // The start state (db/test-start.ts) as the global setup dumped it (db/test-global-setup.ts).
          const start = inject("pgliteStart");
          const dump = fs.readFileSync(setup.demoUnits !== false ? start.demoUnits : start.bare);
          database = await openDatabase({ dir: "memory://", loadDataDir: new Blob([dump]) });
          return;
        }
        const clone = await openPostgresClone(inject("pgTemplateUrl"));
        database = clone.database;
        drop = clone.drop;
        await seedTestStart(database.db, setup.demoUnits !== false);
      });
      afterAll(async () => {
        if (drop) await drop();
        else await database?.close();
      });
      fn(() => {
        if (!database) throw new Error("database not open yet");
        return database;
      });
    });
  }
}

/** A checksum of whole tables, to show that refused input left the database exactly as it was. */
export async function tablesChecksum(database: Database, tables: string[]): Promise<string> {
  const { queryRows } = await import("./client");
  const { int } = await import("./columns");
  const { z } = await import("zod");
  const { sql } = await import("drizzle-orm");
  const parts: string[] = [];
  for (const t of tables) {
    const [row] = await queryRows(
      database.db,
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`,
      ),
      z.object({ n: int, h: z.string().nullable() }),
    );
    parts.push(`${t}:${row.n}:${row.h}`);
  }
  return parts.join(";");
}

/** ../shared beside the project, when this machine has it (tests on national files skip otherwise). */
export const SHARED_DIR = new URL("../../shared/", import.meta.url).pathname;
