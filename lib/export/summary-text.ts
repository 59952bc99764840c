/**
 * The sentences around the summary table (pure), shared by the workbook and the print view so both say
 * the same: the subtitle under the title, the reporting status and the notes.
 */
import { formatDateTime, formatNumber, formatPercent, formatQuarter } from "../format";
import { periodSpan } from "./document";
import { completenessLines } from "./narrative";
import { over100Lines, selectedDefs, totalRuleLines, type SummaryExportData } from "./summary-table";

/** No data: a dash, never 0. */
export const NO_DATA = "–";

/** Fixed words of the summary document. */
export const SUMMARY_WORDS = {
  elementGroup: "Số liệu báo cáo",
  indicatorGroup: "Chỉ tiêu",
  status: "Tình hình báo cáo:",
  notes: "Ghi chú:",
} as const;

/** @example summarySubtitle(data) → "Huyện Trà Bồng (16 đơn vị cấp xã) · Quý I/2025, từ ngày 01/01/2025 đến ngày 31/03/2025" */
export function summarySubtitle(data: SummaryExportData): string {
  const communes = data.rows.filter((r) => r.kind === "commune").length;
  const q = data.period.quarters;
  const span =
    q.length > 1 ? `${formatQuarter(q[0], "vi")} – ${formatQuarter(q[q.length - 1], "vi")}` : formatQuarter(q[0], "vi");
  return `${data.scope.name} (${formatNumber(communes, "vi", 0)} đơn vị cấp xã) · ${span}, ${periodSpan(data.period)}`;
}

/** Reporting status, one line per quarter (lists cut at `maxNames`; the completeness sheet has them all). */
export function summaryStatusLines(data: SummaryExportData, maxNames = 20): string[] {
  return completenessLines(data, maxNames);
}

/** Notes under the table: source and time, roll-up rule, Σ/Σ, targets, the dash. */
export function summaryNotes(data: SummaryExportData, generatedAt: Date): string[] {
  const defs = selectedDefs(data);
  const n = data.period.quarters.length;
  const firstCommune = data.rows.find((r) => r.kind === "commune");
  const targets = defs.flatMap((d) => {
    const t = firstCommune?.values[d.code]?.target ?? null;
    if (t === null) return [];
    return [
      d.kind === "rate"
        ? `${d.labelVi} ≥ ${formatPercent(t, "vi")}`
        : `${d.labelVi} ≥ ${formatNumber(t / n, "vi", 1)} mỗi đơn vị mỗi quý`,
    ];
  });
  const lines = [
    `Nguồn: số liệu do các đơn vị cấp xã báo cáo theo quý, tổng hợp trên hệ thống Theo dõi công tác Dân vận ` +
      `chính quyền; số liệu tại thời điểm lập biểu (${formatDateTime(generatedAt)}).`,
  ];
  if (n > 1)
    lines.push(
      `Số liệu của kỳ là tổng các quý đơn vị đã báo cáo (${periodSpan(data.period)}); số đơn thư kỳ trước chuyển sang lấy theo quý đầu kỳ.`,
    );
  lines.push(`Tỷ lệ (%) = tổng tử số / tổng mẫu số, không lấy trung bình các tỷ lệ.`);
  lines.push(...totalRuleLines(data), ...over100Lines(data));
  if (targets.length) lines.push(`Mục tiêu: ${targets.join("; ")}.`);
  lines.push(`“${NO_DATA}”: không có số liệu (đơn vị chưa báo cáo hoặc bỏ trống, hoặc mẫu số bằng 0).`);
  return lines;
}
