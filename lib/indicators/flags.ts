/**
 * What a reader must be told beside a figure (pure): that it covers fewer commune-quarters than expected
 * (an incomplete period), or that a rate is above 100 % and why. Every view and export takes its words
 * from here, and its figures from the one read path (getIndicatorTable, getCompleteness).
 */
import { formatPeriod, formatQuarter, type Locale } from "../format";
import type { IndicatorDef } from "./catalogue";
import type { QuarterCompleteness } from "./completeness";

/** A rate can pass 100 % only when its numerator counts things its denominator does not: each cause, per rate. */
const OVER_100_CAUSE: Record<string, { vi: string; en: string }> = {
  voter_answer_rate: {
    vi: "gồm trả lời kiến nghị của các quý trước (số đã trả lời tính cả kiến nghị cử tri tiếp nhận từ trước kỳ)",
    en: "includes answers to requests of earlier quarters (answered counts requests received before the period)",
  },
  petition_resolution_rate: {
    vi:
      "số đơn thư đã giải quyết gồm cả đơn thư chuyển sang ở các quý sau quý đầu kỳ, mà mẫu số chỉ tính số chuyển " +
      "sang của quý đầu kỳ: số chuyển sang giữa các quý không khớp với quý trước (kiểm tra lại số liệu chuyển kỳ)",
    en:
      "resolved includes petitions carried over into later quarters, while the denominator counts only the first " +
      "quarter's carried-over ones: the carried-over figures do not follow from the previous quarter (check them)",
  },
  digitization_rate: {
    vi: "hồ sơ được số hóa gồm cả hồ sơ mới tiếp nhận, chưa giải quyết, mà mẫu số chỉ là hồ sơ đã giải quyết",
    en: "digitized case files include files received and not yet resolved, while the denominator is resolved files",
  },
};

const OVER_100_OTHER = {
  vi: "số liệu tử số lớn hơn mẫu số: kiểm tra lại số liệu đã nhập",
  en: "the numerator is larger than the denominator: check the figures entered",
};

/** A rate above 100 % (unrounded value). */
export function isOver100(def: Pick<IndicatorDef, "kind">, value: number | null): boolean {
  return def.kind === "rate" && value !== null && value > 100;
}

/** Why this rate can be above 100 %, in words. */
export function over100Cause(code: string, locale: Locale): string {
  return (OVER_100_CAUSE[code] ?? OVER_100_OTHER)[locale];
}

/**
 * The note shown with a rate above 100 %, or null.
 * @example over100Note(voterAnswerRate, 158.3, "vi") → "Trên 100 %: gồm trả lời kiến nghị của các quý trước (…)"
 */
export function over100Note(def: IndicatorDef, value: number | null, locale: Locale): string | null {
  if (!isOver100(def, value)) return null;
  return `${locale === "vi" ? "Trên 100 %" : "Above 100 %"}: ${over100Cause(def.code, locale)}`;
}

/** What a figure covers: its commune-quarters missing (RolledUpValue), and the commune-quarters expected. */
export interface Coverage {
  missingQuarters: number;
  contributors: number;
}

/** A figure that covers fewer commune-quarters than expected (some commune did not report, or not fully). */
export function isIncomplete(cell: Pick<Coverage, "missingQuarters">): boolean {
  return cell.missingQuarters > 0;
}

/**
 * The note shown with a figure that covers fewer commune-quarters than expected, or null.
 * @example incompleteNote({ missingQuarters: 4, contributors: 12 }, 16, "vi") → "Thiếu 4 báo cáo xã/quý: tính trên 12/16 xã"
 */
export function incompleteNote(cell: Coverage, communes: number, locale: Locale): string | null {
  if (!isIncomplete(cell)) return null;
  if (communes <= 1)
    return locale === "vi"
      ? `Thiếu ${cell.missingQuarters} quý chưa báo cáo đủ`
      : `Missing ${cell.missingQuarters} quarter(s) not fully reported`;
  // Every commune contributed, but not every quarter: the count of commune-quarters says it all.
  const over =
    cell.contributors < communes
      ? locale === "vi"
        ? `: tính trên ${cell.contributors}/${communes} xã`
        : `; over ${cell.contributors}/${communes} communes`
      : "";
  return locale === "vi"
    ? `Thiếu ${cell.missingQuarters} báo cáo xã/quý${over}`
    : `Missing reports: ${cell.missingQuarters} commune-quarter(s)${over}`;
}

export interface PeriodCompleteness {
  /** Every commune reported every quarter. */
  complete: boolean;
  /** One sentence: "12/16 xã đã báo cáo Quý III/2025" or which quarters of a longer period are incomplete. */
  text: string;
  /** The quarters not fully reported, oldest first. */
  incompleteQuarters: string[];
}

/**
 * How complete a period is, from getCompleteness's quarters.
 * @example periodCompleteness("2025N9", [Q1 16/16, Q2 16/16, Q3 0/16], "vi").text →
 * "Số liệu 9 tháng năm 2025 chưa đủ: Quý III/2025 mới có 0/16 xã báo cáo. Các con số chỉ gồm các báo cáo đã có."
 */
export function periodCompleteness(
  period: string,
  quarters: readonly Pick<QuarterCompleteness, "period" | "reported" | "expected">[],
  locale: Locale,
): PeriodCompleteness {
  const vi = locale === "vi";
  const incomplete = quarters.filter((q) => q.reported < q.expected);
  const incompleteQuarters = incomplete.map((q) => q.period);
  const expected = quarters[0]?.expected ?? 0;
  if (quarters.length === 1) {
    const q = quarters[0];
    const text = vi
      ? `${q.reported}/${q.expected} xã đã báo cáo ${formatQuarter(q.period, locale)}` +
        (incomplete.length ? ": các con số chỉ gồm các báo cáo đã có." : ".")
      : `${q.reported}/${q.expected} communes reported ${formatQuarter(q.period, locale)}` +
        (incomplete.length ? ": figures cover only the reports received." : ".");
    return { complete: incomplete.length === 0, text, incompleteQuarters };
  }
  const name = formatPeriod(period, locale);
  if (incomplete.length === 0) {
    const text = vi
      ? `Số liệu ${name} đủ: ${expected}/${expected} xã đã báo cáo cả ${quarters.length} quý.`
      : `${name} is complete: ${expected}/${expected} communes reported all ${quarters.length} quarters.`;
    return { complete: true, text, incompleteQuarters };
  }
  const parts = incomplete.map((q) =>
    vi
      ? `${formatQuarter(q.period, locale)} mới có ${q.reported}/${q.expected} xã báo cáo`
      : `${formatQuarter(q.period, locale)}: only ${q.reported}/${q.expected} communes reported`,
  );
  const text = vi
    ? `Số liệu ${name} chưa đủ: ${parts.join("; ")}. Các con số chỉ gồm các báo cáo đã có.`
    : `${name} is incomplete: ${parts.join("; ")}. Figures cover only the reports received.`;
  return { complete: false, text, incompleteQuarters };
}
