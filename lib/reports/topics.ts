/**
 * The topics of a report's items (spec: narrative-reports.md, "Topics of Part I and Part II"), matched
 * by the words of the item title first, then of its opening text.
 */
import { fold } from "./text";

export const TOPICS = [
  "direction",
  "propaganda",
  "emulation",
  "admin_reform",
  "discipline",
  "reception",
  "coordination",
] as const;
export type Topic = (typeof TOPICS)[number] | "other";
export const ALL_TOPICS: readonly Topic[] = [...TOPICS, "other"];

export function isTopic(v: unknown): v is Topic {
  return typeof v === "string" && (ALL_TOPICS as readonly string[]).includes(v);
}

/** Title words per topic, compared without diacritics. */
const WORDS: Record<(typeof TOPICS)[number], string[]> = {
  direction: ["lanh dao", "chi dao", "ban hanh ke hoach", "xay dung ke hoach", "dieu hanh"],
  propaganda: ["tuyen truyen", "pho bien", "quan triet", "truyen thanh"],
  emulation: [
    "thi dua",
    "dan van kheo",
    "quy che dan chu",
    "kinh te - xa hoi",
    "kinh te-xa hoi",
    "kinh te xa hoi",
    "khen thuong",
  ],
  admin_reform: ["cai cach hanh chinh", "cchc", "mot cua", "thu tuc hanh chinh", "tthc", "dich vu cong"],
  discipline: ["ky luat", "ky cuong", "dao duc cong vu", "van hoa cong so", "cong vu"],
  reception: ["tiep dan", "tiep cong dan", "don thu", "khieu nai", "to cao"],
  coordination: ["mat tran to quoc", "mttq", "doan the", "giam sat", "phan bien", "to chuc chinh tri - xa hoi"],
};

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  const re = new RegExp(`(?<![a-z0-9])${needle.replace(/[-]/g, "\\-")}(?![a-z0-9])`, "g");
  while (re.exec(haystack)) n++;
  return n;
}

/** Score of each topic for a title and an opening text (title words count three times). */
export function topicScores(title: string, text: string): Record<(typeof TOPICS)[number], number> {
  const t = fold(title);
  const b = fold(text.slice(0, 600));
  const out = {} as Record<(typeof TOPICS)[number], number>;
  for (const topic of TOPICS)
    out[topic] = WORDS[topic].reduce((s, w) => s + 3 * occurrences(t, w) + occurrences(b, w), 0);
  return out;
}

/**
 * The topic of an item, `other` when no topic word appears; ties go to the earlier topic of the plan.
 * @example classifyTopic("Công tác tiếp dân, giải quyết đơn thư khiếu nại, tố cáo", "") → "reception"
 */
export function classifyTopic(title: string, text: string): Topic {
  const scores = topicScores(title, text);
  let best: Topic = "other";
  let bestScore = 0;
  for (const topic of TOPICS) {
    if (scores[topic] > bestScore) {
      best = topic;
      bestScore = scores[topic];
    }
  }
  return best;
}
