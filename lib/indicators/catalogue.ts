/**
 * The catalogue of data elements and indicators (../shared/spec/indicators.md).
 * This file is the single source: the database tables `data_elements` and `indicators`
 * are seeded from it at start. Adding an element or an indicator is a change here, never a column.
 */

export type ElementKind = "stock" | "flow";
export type ElementGroup =
  "direction" | "propaganda" | "meetings" | "emulation" | "reception" | "petitions" | "procedures" | "coordination";

export interface DataElementDef {
  code: string;
  labelVi: string;
  labelEn: string;
  group: ElementGroup;
  kind: ElementKind;
}

export type IndicatorKind = "count" | "rate";

/**
 * A target is always "at least `value`". For a count, `value` is per commune and per quarter
 * and scales with both; for a rate it is a percentage.
 */
export interface TargetDef {
  value: number;
}

export interface IndicatorDef {
  code: string;
  labelVi: string;
  labelEn: string;
  kind: IndicatorKind;
  /** Elements summed into the numerator (for a count: the counted element). */
  numerator: string[];
  /** Elements summed into the denominator; empty for a count. */
  denominator: string[];
  target: TargetDef | null;
}

export const dataElements: readonly DataElementDef[] = [
  {
    code: "directive_docs",
    labelVi: "Số văn bản chỉ đạo, kế hoạch về công tác dân vận đã ban hành",
    labelEn: "Directives and plans on mass mobilization issued",
    group: "direction",
    kind: "flow",
  },
  {
    code: "propaganda_sessions",
    labelVi: "Số buổi tuyên truyền, phổ biến, quán triệt",
    labelEn: "Propaganda and dissemination sessions",
    group: "propaganda",
    kind: "flow",
  },
  {
    code: "propaganda_participants",
    labelVi: "Số lượt người tham dự tuyên truyền",
    labelEn: "Propaganda session attendance",
    group: "propaganda",
    kind: "flow",
  },
  {
    code: "broadcast_items",
    labelVi: "Số tin, bài trên hệ thống truyền thanh, trang thông tin điện tử",
    labelEn: "News items on loudspeakers and the commune website",
    group: "propaganda",
    kind: "flow",
  },
  {
    code: "meetings_held",
    labelVi: "Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)",
    labelEn: "Conferences and meetings held (incl. village meetings)",
    group: "meetings",
    kind: "flow",
  },
  {
    code: "meeting_attendees",
    labelVi: "Số lượt người tham dự hội nghị, cuộc họp",
    labelEn: "Meeting attendance",
    group: "meetings",
    kind: "flow",
  },
  {
    code: "dialogues_held",
    labelVi: "Số buổi đối thoại với Nhân dân",
    labelEn: "Dialogues held with citizens",
    group: "meetings",
    kind: "flow",
  },
  {
    code: "voter_contacts",
    labelVi: "Số buổi tiếp xúc cử tri",
    labelEn: "Voter contact meetings",
    group: "meetings",
    kind: "flow",
  },
  {
    code: "skilled_models",
    labelVi: 'Số mô hình "Dân vận khéo" được công nhận',
    labelEn: '"Dân vận khéo" models recognized',
    group: "emulation",
    kind: "flow",
  },
  {
    code: "reception_sessions",
    labelVi: "Số buổi tiếp công dân định kỳ của lãnh đạo",
    labelEn: "Periodic citizen reception sessions by leaders",
    group: "reception",
    kind: "flow",
  },
  {
    code: "citizens_received",
    labelVi: "Số lượt công dân được tiếp",
    labelEn: "Citizens received",
    group: "reception",
    kind: "flow",
  },
  {
    code: "petitions_carried_over",
    labelVi: "Số đơn thư kỳ trước chuyển sang",
    labelEn: "Petitions carried over from the previous quarter",
    group: "petitions",
    kind: "stock",
  },
  {
    code: "petitions_received",
    labelVi: "Số đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận",
    labelEn: "Complaints, denunciations and petitions received",
    group: "petitions",
    kind: "flow",
  },
  {
    code: "petitions_resolved",
    labelVi: "Số đơn thư đã giải quyết",
    labelEn: "Complaints and petitions resolved",
    group: "petitions",
    kind: "flow",
  },
  {
    code: "voter_requests_received",
    labelVi: "Số kiến nghị cử tri tiếp nhận",
    labelEn: "Voters' requests received",
    group: "petitions",
    kind: "flow",
  },
  {
    code: "voter_requests_answered",
    labelVi: "Số kiến nghị cử tri đã trả lời, giải quyết",
    labelEn: "Voters' requests answered",
    group: "petitions",
    kind: "flow",
  },
  {
    code: "procedures_received",
    labelVi: "Số hồ sơ thủ tục hành chính tiếp nhận",
    labelEn: "Administrative case files received",
    group: "procedures",
    kind: "flow",
  },
  {
    code: "procedures_online",
    labelVi: "Số hồ sơ tiếp nhận trực tuyến",
    labelEn: "Case files received online",
    group: "procedures",
    kind: "flow",
  },
  {
    code: "procedures_resolved",
    labelVi: "Số hồ sơ đã giải quyết",
    labelEn: "Case files resolved",
    group: "procedures",
    kind: "flow",
  },
  {
    code: "procedures_on_time",
    labelVi: "Số hồ sơ giải quyết đúng hạn",
    labelEn: "Case files resolved on time",
    group: "procedures",
    kind: "flow",
  },
  {
    code: "procedures_paid_online",
    labelVi: "Số hồ sơ thanh toán trực tuyến",
    labelEn: "Case files paid online",
    group: "procedures",
    kind: "flow",
  },
  {
    code: "procedures_digitized",
    labelVi: "Số hồ sơ được số hóa",
    labelEn: "Case files digitized",
    group: "procedures",
    kind: "flow",
  },
  {
    code: "supervisions_with_front",
    labelVi: "Số cuộc giám sát, phản biện phối hợp với MTTQ và đoàn thể",
    labelEn: "Supervision and social-criticism activities with the Fatherland Front",
    group: "coordination",
    kind: "flow",
  },
];

export const indicators: readonly IndicatorDef[] = [
  {
    code: "meetings",
    labelVi: "Hội nghị, cuộc họp đã tổ chức",
    labelEn: "Meetings held",
    kind: "count",
    numerator: ["meetings_held"],
    denominator: [],
    target: null,
  },
  {
    code: "dialogues",
    labelVi: "Buổi đối thoại với Nhân dân",
    labelEn: "Dialogues held",
    kind: "count",
    numerator: ["dialogues_held"],
    denominator: [],
    target: { value: 1 },
  },
  {
    code: "reception",
    labelVi: "Buổi tiếp công dân định kỳ",
    labelEn: "Citizen reception sessions",
    kind: "count",
    numerator: ["reception_sessions"],
    denominator: [],
    target: { value: 12 },
  },
  {
    code: "propaganda",
    labelVi: "Buổi tuyên truyền",
    labelEn: "Propaganda sessions",
    kind: "count",
    numerator: ["propaganda_sessions"],
    denominator: [],
    target: null,
  },
  {
    code: "skilled_models",
    labelVi: 'Mô hình "Dân vận khéo"',
    labelEn: '"Dân vận khéo" models',
    kind: "count",
    numerator: ["skilled_models"],
    denominator: [],
    target: null,
  },
  {
    code: "petition_resolution_rate",
    labelVi: "Tỷ lệ giải quyết đơn thư",
    labelEn: "Complaint/petition resolution rate",
    kind: "rate",
    numerator: ["petitions_resolved"],
    denominator: ["petitions_carried_over", "petitions_received"],
    target: { value: 85 },
  },
  {
    code: "voter_answer_rate",
    labelVi: "Tỷ lệ trả lời kiến nghị cử tri",
    labelEn: "Voters' request answer rate",
    kind: "rate",
    numerator: ["voter_requests_answered"],
    denominator: ["voter_requests_received"],
    target: { value: 90 },
  },
  {
    code: "online_rate",
    labelVi: "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
    labelEn: "Case files received online",
    kind: "rate",
    numerator: ["procedures_online"],
    denominator: ["procedures_received"],
    target: { value: 80 },
  },
  {
    code: "on_time_rate",
    labelVi: "Tỷ lệ hồ sơ giải quyết đúng hạn",
    labelEn: "Case files resolved on time",
    kind: "rate",
    numerator: ["procedures_on_time"],
    denominator: ["procedures_resolved"],
    target: { value: 95 },
  },
  {
    code: "online_payment_rate",
    labelVi: "Tỷ lệ thanh toán trực tuyến",
    labelEn: "Online payment rate",
    kind: "rate",
    numerator: ["procedures_paid_online"],
    denominator: ["procedures_resolved"],
    target: { value: 50 },
  },
  {
    code: "digitization_rate",
    labelVi: "Tỷ lệ số hóa hồ sơ",
    labelEn: "Digitization rate",
    kind: "rate",
    numerator: ["procedures_digitized"],
    denominator: ["procedures_resolved"],
    target: { value: 80 },
  },
];

export const elementCodes: readonly string[] = dataElements.map((e) => e.code);

const elementByCode = new Map(dataElements.map((e) => [e.code, e]));
const indicatorByCode = new Map(indicators.map((i) => [i.code, i]));

export function getElement(code: string): DataElementDef | undefined {
  return elementByCode.get(code);
}

export function getIndicator(code: string): IndicatorDef | undefined {
  return indicatorByCode.get(code);
}

/**
 * Consistency rules between elements of one commune and quarter (indicators.md).
 * Each says: sum(lhs) ≤ sum(rhs). The voter-request rule needs history and is checked by ingest.
 */
export interface ConsistencyRule {
  code: string;
  lhs: string;
  rhs: string[];
}

export const consistencyRules: readonly ConsistencyRule[] = [
  {
    code: "petitions_resolved_le_available",
    lhs: "petitions_resolved",
    rhs: ["petitions_carried_over", "petitions_received"],
  },
  { code: "procedures_online_le_received", lhs: "procedures_online", rhs: ["procedures_received"] },
  { code: "procedures_on_time_le_resolved", lhs: "procedures_on_time", rhs: ["procedures_resolved"] },
  { code: "procedures_paid_online_le_resolved", lhs: "procedures_paid_online", rhs: ["procedures_resolved"] },
  {
    code: "procedures_digitized_le_received_resolved",
    lhs: "procedures_digitized",
    rhs: ["procedures_received", "procedures_resolved"],
  },
];
