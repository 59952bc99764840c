/**
 * One measured upload of `npm run bench:bombs`, in its own process so its peak RSS (main thread and
 * parsing worker together) is its own: a preview through runImport on the benchmark's PostgreSQL
 * database (so the figure is the app's, not an embedded database's), then a small normal upload to show
 * the worker pool still answers. Prints one JSON line.
 */
import fs from "node:fs";
import { openDatabase } from "../../db/client";
import { runImport } from "../../db/queries/imports";
import { AppError } from "../../lib/errors";

const args = JSON.parse(process.argv[2] ?? "{}") as { file: string; name: string; url: string; commune: string };

async function main() {
  const database = await openDatabase({ url: args.url, poolMax: 2 });
  const preview = (input: NodeJS.ReadableStream | Uint8Array, fileName: string) =>
    runImport(database.db, {
      input: input as never,
      fileName,
      scopeUnitId: "all",
      mode: "preview",
      createdBy: "bench",
      source: "cli",
      maxBytes: 50 << 20,
      currentQuarter: "2025Q4",
    });
  const started = performance.now();
  let outcome: string;
  try {
    const o = await preview(fs.createReadStream(args.file, { highWaterMark: 1 << 20 }), args.name);
    outcome = `${o.status} rows=${o.counts.rows} values=${o.counts.values} errors=${o.errorCount}`;
  } catch (e) {
    outcome =
      e instanceof AppError ? `${e.status} ${e.code}: ${e.messageVi.slice(0, 70)}…` : `error ${(e as Error).message}`;
  }
  const ms = performance.now() - started;
  const baseline = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const after = await preview(
    new TextEncoder().encode(`commune_code,period,meetings_held\n${args.commune},2025Q1,1\n`),
    "after.csv",
  );
  await database.close();
  console.log(
    JSON.stringify({
      name: args.name,
      ms: Math.round(ms),
      maxRssMb,
      rssAfterMb: baseline,
      outcome,
      after: `${after.status} rows=${after.counts.rows}`,
    }),
  );
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
