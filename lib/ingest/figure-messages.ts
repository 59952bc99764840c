/**
 * Messages about one figure of one commune and quarter: they name the commune (name and code), the
 * quarter and the figure by its catalogue label, and say what to do. Used by messages.ts.
 * @example ruleViolation({ lhs: "procedures_online", value: 130, rhs: [{ name: "procedures_received", value: 120 }],
 *   subject: { unitCode: "21115", unitName: "Xã Trà Bình", period: "2025Q2" } }).vi
 *   // "Số hồ sơ tiếp nhận trực tuyến (130) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (120) của Xã Trà Bình (21115),
 *   //  Quý II/2025: kiểm tra lại một trong hai số."
 */
import { getElement } from "../indicators/catalogue";
import { formatNumber, formatQuarter } from "../format";

type L = "vi" | "en";
interface Bi {
  vi: string;
  en: string;
}

/** The commune and quarter a figure belongs to. */
export interface Subject {
  unitCode: string;
  unitName: string;
  period: string;
}

const n = (x: number, l: L) => formatNumber(x, l, 0);

/** An element's catalogue label ("Số hồ sơ tiếp nhận trực tuyến"), or the text itself when it is not a code. */
export function fieldLabel(code: string, l: L): string {
  const e = getElement(code);
  return e ? (l === "vi" ? e.labelVi : e.labelEn) : code;
}

/** "Xã Trà Bình (21115), Quý II/2025" / "Xã Trà Bình (21115), Q2 2025". */
export function subjectText(s: Subject, l: L): string {
  return `${s.unitName} (${s.unitCode}), ${formatQuarter(s.period, l)}`;
}

/** A label inside a sentence: first letter lower-case ("số hồ sơ …"), unless it starts a proper name in quotes. */
const inner = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const joinAnd = (xs: string[], and: string) =>
  xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} ${and} ${xs[xs.length - 1]}`;

export interface RuleTerm {
  /** An element code, or a ready text (e.g. "requests unanswered from earlier quarters"). */
  name: string | Bi;
  value: number;
}

const termName = (t: RuleTerm, l: L) => inner(typeof t.name === "string" ? fieldLabel(t.name, l) : t.name[l]);

export function ruleViolation(a: { lhs: string; value: number; rhs: readonly RuleTerm[]; subject: Subject }): Bi {
  const total = a.rhs.reduce((s, r) => s + r.value, 0);
  const text = (l: L) => {
    const lhs = `${fieldLabel(a.lhs, l)} (${n(a.value, l)})`;
    const where = subjectText(a.subject, l);
    if (a.rhs.length === 1) {
      const rhs = `${termName(a.rhs[0], l)} (${n(total, l)})`;
      return l === "vi"
        ? `${lhs} lớn hơn ${rhs} của ${where}: kiểm tra lại một trong hai số.`
        : `${lhs} is greater than ${rhs} for ${where}: check one of the two figures.`;
    }
    const names = joinAnd(
      a.rhs.map((r) => termName(r, l)),
      l === "vi" ? "và" : "and",
    );
    const sum = `${a.rhs.map((r) => n(r.value, l)).join(" + ")} = ${n(total, l)}`;
    return l === "vi"
      ? `${lhs} lớn hơn tổng ${names} (${sum}) của ${where}: kiểm tra lại các số này.`
      : `${lhs} is greater than the sum of ${names} (${sum}) for ${where}: check these figures.`;
  };
  return { vi: text("vi"), en: text("en") };
}

export function unusualValue(a: { element: string; value: number; median: number; subject: Subject }): Bi {
  const text = (l: L) =>
    l === "vi"
      ? `${fieldLabel(a.element, l)} của ${subjectText(a.subject, l)} là ${n(a.value, l)}, lớn hơn 3 lần trung ` +
        `vị các quý trước của xã (${n(a.median, l)}): kiểm tra lại số này; nếu đúng, vẫn có thể ghi.`
      : `${fieldLabel(a.element, l)} of ${subjectText(a.subject, l)} is ${n(a.value, l)}, more than 3 times the ` +
        `commune's median of earlier quarters (${n(a.median, l)}): check this figure; if it is right, it can still be recorded.`;
  return { vi: text("vi"), en: text("en") };
}

/** The carried-over petitions of a quarter should be what the previous quarter left: carried + received − resolved. */
export function carriedOverMismatch(a: {
  value: number;
  previous: { period: string; carried: number; received: number; resolved: number };
  subject: Subject;
}): Bi {
  const p = a.previous;
  const expected = p.carried + p.received - p.resolved;
  const text = (l: L) => {
    const prevQ = formatQuarter(p.period, l);
    const label = fieldLabel("petitions_carried_over", l);
    return l === "vi"
      ? `${label} của ${subjectText(a.subject, l)} là ${n(a.value, l)}, nhưng theo số liệu ${prevQ} phải là ` +
          `${n(expected, l)} (${n(p.carried, l)} chuyển sang + ${n(p.received, l)} tiếp nhận − ` +
          `${n(p.resolved, l)} đã giải quyết): kiểm tra lại số này hoặc số liệu ${prevQ}.`
      : `${label} of ${subjectText(a.subject, l)} is ${n(a.value, l)}, but ${prevQ}'s figures give ` +
          `${n(expected, l)} (${n(p.carried, l)} carried over + ${n(p.received, l)} received − ` +
          `${n(p.resolved, l)} resolved): check this figure or ${prevQ}'s.`;
  };
  return { vi: text("vi"), en: text("en") };
}

export function duplicateValue(a: { element: string; subject: Subject; firstLine: number; record: boolean }): Bi {
  const text = (l: L) => {
    const where =
      l === "vi" ? `${a.record ? "bản ghi" : "dòng"} ${a.firstLine}` : `${a.record ? "record" : "line"} ${a.firstLine}`;
    return l === "vi"
      ? `${fieldLabel(a.element, l)} của ${subjectText(a.subject, l)} đã có ở ${where}; mỗi xã, quý và chỉ tiêu ` +
          `chỉ được khai một lần trong một tệp: giữ một trong hai số và xoá số kia.`
      : `${fieldLabel(a.element, l)} of ${subjectText(a.subject, l)} is already given on ${where}; each ` +
          `commune, quarter and element may appear only once in a file: keep one of the two and delete the other.`;
  };
  return { vi: text("vi"), en: text("en") };
}
