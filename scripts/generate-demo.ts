/**
 * Prints the demo data set (lib/demo/generate.ts) as a wide import CSV, or writes it to a file.
 *   npx tsx scripts/generate-demo.ts [--seed N] [--out FILE]
 * Thin on purpose: all logic lives in the pure generator so it is tested there.
 */
import { writeFileSync } from "node:fs";
import { DEMO_DEFAULT_SEED, demoReportsToWideCsv, generateDemoReports } from "../lib/demo/generate";

function main(argv: string[]): number {
  let seed = DEMO_DEFAULT_SEED;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      process.stdout.write("Usage: tsx scripts/generate-demo.ts [--seed N] [--out FILE]\n");
      return 0;
    } else if (arg === "--seed") {
      const value = argv[++i] ?? "";
      if (!/^\d{1,10}$/.test(value)) {
        process.stderr.write(`--seed needs a non-negative integer, got "${value}"\n`);
        return 2;
      }
      seed = Number(value);
    } else if (arg === "--out" && argv[i + 1]) {
      out = argv[++i];
    } else {
      process.stderr.write(
        `Unknown or incomplete argument: ${arg}\nUsage: tsx scripts/generate-demo.ts [--seed N] [--out FILE]\n`,
      );
      return 2;
    }
  }
  const reports = generateDemoReports(seed);
  const csv = demoReportsToWideCsv(reports);
  if (out) {
    writeFileSync(out, csv, "utf8");
    process.stderr.write(`Wrote ${reports.length} reports (seed ${seed}) to ${out}\n`);
  } else {
    process.stdout.write(csv);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
