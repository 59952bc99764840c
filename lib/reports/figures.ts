/**
 * Figures stated in prose: a count followed by what it counts ("03 chương trình mục tiêu quốc gia" → 3),
 * tied to a catalogue element when the words name one ("05 buổi đối thoại" → dialogues_held).
 */
import { fold } from "./text";

export interface StatedFigure {
  /** The phrase as written, number included. */
  text: string;
  value: number;
  /** Catalogue element code (lib/indicators/catalogue.ts), or null. */
  element: string | null;
}

/** Counting words a stated figure is followed by (compared without diacritics). */
const NOUNS = [
  "buoi",
  "luot",
  "cuoc",
  "ho so",
  "don",
  "tin",
  "bai",
  "mo hinh",
  "hoi nghi",
  "kien nghi",
  "y kien",
  "van ban",
  "ke hoach",
  "chuong trinh",
  "nguoi",
  "truong hop",
  "vu",
  "lan",
  "dot",
  "phien",
  "cong trinh",
  "du an",
  "ho",
  "lop",
  "thu tuc",
  "guong",
  "cau lac bo",
  "to",
  "thon",
  "nghi quyet",
  "quyet dinh",
  "cong van",
];

/** Words (before and after the number) → element; first rule that matches wins. */
const ELEMENT_RULES: [RegExp, string][] = [
  [/doi thoai/, "dialogues_held"],
  [/tiep xuc cu tri/, "voter_contacts"],
  [/luot (cong dan|nguoi dan)|tiep \d+ luot|luot .*tiep/, "citizens_received"],
  [/buoi tiep (cong )?dan|tiep cong dan dinh ky/, "reception_sessions"],
  [/kien nghi (cua )?cu tri|y kien,? kien nghi/, "voter_requests_received"],
  [/(don|don thu).*(da giai quyet|giai quyet xong)|giai quyet \d+ (don|vu)/, "petitions_resolved"],
  [/don thu|don khieu nai|don to cao|\d+ don\b/, "petitions_received"],
  [/ho so.*so hoa|so hoa.*ho so/, "procedures_digitized"],
  [/ho so.*thanh toan truc tuyen/, "procedures_paid_online"],
  [/ho so.*dung han/, "procedures_on_time"],
  [/ho so.*truc tuyen/, "procedures_online"],
  [/(giai quyet|tra ket qua) \d+ ho so|ho so.*(da giai quyet)/, "procedures_resolved"],
  [/ho so/, "procedures_received"],
  [/mo hinh.*dan van kheo|dan van kheo.*mo hinh/, "skilled_models"],
  [/luot nguoi.*(tuyen truyen|tham du)|tuyen truyen.*luot nguoi/, "propaganda_participants"],
  [/(buoi|cuoc|dot) tuyen truyen/, "propaganda_sessions"],
  [/\d+ (tin|bai|tin bai|tin, bai)\b/, "broadcast_items"],
  [/\d+ (hoi nghi|cuoc hop)/, "meetings_held"],
  [/cuoc giam sat|giam sat, phan bien/, "supervisions_with_front"],
  [/ban hanh \d+ (van ban|ke hoach)|\d+ (van ban|ke hoach) (chi dao|trien khai)/, "directive_docs"],
];

const FIG_RE = new RegExp(
  String.raw`(?<![\p{L}\d/.,\-])(\d{1,5})\s+((?:${NOUNS.map((n) => n.replace(/ /g, "\\s+")).join("|")})(?![\p{L}])[^.,;:\n()\d]{0,60})`,
  "gu",
);

/** Element a phrase names (with a few words of context before the number), or null. */
export function elementFor(context: string): string | null {
  const f = fold(context);
  for (const [re, code] of ELEMENT_RULES) if (re.test(f)) return code;
  return null;
}

/**
 * Every stated count in a text.
 * @example extractFigures("Tập trung chỉ đạo thực hiện 03 chương trình mục tiêu quốc gia.")
 *   → [{ text: "03 chương trình mục tiêu quốc gia", value: 3, element: null }]
 */
export function extractFigures(input: string): StatedFigure[] {
  const text = input.normalize("NFC");
  const folded = fold(text);
  const out: StatedFigure[] = [];
  for (const m of folded.matchAll(FIG_RE)) {
    const start = m.index ?? 0;
    const before = folded.slice(Math.max(0, start - 40), start);
    // "số 42", "ngày 27", "năm 2025", "giai đoạn 2021": identifiers and dates, not counts.
    if (/(so|ngay|nam|thang|quy|doan|khoa|lan thu)\s*$/.test(before)) continue;
    const phraseEnd = start + m[0].length;
    // Keep at most eight words of the phrase.
    const words = text
      .slice(start, phraseEnd)
      .split(/\s+/)
      .slice(0, 8)
      .join(" ")
      .replace(/[\s,–-]+$/, "");
    const context = `${before.trim().split(/\s+/).slice(-3).join(" ")} ${fold(words)}`;
    out.push({ text: words, value: Number(m[1]), element: elementFor(context) });
  }
  return out;
}
