/**
 * One measured phase of `npm run bench:import`, in its own process so its peak RSS is its own.
 * Prints one JSON line: { ms, maxRssMb, ...details }.
 */
import fs from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { prepareDatabase } from "../../db/bootstrap";
import { loadUnits } from "../../db/queries/units";
import { runImport } from "../../db/queries/imports";
import { elementCodes } from "../../lib/indicators/catalogue";

const [phase, argJson] = process.argv.slice(2);
const args = JSON.parse(argJson ?? "{}") as {
  url?: string;
  dir?: string;
  file: string;
  unitsCsv?: string;
  mode?: "preview" | "commit";
};

function report(ms: number, extra: Record<string, unknown> = {}) {
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ phase, ms: Math.round(ms), maxRssMb, ...extra }));
}

async function copyPhase() {
  // PostgreSQL's own COPY of the same values straight into data_values: the limit we compare against.
  const sql = postgres(args.url!, { max: 1, onnotice: () => {} });
  const ids = new Map(
    (
      await sql<
        { id: number; code: string }[]
      >`select id, code from units where structure = '2025-06' and level = 'commune'`
    ).map((r) => [r.code, r.id]),
  );
  const [{ id: importId }] = await sql<
    { id: number }[]
  >`insert into imports (created_by, source, status) values ('bench', 'cli', 'committed') returning id`;
  // The TSV is prepared before the clock starts: only the database's work is timed.
  const lines = fs.readFileSync(args.file, "utf8").trim().split("\n").slice(1);
  const chunks: string[] = [];
  let buf = "";
  for (const line of lines) {
    const cells = line.split(",");
    const unit = ids.get(cells[0]);
    for (let i = 0; i < elementCodes.length; i++)
      buf += `${unit}\t${cells[1]}\t${elementCodes[i]}\t${cells[i + 2]}\t${importId}\n`;
    if (buf.length > 1 << 20) {
      chunks.push(buf);
      buf = "";
    }
  }
  chunks.push(buf);
  const started = performance.now();
  const writable = await sql`copy data_values (unit_id, period, element_code, value, import_id) from stdin`.writable();
  await pipeline(
    (async function* () {
      for (const c of chunks) yield Buffer.from(c);
    })(),
    writable as Writable,
  );
  const ms = performance.now() - started;
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from data_values`;
  await sql.end();
  report(ms, { values: n });
}

async function importPhase() {
  const database = await openDatabase(args.url ? { url: args.url, poolMax: 2 } : { dir: args.dir });
  if (database.engine === "pglite") {
    await prepareDatabase(database);
    await loadUnits(database.db, { structure: "2025-06", csv: fs.readFileSync(args.unitsCsv!, "utf8") });
  }
  const started = performance.now();
  const outcome = await runImport(database.db, {
    input: fs.createReadStream(args.file, { highWaterMark: 1 << 20 }),
    fileName: args.file,
    scopeUnitId: "all",
    mode: args.mode ?? "commit",
    createdBy: "bench",
    source: "cli",
    maxBytes: 1 << 30,
    currentQuarter: "2025Q4",
  });
  const ms = performance.now() - started;
  await database.close();
  if (outcome.errorCount)
    throw new Error(
      `bench import rejected: ${outcome.errors
        .slice(0, 3)
        .map((e) => e.messageEn)
        .join("; ")}`,
    );
  report(ms, { status: outcome.status, values: outcome.counts.values, rows: outcome.counts.rows });
}

(phase === "copy" ? copyPhase() : importPhase()).catch((err) => {
  console.error(err);
  process.exit(1);
});
