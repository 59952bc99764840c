/**
 * Recycled text: the share of an item's words that sit in runs of five or more words also found in a
 * source text (another item of the same report, the commune's previous report, a neighbour's report).
 */
import { wordsWithOffsets } from "./text";

/** Shingle length in words: five words in the same order rarely repeat by chance. */
export const SHINGLE = 5;
/** An item counts as recycled from another item of its report from this share of its words on. */
export const MIN_SHARE = 0.3;
/**
 * Against other reports the bar is higher: communes write to one plan with the same topic titles and
 * stock phrases, which alone overlap by a fifth to two fifths; a copied item overlaps by more than half.
 */
export const MIN_SHARE_OTHER_REPORT = 0.5;
const MIN_WORDS = 8;

export interface Repeat<S> {
  source: S;
  /** Share (0–1) of the item's words inside passages found in the source. */
  share: number;
  /** Character ranges [start, end) of the repeated passages in the item's text. */
  ranges: [number, number][];
}

function shingles(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + SHINGLE <= words.length; i++) out.push(words.slice(i, i + SHINGLE).join(" "));
  return out;
}

/** An index of candidate texts by their shingles, searched for each item. */
export class ShingleIndex<S> {
  private readonly bySh = new Map<string, number[]>();
  private readonly sources: S[] = [];

  add(source: S, text: string): void {
    const id = this.sources.push(source) - 1;
    for (const sh of new Set(shingles(wordsWithOffsets(text).map((w) => w.word)))) {
      const list = this.bySh.get(sh);
      if (list) list.push(id);
      else this.bySh.set(sh, [id]);
    }
  }

  get size(): number {
    return this.sources.length;
  }

  /**
   * The source sharing the most of `text` (at least `minShare` of its words), or null.
   * @example an item repeating another almost word for word → { share: 0.97, ranges: [[0, 400]] }
   */
  best(text: string, minShare = MIN_SHARE): Repeat<S> | null {
    const words = wordsWithOffsets(text);
    if (words.length < MIN_WORDS) return null;
    const sh = shingles(words.map((w) => w.word));
    const hits = new Map<number, number[]>();
    sh.forEach((s, i) => {
      for (const id of this.bySh.get(s) ?? []) {
        const list = hits.get(id);
        if (list) list.push(i);
        else hits.set(id, [i]);
      }
    });
    let best: Repeat<S> | null = null;
    for (const [id, starts] of hits) {
      const covered = new Uint8Array(words.length);
      for (const i of starts) covered.fill(1, i, i + SHINGLE);
      const n = covered.reduce((a, b) => a + b, 0);
      const share = n / words.length;
      if (n < MIN_WORDS || share < minShare || (best && share <= best.share)) continue;
      const ranges: [number, number][] = [];
      for (let i = 0; i < words.length; i++) {
        if (!covered[i]) continue;
        let j = i;
        while (j + 1 < words.length && covered[j + 1]) j++;
        ranges.push([words[i].start, words[j].end]);
        i = j;
      }
      best = { source: this.sources[id], share: Math.round(share * 1000) / 1000, ranges };
    }
    return best;
  }
}
