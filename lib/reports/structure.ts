/**
 * A report's text → title, preamble, parts (I results, II tasks, difficulties, proposals) and their
 * numbered items, with Word artifacts removed and footnotes attached to the item that cites them.
 */
import { classifyTopic, type Topic } from "./topics";
import { fold, squeeze } from "./text";

export type PartKind = "results" | "tasks" | "difficulties" | "proposals" | "assessment" | "other";

export interface Footnote {
  n: number;
  text: string;
}

export interface ReportItem {
  /** Roman numeral of the part as written ("I", "II"), or "-" for items outside any part. */
  part: string;
  partKind: PartKind;
  number: number;
  title: string;
  topic: Topic;
  /** The whole item as written (title included), footnote markers removed. */
  text: string;
  footnotes: Footnote[];
}

export interface ReportStructure {
  title: string;
  preamble: string;
  closing: string;
  parts: { part: string; kind: PartKind; heading: string }[];
  items: ReportItem[];
  /** Normalized full text (artifacts removed, footnote markers kept as [n]). */
  text: string;
}

const FN_OPEN = "\uE000";
const FN_CLOSE = "\uE001";

/** Remove Word artifacts; footnote definitions are taken out, references become private markers. */
export function cleanText(raw: string): { text: string; footnotes: Map<number, string> } {
  const footnotes = new Map<number, string>();
  let text = raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\u00a0/g, " ")
    .replace(/\ufeff/g, "");
  text = text.replace(/\[bookmark:[^\]\n]*\]/gi, "");
  text = text.replace(/\[(\d{1,3}):\s*([^\]]*)\]/g, (_m, n: string, body: string) => {
    footnotes.set(Number(n), squeeze(body));
    return "";
  });
  text = text.replace(/\[footnoteRef:\s*(\d{1,3})\]/gi, (_m, n: string) => `${FN_OPEN}${n}${FN_CLOSE}`);
  return { text, footnotes };
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];
const PART_RE = /^\s*(?:PHẦN\s+)?(I{1,3}|IV|V|VI{1,3})\s*[.:/\-–)]\s*(.+)$/u;
const PART_WORDS: [RegExp, PartKind][] = [
  [/\b(ket qua|tinh hinh)\b/, "results"],
  [/\b(kho khan|han che|ton tai|vuong mac)\b/, "difficulties"],
  [/\b(kien nghi|de xuat|de nghi)\b/, "proposals"],
  [/\b(nhiem vu|phuong huong|giai phap|ke hoach)\b/, "tasks"],
  [/\b(danh gia|nhan xet)\b/, "assessment"],
];

function partKindOf(heading: string): PartKind | null {
  const f = fold(heading);
  for (const [re, kind] of PART_WORDS) if (re.test(f)) return kind;
  return null;
}

function mostlyUpper(s: string): boolean {
  const letters = [...s].filter((c) => /\p{L}/u.test(c));
  if (letters.length < 3) return false;
  return letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length / letters.length >= 0.7;
}

/** A part heading: "I. KẾT QUẢ THỰC HIỆN", "II- Phương hướng, nhiệm vụ …", or an unnumbered capitals line. */
function matchPart(line: string, nextRoman: number): { part: string; kind: PartKind; heading: string } | null {
  const m = PART_RE.exec(line);
  if (m) {
    const heading = squeeze(m[2]);
    const kind = partKindOf(heading);
    if (heading.length <= 160 && (kind || mostlyUpper(heading))) return { part: m[1], kind: kind ?? "other", heading };
    return null;
  }
  const t = squeeze(line);
  if (t.length <= 120 && mostlyUpper(t)) {
    const kind = partKindOf(t);
    if (kind && !/^(bao cao|ubnd|uy ban|cong hoa|doc lap)/.test(fold(t)))
      return { part: ROMAN[nextRoman] ?? String(nextRoman + 1), kind, heading: t };
  }
  return null;
}

/** "1. …", " 3.  …", "\t2) …", "4/ …" — not "3.1." nor a date. */
const ITEM_RE = /^\s*(\d{1,2})\s*[.)/](?!\d)\s*(\S.*)$/u;

/** The item title: text before the first ": " on its line, else its first sentence (at most 300 chars). */
export function itemTitle(firstLine: string): string {
  const colon = /:(\s|$)/.exec(firstLine);
  if (colon && colon.index > 3 && colon.index <= 300) return squeeze(firstLine.slice(0, colon.index));
  const stop = /[.;](\s+(?=\p{Lu})|$)/u.exec(firstLine);
  const sentence = squeeze(stop ? firstLine.slice(0, stop.index) : firstLine).replace(/[.;…]+$/, "");
  return sentence.length > 300 ? `${sentence.slice(0, 299).replace(/\s+\S*$/, "")}…` : sentence;
}

function titleOf(lines: string[]): { title: string; rest: string[] } {
  const nonEmpty = lines.map((l, i) => ({ l: squeeze(l), i })).filter((x) => x.l);
  const marker = nonEmpty.findIndex((x) => /^báo cáo$/i.test(x.l));
  let start =
    marker >= 0
      ? marker + 1
      : nonEmpty.findIndex((x) => /(kết quả|báo cáo|công tác)/i.test(x.l) && !/^(thực hiện|căn cứ)/i.test(x.l));
  if (start < 0) start = 0;
  if (!nonEmpty[start]) return { title: "", rest: [] };
  const used = new Set<number>([nonEmpty[start].i]);
  let title = nonEmpty[start].l;
  // A wrapped title goes on up to a blank line, a sentence end or the preamble ("Thực hiện Kế hoạch …").
  for (let k = start + 1; k < nonEmpty.length && k <= start + 3; k++) {
    const next = nonEmpty[k].l;
    const prev = nonEmpty[k - 1].l;
    const joins =
      nonEmpty[k].i === nonEmpty[k - 1].i + 1 &&
      !/[.:;]$/.test(prev) &&
      title.length < 250 &&
      !/^(thực hiện|căn cứ|theo|kính gửi|phần|[IVX]+\s*[.\-])/iu.test(next);
    if (joins) {
      title += ` ${nonEmpty[k].l}`;
      used.add(nonEmpty[k].i);
    } else break;
  }
  const rest = lines.filter((_l, i) => !used.has(i) && !(marker >= 0 && i <= nonEmpty[marker].i));
  return { title: squeeze(title), rest };
}

/** Split the (cleaned) text of a report into its structure. */
export function parseStructure(raw: string): ReportStructure {
  const { text, footnotes } = cleanText(raw);
  const lines = text.split("\n");
  const parts: ReportStructure["parts"] = [];
  const items: (Omit<ReportItem, "title" | "topic" | "text" | "footnotes"> & { lines: string[] })[] = [];
  const preambleLines: string[] = [];
  const closingLines: string[] = [];
  let current: { part: string; kind: PartKind } | null = null;
  let lastNumber = 0;
  let state: "preamble" | "body" | "closing" = "preamble";

  for (const line of lines) {
    if (state !== "closing" && /^\s*(Trên đây là|Nơi nhận\s*:)/i.test(line)) state = "closing";
    if (state === "closing") {
      closingLines.push(line);
      continue;
    }
    const part = matchPart(line, parts.length);
    if (part) {
      parts.push(part);
      current = { part: part.part, kind: part.kind };
      lastNumber = 0;
      state = "body";
      continue;
    }
    if (state === "preamble") {
      preambleLines.push(line);
      continue;
    }
    const item = ITEM_RE.exec(line);
    const n = item ? Number(item[1]) : 0;
    // A number that does not move forward (a list inside an item) is text of the current item.
    if (item && n > lastNumber && n <= lastNumber + 3) {
      items.push({ part: current?.part ?? "-", partKind: current?.kind ?? "other", number: n, lines: [item[2]] });
      lastNumber = n;
      continue;
    }
    const last = items[items.length - 1];
    if (last && last.part === (current?.part ?? "-")) last.lines.push(line);
    else if (line.trim())
      items.push({
        part: current?.part ?? "-",
        partKind: current?.kind ?? "other",
        number: ++lastNumber,
        lines: [line],
      });
  }

  const { title, rest } = titleOf(preambleLines);
  const strip = (s: string) => s.replace(new RegExp(`${FN_OPEN}\\d+${FN_CLOSE}`, "g"), "");
  const paragraphs = (ls: string[]) => ls.map(squeeze).filter(Boolean).join("\n");
  return {
    title: strip(title),
    preamble: strip(paragraphs(rest)),
    closing: strip(paragraphs(closingLines)),
    parts,
    text: paragraphs(lines).replace(new RegExp(`${FN_OPEN}(\\d+)${FN_CLOSE}`, "g"), "[$1]"),
    items: items.map((it) => {
      const body = paragraphs(it.lines);
      const notes: Footnote[] = [];
      for (const m of body.matchAll(new RegExp(`${FN_OPEN}(\\d+)${FN_CLOSE}`, "g"))) {
        const n = Number(m[1]);
        const note = footnotes.get(n);
        if (note !== undefined) notes.push({ n, text: note });
      }
      const clean = strip(body);
      const t = itemTitle(clean.split("\n")[0]);
      return {
        part: it.part,
        partKind: it.partKind,
        number: it.number,
        title: t,
        topic: classifyTopic(t, clean),
        text: clean,
        footnotes: notes,
      };
    }),
  };
}
