/**
 * A report's text → everything read out of it: structure, cited documents, stated figures, coverage,
 * and the commune and period it names.
 */
import { parseStructure, type ReportItem, type ReportStructure } from "./structure";
import { extractReferences, type Reference } from "./references";
import { extractFigures, type StatedFigure } from "./figures";
import { guessPeriod, guessUnits, type PeriodGuess, type UnitGuess } from "./header";
import { TOPICS, type Topic } from "./topics";

export interface ItemRef {
  part: string;
  number: number;
}

export interface ParsedReport extends ReportStructure {
  references: (Reference & { at: ItemRef | null })[];
  figures: (StatedFigure & { at: ItemRef | null })[];
  /** Topics of the plan that no item of part I (results) covers. */
  missingTopics: Topic[];
  /** Words written per topic in the results part. */
  wordsByTopic: Partial<Record<Topic, number>>;
  period: PeriodGuess | null;
  units: UnitGuess[];
}

function locate<T>(
  items: ReportItem[],
  extract: (text: string) => T[],
  preamble: string,
  closing: string,
): (T & { at: ItemRef | null })[] {
  const out: (T & { at: ItemRef | null })[] = [];
  for (const x of extract(preamble)) out.push({ ...x, at: null });
  for (const it of items) {
    const inNotes = it.footnotes.map((f) => f.text).join("\n");
    for (const x of extract(`${it.text}\n${inNotes}`)) out.push({ ...x, at: { part: it.part, number: it.number } });
  }
  for (const x of extract(closing)) out.push({ ...x, at: null });
  return out;
}

/**
 * Parse a report's text (already Unicode).
 * @example parseReport(seedText).items.filter((i) => i.part === "I").map((i) => i.topic)
 *   → ["direction", "propaganda", "emulation", "admin_reform", "discipline", "reception", "coordination"]
 */
export function parseReport(text: string): ParsedReport {
  const s = parseStructure(text);
  const refs = locate(s.items, extractReferences, s.preamble, s.closing);
  const seen = new Set<string>();
  const references = refs.filter((r) => {
    const key = `${r.kind.toLowerCase()}|${r.number}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const figures = locate(s.items, extractFigures, s.preamble, "");
  const results = s.items.filter((i) => i.partKind === "results");
  const wordsByTopic: Partial<Record<Topic, number>> = {};
  for (const it of results)
    wordsByTopic[it.topic] = (wordsByTopic[it.topic] ?? 0) + it.text.split(/\s+/).filter(Boolean).length;
  const missingTopics = TOPICS.filter((t) => !wordsByTopic[t]);
  const head = `${s.title}\n${s.preamble}`;
  return {
    ...s,
    references,
    figures,
    missingTopics,
    wordsByTopic,
    period: guessPeriod(s.title) ?? guessPeriod(head) ?? guessPeriod(s.closing),
    units: guessUnits(`${head}\n${s.closing}`).concat(guessUnits(s.title)),
  };
}
