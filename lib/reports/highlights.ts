/**
 * Notable points of the communes' narrative reports for the district's (province's) draft report, per
 * topic of part I: the plans they cite, the figures they state (and whether they match the imported
 * ones), and the communes that say nothing on the topic — each attributed to its commune.
 */
import { TOPICS, type Topic } from "./topics";

export interface CommuneNarrativeFacts {
  unitName: string;
  /** null: no report for the period. */
  topics: Partial<
    Record<Topic, { references: string[]; figures: { text: string; check: string | null; submitted: number | null }[] }>
  > | null;
}

export interface HighlightParagraph {
  lead: string;
  text: string;
}

const TOPIC_LEAD: Record<(typeof TOPICS)[number], string> = {
  direction: "Lãnh đạo, chỉ đạo",
  propaganda: "Tuyên truyền, phổ biến",
  emulation: "Thi đua, “Dân vận khéo”, dân chủ cơ sở",
  admin_reform: "Cải cách hành chính",
  discipline: "Kỷ luật, kỷ cương, đạo đức công vụ",
  reception: "Tiếp công dân, giải quyết đơn thư",
  coordination: "Phối hợp với Mặt trận Tổ quốc, các đoàn thể",
};

const list = (xs: readonly string[], max: number) =>
  xs.length <= max ? xs.join(", ") : `${xs.slice(0, max).join(", ")} ` + `và ${xs.length - max} đơn vị khác`;

/**
 * @example communeHighlights([{ unitName: "Xã Trà Tân", topics: { reception: { references: [], figures: [{ text: "05
 * buổi đối thoại", check: "differ", submitted: 4 }] } } }])
 *   → [{ lead: "Tiếp công dân, giải quyết đơn thư: ", text: "Xã Trà Tân nêu “05 buổi đối thoại” (số liệu đã nhập: 4)." }, …]
 */
export function communeHighlights(communes: readonly CommuneNarrativeFacts[], maxNames = 10): HighlightParagraph[] {
  const reporting = communes.filter((c) => c.topics);
  if (!reporting.length) return [];
  const out: HighlightParagraph[] = [];
  for (const topic of TOPICS) {
    const parts: string[] = [];
    for (const c of reporting) {
      const facts = c.topics![topic];
      if (!facts) continue;
      const said: string[] = [];
      if (facts.references.length) said.push(`thực hiện ${facts.references.slice(0, 3).join("; ")}`);
      for (const f of facts.figures.slice(0, 3))
        said.push(
          `“${f.text}”${f.check === "differ" ? ` (số liệu đã nhập: ${f.submitted})` : f.check === "none" ? " (chưa nhập số liệu)" : ""}`,
        );
      if (said.length) parts.push(`${c.unitName} nêu ${said.join(", ")}`);
    }
    const silent = reporting.filter((c) => !c.topics![topic]).map((c) => c.unitName);
    const sentences = [...parts.slice(0, maxNames).map((p) => `${p}.`)];
    if (parts.length > maxNames) sentences.push(`Và ${parts.length - maxNames} đơn vị khác.`);
    if (silent.length) sentences.push(`Chưa đề cập: ${list(silent, maxNames)}.`);
    if (sentences.length) out.push({ lead: `${TOPIC_LEAD[topic]}: `, text: sentences.join(" ") });
  }
  const missing = communes.filter((c) => !c.topics).map((c) => c.unitName);
  if (missing.length) out.push({ lead: "Chưa gửi báo cáo thuyết minh: ", text: `${list(missing, maxNames)}.` });
  return out;
}
