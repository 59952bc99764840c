/**
 * Synthetic figures at national scale for benchmarks and the kill-and-restart test: every commune of
 * units-2025-06.csv (or a synthetic list of the same size when ../shared is absent) × the given quarters,
 * as wide CSV rows that obey every consistency rule. Deterministic; written as a stream of lines.
 */
import fs from "node:fs";
import path from "node:path";
import { elementCodes } from "../../lib/indicators/catalogue";

export const SHARED_UNITS = path.resolve(process.cwd(), "../shared/data/admin-units/units-2025-06.csv");

export interface NationalCommune {
  code: string;
  name: string;
}

/** The 10,035 communes of the 2025-06 structure, or as many synthetic ones when the file is absent. */
export function nationalCommunes(): { communes: NationalCommune[]; real: boolean } {
  if (fs.existsSync(SHARED_UNITS)) {
    const lines = fs.readFileSync(SHARED_UNITS, "utf8").trim().split("\n").slice(1);
    const communes = lines
      .map((l) => l.split(","))
      .filter((c) => c[2] === "commune")
      .map((c) => ({ code: c[0], name: c[1] }));
    return { communes, real: true };
  }
  return {
    communes: Array.from({ length: 10035 }, (_, i) => ({ code: String(90000 + i).padStart(5, "0"), name: `Xã ${i}` })),
    real: false,
  };
}

/** Figures for one commune and quarter; `k` varies them. Every rule of indicators.md holds. */
export function syntheticValues(k: number): number[] {
  const received = 60 + (k % 340);
  const online = Math.floor(received * (0.4 + (k % 55) / 100));
  const resolved = received - (k % 7) + 3;
  const onTime = resolved - (k % 5);
  const carried = k % 4;
  const petitions = k % 12;
  const byCode: Record<string, number> = {
    directive_docs: 1 + (k % 4),
    propaganda_sessions: 4 + (k % 20),
    propaganda_participants: 100 + (k % 900),
    broadcast_items: 10 + (k % 40),
    meetings_held: 8 + (k % 32),
    meeting_attendees: 200 + (k % 1200),
    dialogues_held: k % 3,
    voter_contacts: k % 5,
    skilled_models: k % 2,
    reception_sessions: 10 + (k % 5),
    citizens_received: 10 + (k % 60),
    petitions_carried_over: carried,
    petitions_received: petitions,
    petitions_resolved: Math.min(carried + petitions, Math.floor((carried + petitions) * 0.9)),
    voter_requests_received: 5 + (k % 20),
    voter_requests_answered: Math.min(5 + (k % 20), 4 + (k % 17)),
    procedures_received: received,
    procedures_online: online,
    procedures_resolved: resolved,
    procedures_on_time: onTime,
    procedures_paid_online: Math.floor(resolved * 0.6),
    procedures_digitized: Math.floor(resolved * 0.85),
    supervisions_with_front: k % 4,
  };
  return elementCodes.map((e) => byCode[e]);
}

/**
 * Write a wide CSV (commune_code,[commune_name,]period,<elements>) and return the number of rows and values.
 * Names make rows as long as real files' (and are checked against the codes by the importer).
 */
export function writeNationalCsv(
  file: string,
  communes: readonly NationalCommune[],
  quarters: readonly string[],
  options: { names?: boolean } = {},
): { rows: number; values: number } {
  const fd = fs.openSync(file, "w");
  let buf = `commune_code,${options.names ? "commune_name," : ""}period,${elementCodes.join(",")}\n`;
  let rows = 0;
  for (const q of quarters) {
    for (const [i, c] of communes.entries()) {
      const name = options.names ? `"${c.name.replace(/"/g, '""')}",` : "";
      buf += `${c.code},${name}${q},${syntheticValues(i * 7 + Number(q.slice(-1))).join(",")}\n`;
      rows++;
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = "";
      }
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return { rows, values: rows * elementCodes.length };
}

/**
 * The same rows as `writeNationalCsv` with names (commune_code, commune_name, period, 23 elements = 26
 * columns) as an Excel workbook, written by exceljs's streaming writer with a shared-string table, as
 * Excel itself stores text. A national year is 40,140 rows.
 */
export async function writeNationalXlsx(
  file: string,
  communes: readonly NationalCommune[],
  quarters: readonly string[],
): Promise<{ rows: number; values: number }> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet("Số liệu");
  ws.addRow(["commune_code", "commune_name", "period", ...elementCodes]).commit();
  let rows = 0;
  for (const q of quarters) {
    for (const [i, c] of communes.entries()) {
      ws.addRow([c.code, c.name, q, ...syntheticValues(i * 7 + Number(q.slice(-1)))]).commit();
      rows++;
    }
  }
  ws.commit();
  await wb.commit();
  return { rows, values: rows * elementCodes.length };
}
