/**
 * The draft narrative report in sentences (pure): what the seed report would say if it had numbers.
 * Figures come from the engine's total row (rates with their own Σnumerator / Σdenominator, so a
 * sentence's "1.210 of 1.532" always gives its percentage), formatted the Vietnamese way by lib/format.
 */
import { formatNumber, formatPercent, formatQuarter, roundHalfUp } from "../format";
import { over100Cause } from "../indicators/flags";
import type { IndicatorDef } from "../indicators/catalogue";
import type { IndicatorCell } from "../indicators/rollup";
import type { IndicatorRow } from "../indicators/rows";
import type { Period } from "../periods";
import { nextPeriodPhrase, periodPhrase, unitInSentence, wholeUnitPhrase } from "./document";
import { selectedDefs, type SummaryExportData } from "./summary-table";

export interface NarrativeParagraph {
  /** Bold opening words, e.g. "1. Tình hình báo cáo: ". */
  lead?: string;
  text: string;
}

export interface Narrative {
  intro: string;
  resultsHeading: string;
  results: NarrativeParagraph[];
  tasksHeading: string;
  /** Placeholders for the official to write. */
  tasks: string[];
  closing: string;
}

const int = (x: number) => formatNumber(x, "vi", 0);
const pct = (x: number | null) => formatPercent(x, "vi");

/**
 * Names in a sentence, at most `max` of them, the rest counted.
 * @example nameList(["Xã A", "Xã B", "Xã C"]) → "Xã A, Xã B, Xã C"; nameList(["Xã A", "Xã B", "Xã C"], 2) → "Xã A, Xã B và 1 đơn vị khác"
 */
export function nameList(names: readonly string[], max = 30): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} và ${int(names.length - max)} đơn vị khác`;
}

/** "Trong quý", "Trong 6 tháng đầu năm", "Trong 9 tháng", "Trong năm", "Trong kỳ". */
export function periodAdverb(period: Period): string {
  switch (period.kind) {
    case "quarter":
      return "Trong quý";
    case "half":
      return period.code.endsWith("S1") ? "Trong 6 tháng đầu năm" : "Trong 6 tháng cuối năm";
    case "nine":
      return "Trong 9 tháng";
    case "year":
      return "Trong năm";
    case "range":
      return "Trong kỳ";
  }
}

/**
 * One line per quarter: reported, on time, missing and late communes.
 * @example "Quý II/2025: 15/16 đơn vị đã báo cáo (93,8 %), trong đó 14 đơn vị đúng hạn; chưa báo cáo: Xã Trà " +
   "Bùi; báo cáo muộn: Xã Trà Thanh."
 */
export function completenessLines(data: Pick<SummaryExportData, "completeness">, maxNames = 30): string[] {
  return data.completeness.quarters.map((q) => {
    let s =
      `${formatQuarter(q.period, "vi")}: ${int(q.reported)}/${int(q.expected)} đơn vị đã báo cáo ` +
      `(${pct(q.reportingRate)}), trong đó ${int(q.onTime)} đơn vị đúng hạn`;
    if (q.missingCommunes.length)
      s += `; chưa báo cáo: ${nameList(
        q.missingCommunes.map((c) => c.name),
        maxNames,
      )}`;
    if (q.lateCommunes.length)
      s += `; báo cáo muộn: ${nameList(
        q.lateCommunes.map((c) => c.name),
        maxNames,
      )}`;
    return `${s}.`;
  });
}

/** The reporting paragraph: how many reported, who did not, who was late. */
function reportingText(data: SummaryExportData, maxNames: number): string {
  const { quarters, total } = data.completeness;
  const communes = quarters[0]?.expected ?? 0;
  const deadline = `ngày ${data.completeness.deadlineDay} tháng cuối quý`;
  const parts: string[] = [];
  if (data.period.kind === "quarter") {
    const q = quarters[0];
    const [y, m, d] = q.deadline.split("-");
    parts.push(
      `Có ${int(q.reported)}/${int(q.expected)} đơn vị cấp xã gửi số liệu (đạt ${pct(q.reportingRate)}), trong ` +
        `đó ${int(q.onTime)} đơn vị gửi đúng hạn (chậm nhất ngày ${d}/${m}/${y}).`,
    );
    if (q.missingCommunes.length)
      parts.push(
        `Chưa báo cáo: ${nameList(
          q.missingCommunes.map((c) => c.name),
          maxNames,
        )}.`,
      );
    if (q.lateCommunes.length)
      parts.push(
        `Báo cáo muộn: ${nameList(
          q.lateCommunes.map((c) => c.name),
          maxNames,
        )}.`,
      );
  } else {
    parts.push(
      `Đã nhận ${int(total.reported)}/${int(total.expected)} lượt báo cáo quý của ${int(communes)} đơn vị cấp ` +
        `xã (đạt ${pct(total.reportingRate)}), trong đó ${int(total.onTime)} lượt đúng hạn (chậm nhất ${deadline}).`,
    );
    const byCommune = (pick: "missingCommunes" | "lateCommunes") => {
      const m = new Map<string, { name: string; quarters: string[] }>();
      for (const q of quarters) {
        for (const c of q[pick]) {
          if (!m.has(c.code)) m.set(c.code, { name: c.name, quarters: [] });
          m.get(c.code)!.quarters.push(formatQuarter(q.period, "vi").replace(/^Quý/, "quý"));
        }
      }
      return [...m.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, v]) => `${v.name} (${v.quarters.join(", ")})`);
    };
    const missing = byCommune("missingCommunes");
    const late = byCommune("lateCommunes");
    if (missing.length) parts.push(`Chưa báo cáo: ${nameList(missing, maxNames)}.`);
    if (late.length) parts.push(`Báo cáo muộn: ${nameList(late, maxNames)}.`);
  }
  if (total.missing > 0) parts.push("Các số liệu dưới đây chỉ gồm số liệu đã báo cáo.");
  return parts.join(" ");
}

/** "(79,0 %, chưa đạt mục tiêu 80,0 %)", "(95,9 %, đạt mục tiêu 95,0 %)", "(91,7 %)" without a target. */
function rateNote(cell: IndicatorCell): string {
  if (cell.value === null) return "(chưa tính được tỷ lệ)";
  // A rate above 100 % says why (lib/indicators/flags.ts), never a bare 158 %.
  const over = cell.value > 100 ? `; trên 100 % vì ${over100Cause(cell.code, "vi")}` : "";
  if (cell.target === null || cell.status === null) return `(${pct(cell.value)}${over})`;
  return `(${pct(cell.value)}, ${cell.status === "meets" ? "đạt" : "chưa đạt"} mục tiêu ${pct(cell.target)}${over})`;
}

/** " (mục tiêu: ít nhất 192 buổi)" for a count with a target, scaled to the scope and period. */
function countTarget(cell: IndicatorCell, unit: string): string {
  return cell.target === null ? "" : ` (mục tiêu: ít nhất ${formatNumber(cell.target, "vi", 1)} ${unit})`;
}

/** The sentence of each count indicator: what was counted, after the number. */
const COUNT_PHRASES: Record<string, { text: string; unit: string }> = {
  meetings: { text: "hội nghị, cuộc họp (kể cả họp thôn)", unit: "hội nghị, cuộc họp" },
  propaganda: { text: "buổi tuyên truyền, phổ biến, quán triệt", unit: "buổi" },
  dialogues: { text: "buổi đối thoại với Nhân dân", unit: "buổi" },
  reception: { text: "buổi tiếp công dân định kỳ", unit: "buổi" },
  skilled_models: { text: "mô hình “Dân vận khéo” được công nhận", unit: "mô hình" },
};

function countClause(code: string, cell: IndicatorCell, def: IndicatorDef): string | null {
  if (cell.value === null) return null;
  const p = COUNT_PHRASES[code] ?? { text: def.labelVi.toLowerCase(), unit: "" };
  return `${int(cell.value)} ${p.text}${countTarget(cell, p.unit)}`;
}

/**
 * The strongest and weakest communes of one rate, and how many are below target. Ties (equal once
 * rounded to one decimal, as shown) are all named. Null when fewer than two communes have a value.
 * @example "Tỷ lệ hồ sơ tiếp nhận trực tuyến: cao nhất là Xã Trà Tân (93,4 %), thấp nhất là Xã Trà Bùi (61,2 " +
   "%); 5/15 đơn vị có số liệu chưa đạt mục tiêu 80,0 %."
 */
export function rankingSentence(def: IndicatorDef, communes: readonly IndicatorRow[], maxNames = 5): string | null {
  const valued = communes
    .map((r) => ({ name: r.unit.name, code: r.unit.code, cell: r.values[def.code] }))
    .filter((x) => x.cell && x.cell.value !== null)
    .map((x) => ({ ...x, shown: roundHalfUp(x.cell.value!, 1) }));
  if (valued.length < 2) return null;
  const hi = Math.max(...valued.map((x) => x.shown));
  const lo = Math.min(...valued.map((x) => x.shown));
  const names = (v: number) =>
    nameList(
      valued.filter((x) => x.shown === v).map((x) => x.name),
      maxNames,
    );
  let s =
    hi === lo
      ? `${def.labelVi}: các đơn vị có số liệu đều đạt ${pct(hi)}`
      : `${def.labelVi}: cao nhất là ${names(hi)} (${pct(hi)}), thấp nhất là ${names(lo)} (${pct(lo)})`;
  const target = valued[0].cell.target;
  if (target !== null) {
    const below = valued.filter((x) => x.cell.status !== "meets").length;
    s +=
      below === 0
        ? `; tất cả ${int(valued.length)} đơn vị có số liệu đều đạt mục tiêu ${pct(target)}`
        : `; ${int(below)}/${int(valued.length)} đơn vị có số liệu chưa đạt mục tiêu ${pct(target)}`;
  }
  return `${s}.`;
}

/** Join clauses: "a", "a và b", "a, b và c". */
function joinAnd(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} và ${xs[xs.length - 1]}`;
}

/**
 * The report's sentences for the figures of `data`.
 * @example buildNarrative(data).results[1].text → "Trong quý, toàn huyện tổ chức 214 hội nghị, cuộc họp (kể cả " +
   "họp thôn), 95 buổi tuyên truyền, phổ biến, quán triệt và 12 buổi đối thoại với Nhân dân …"
 */
export function buildNarrative(data: SummaryExportData, options: { maxNames?: number } = {}): Narrative {
  const maxNames = options.maxNames ?? 30;
  const defs = selectedDefs(data);
  const total = data.rows.find((r) => r.kind === "total");
  if (!total) throw new Error("The engine's rows have no total row");
  const communes = data.rows.filter((r) => r.kind === "commune");
  const cell = (code: string): IndicatorCell | undefined =>
    data.indicators.includes(code) ? total.values[code] : undefined;
  const def = (code: string) => defs.find((d) => d.code === code)!;
  const when = periodAdverb(data.period);
  const whole = wholeUnitPhrase(data.scope.name);
  const phrase = periodPhrase(data.period);
  const issuerInSentence = `UBND ${unitInSentence(data.scope.name)}`;
  const results: NarrativeParagraph[] = [];
  const lead = (title: string) => `${results.length + 1}. ${title}: `;

  results.push({ lead: lead("Tình hình báo cáo"), text: reportingText(data, maxNames) });

  // Meetings, propaganda, dialogues and "Dân vận khéo" models.
  const activity = ["meetings", "propaganda", "dialogues"].flatMap((c) => {
    const x = cell(c);
    const clause = x ? countClause(c, x, def(c)) : null;
    return clause ? [clause] : [];
  });
  const models = cell("skilled_models");
  const modelsClause = models ? countClause("skilled_models", models, def("skilled_models")) : null;
  if (activity.length || modelsClause) {
    let s = activity.length ? `${when}, ${whole} tổ chức ${joinAnd(activity)}` : `${when}, ${whole} có`;
    if (modelsClause) s += activity.length ? `; có ${modelsClause}` : ` ${modelsClause}`;
    results.push({ lead: lead("Công tác hội nghị, tuyên truyền, đối thoại"), text: `${s}.` });
  }

  // Citizen reception, petitions and voters' requests.
  const reception = cell("reception");
  const petitions = cell("petition_resolution_rate");
  const voters = cell("voter_answer_rate");
  const people: string[] = [];
  if (reception && reception.value !== null)
    people.push(`lãnh đạo UBND các xã tổ chức ${countClause("reception", reception, def("reception"))}`);
  if (petitions && petitions.numerator !== null && petitions.denominator !== null) {
    people.push(
      `tổng số đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh phải giải quyết là ${int(petitions.denominator)} ` +
        `đơn (kể cả đơn kỳ trước chuyển sang), đã giải quyết ${int(petitions.numerator)} đơn ${rateNote(petitions)}`,
    );
  }
  if (voters && voters.numerator !== null && voters.denominator !== null) {
    people.push(
      `tiếp nhận ${int(voters.denominator)} kiến nghị cử tri, đã trả lời, giải quyết ${int(voters.numerator)} ` +
        `kiến nghị ${rateNote(voters)}`,
    );
  }
  if (people.length)
    results.push({
      lead: lead("Tiếp công dân, giải quyết đơn thư và kiến nghị cử tri"),
      text: `${when}, ${people.join("; ")}.`,
    });

  // Administrative procedures.
  const online = cell("online_rate");
  const resolvedRates = ["on_time_rate", "online_payment_rate", "digitization_rate"]
    .map((c) => [c, cell(c)] as const)
    .filter(([, x]) => x && x.numerator !== null && x.denominator !== null);
  const procedures: string[] = [];
  if (online && online.numerator !== null && online.denominator !== null) {
    procedures.push(
      `tiếp nhận ${int(online.denominator)} hồ sơ thủ tục hành chính, trong đó ${int(online.numerator)} hồ sơ ` +
        `trực tuyến ${rateNote(online)}`,
    );
  }
  if (resolvedRates.length) {
    const words: Record<string, string> = {
      on_time_rate: "đúng hạn",
      online_payment_rate: "thanh toán trực tuyến",
      digitization_rate: "được số hóa",
    };
    const clauses = resolvedRates.map(([c, x]) => `${int(x!.numerator!)} hồ sơ ${words[c]} ${rateNote(x!)}`);
    procedures.push(`giải quyết ${int(resolvedRates[0][1]!.denominator!)} hồ sơ, trong đó ${joinAnd(clauses)}`);
  }
  if (procedures.length)
    results.push({
      lead: lead("Cải cách hành chính, giải quyết thủ tục hành chính"),
      text: `${when}, ${whole} ${procedures.join("; ")}.`,
    });

  // Communes compared, rate by rate.
  const rankings = defs
    .filter((d) => d.kind === "rate")
    .flatMap((d) => {
      const s = rankingSentence(d, communes);
      return s ? [s] : [];
    });
  if (rankings.length) results.push({ lead: lead("Kết quả theo đơn vị"), text: rankings.join(" ") });

  const next = nextPeriodPhrase(data.period);
  return {
    intro:
      `Thực hiện chế độ báo cáo định kỳ về công tác dân vận chính quyền, ${issuerInSentence} báo cáo kết ` +
      `quả thực hiện công tác dân vận chính quyền ${phrase} trên địa bàn, tổng hợp từ số liệu báo cáo của các ` +
      `đơn vị cấp xã, cụ thể như sau:`,
    resultsHeading: "I. KẾT QUẢ THỰC HIỆN",
    results,
    tasksHeading: `II. PHƯƠNG HƯỚNG NHIỆM VỤ${next ? ` ${next.toLocaleUpperCase("vi")}` : " TRONG THỜI GIAN TỚI"}`,
    tasks: [
      "1. Công tác lãnh đạo, chỉ đạo thực hiện công tác dân vận chính quyền: [nội dung do đơn vị bổ sung].",
      "2. Tuyên truyền, phổ biến, quán triệt; phong trào thi đua “Dân vận khéo”: [nội dung do đơn vị bổ sung].",
      "3. Tiếp công dân, đối thoại với Nhân dân, giải quyết đơn thư và kiến nghị cử tri: [nội dung do đơn vị bổ sung].",
      "4. Cải cách hành chính, nâng cao tỷ lệ hồ sơ trực tuyến, giải quyết đúng hạn, số hóa: [nội dung do đơn vị bổ sung].",
      "5. Phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội: [nội dung do đơn vị bổ sung].",
    ],
    closing: `Trên đây là báo cáo kết quả công tác dân vận chính quyền ${phrase} của ${issuerInSentence}./.`,
  };
}
