/**
 * npm run report:import -- FILE [--unit CODE] [--period 2025Q1] [--dry-run] [--scope CODE|all] [--json]
 * Reads a narrative report (.docx, .doc, .pdf, .txt, .md) through the same path as the web page and
 * the API (db/queries/reports-store.ts). The commune must lie below --scope (default ORG_UNIT_CODE;
 * `all`: any commune). Exits 1 when the report is refused (nothing written), 0 otherwise.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runReportImport, type ReportOutcome } from "../db/queries/reports-store";
import { getUnitByCode } from "../db/queries/units";
import { readEnv } from "../lib/env";
import { noOverseeingUnit } from "../lib/import-errors";
import { reportMaxBytes, reportTooLarge } from "../lib/reports/errors";
import { formatPeriod } from "../lib/format";
import { runCli, usage, withDatabase } from "./lib/cli";

const USAGE =
  "Cách dùng / usage: npm run report:import -- FILE [--unit CODE] [--period 2025Q1] [--dry-run] [--scope CODE|all] [--json]";

const STATUS: Record<ReportOutcome["status"], string> = {
  preview: "Xem trước (chưa lưu) / preview (nothing stored)",
  stored: "Đã lưu / stored",
  unchanged: "Không thay đổi (giống bản hiện hành) / unchanged",
  rejected: "Bị từ chối, chưa lưu gì / rejected, nothing stored",
};

function summary(o: ReportOutcome): string {
  const lines = [`${STATUS[o.status]}${o.reportId ? ` — báo cáo số ${o.reportId}, phiên bản ${o.version}` : ""}`];
  if (o.unit) lines.push(`Đơn vị / unit: ${o.unit.name} (${o.unit.code})`);
  if (o.period) lines.push(`Kỳ / period: ${formatPeriod(o.period)} (${o.period})`);
  if (o.title) lines.push(`Tiêu đề / title: ${o.title}`);
  if (o.sections.length)
    lines.push(`Mục / items: ${o.sections.map((s) => `${s.part}.${s.number} ${s.topic}`).join(", ")}`);
  if (o.references.length)
    lines.push(`Văn bản trích dẫn / cited: ${o.references.map((r) => `${r.kind} ${r.number}`).join("; ")}`);
  for (const f of o.figures)
    lines.push(
      `Số liệu / figure: “${f.text}” = ` +
        `${f.value}${f.element ? ` → ${f.element}: ${f.check}${f.submitted !== null ? ` (đã nhập ${f.submitted})` : ""}` : ""}`,
    );
  for (const r of o.repetition)
    lines.push(
      `Lặp lại / recycled: ${r.part}.${r.number} ${Math.round(r.share * 100)}% từ ${r.source.unit.name} ` +
        `${r.source.period} ${r.source.part}.${r.source.number}`,
    );
  for (const w of o.warnings) lines.push(`Cảnh báo / warning: ${w.message} / ${w.messageEn}`);
  for (const e of o.errors) lines.push(`Lỗi / error: ${e.message} / ${e.messageEn}`);
  return lines.join("\n");
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    options: {
      unit: { type: "string" },
      period: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      scope: { type: "string" },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) usage(USAGE);
  if (!fs.existsSync(file)) usage(`Không tìm thấy tệp / file not found: ${file}`);
  const max = reportMaxBytes();
  if (fs.statSync(file).size > max) throw reportTooLarge(max);
  const env = readEnv();
  const scopeCode = values.scope ?? env.ORG_UNIT_CODE;
  const outcome = await withDatabase(async ({ db }) => {
    const unit =
      scopeCode === "all" ? null : await getUnitByCode(db, { structure: env.ORG_STRUCTURE, code: scopeCode });
    if (scopeCode !== "all" && !unit) throw noOverseeingUnit(scopeCode);
    const email = `cli:${os.userInfo().username}`;
    return runReportImport(db, {
      bytes: fs.readFileSync(file),
      fileName: path.basename(file),
      unitCode: values.unit,
      period: values.period,
      mode: values["dry-run"] ? "preview" : "commit",
      user: unit ? { role: "analyst", unitId: unit.id, email } : { role: "admin", unitId: 0, email },
      source: "cli",
      audit: { actor: { userId: null, email } },
    });
  });
  console.log(values.json ? JSON.stringify(outcome, null, 2) : summary(outcome));
  if (outcome.status === "rejected") process.exit(1);
});
