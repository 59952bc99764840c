/**
 * npm run import -- FILE [--dry-run] [--scope CODE|all] [--structure 2025-06|2025-07] [--sheet NAME] [--json]
 * `--scope all` lets the file write any commune of the country (a national administrator's import).
 * The same pipeline as the web page and the API: prints the summary and every error, exits 1 when the
 * file is refused (nothing written), 0 when committed, unchanged or previewed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runImport } from "../db/queries/imports";
import { getUnitByCode } from "../db/queries/units";
import { readEnv } from "../lib/env";
import { maxUploadBytes, noOverseeingUnit } from "../lib/import-errors";
import { formatImportSummary, importResponse } from "../lib/import-report";
import { runCli, usage, withDatabase } from "./lib/cli";

const USAGE =
  "Cách dùng / usage: npm run import -- FILE [--dry-run] [--scope CODE|all] [--structure 2025-06|2025-07] [--sheet NAME] [--json]";

runCli(async () => {
  const { values, positionals } = parseArgs({
    options: {
      "dry-run": { type: "boolean", default: false },
      scope: { type: "string" },
      structure: { type: "string" },
      sheet: { type: "string" },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) usage(USAGE);
  if (!fs.existsSync(file)) usage(`Không tìm thấy tệp / file not found: ${file}`);
  const env = readEnv();
  const scopeCode = values.scope ?? env.ORG_UNIT_CODE;
  const structure = values.structure ?? env.ORG_STRUCTURE;
  const outcome = await withDatabase(async ({ db }) => {
    const unit = scopeCode === "all" ? null : await getUnitByCode(db, { structure, code: scopeCode });
    if (scopeCode !== "all" && !unit) throw noOverseeingUnit(scopeCode);
    return runImport(db, {
      input: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      fileName: path.basename(file),
      scopeUnitId: unit?.id ?? "all",
      mode: values["dry-run"] ? "preview" : "commit",
      createdBy: `cli:${os.userInfo().username}`,
      source: "cli",
      maxBytes: maxUploadBytes(),
      sheetName: values.sheet,
      onProgress: (e) => {
        // Progress goes to stderr so --json output stays clean; a line every 100,000 values read.
        if (e.phase === "reading" && e.values % 100_000 >= 5000) return;
        const text =
          e.phase === "reading"
            ? `Đã đọc ${e.values} số liệu… / read ${e.values} values…`
            : e.phase === "comparing"
              ? "Đang so sánh với số liệu đã có… / comparing with stored figures…"
              : `Đang ghi ${e.values} số liệu… / writing ${e.values} values…`;
        console.error(text);
      },
    });
  });
  if (values.json) console.log(JSON.stringify(importResponse(outcome), null, 2));
  else console.log(formatImportSummary(outcome));
  if (outcome.status === "rejected") process.exit(1);
});
