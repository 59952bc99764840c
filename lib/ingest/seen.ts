/**
 * Remembers which (commune, quarter, element) an upload has already given, and on which line, so
 * that a repeat can name both lines. This is the one piece of state that grows with the file, so it
 * is packed: in the common case (a wide row gives all elements of its commune-quarter at once) one
 * number per commune-quarter holds the line and a bit per element; only commune-quarters whose
 * elements come from several lines (long layouts) get an array of lines.
 */

/** 2^24: up to 24 element bits below the line number, still an exact double (lines < 2^29). */
const BITS = 2 ** 24;
const MAX_PACKED_ELEMENTS = 24;

export class SeenValues {
  private readonly packed = new Map<number, number>();
  private readonly spread = new Map<number, Int32Array>();

  constructor(private readonly elementCount: number) {}

  /**
   * Record a value; if its (commune-quarter, element) was seen before, return the earlier line instead.
   * @param key the commune-quarter as one integer
   * @param element the element's index in the catalogue
   * @example seen.check(k, 3, 5) → undefined; seen.check(k, 3, 9) → 5
   */
  check(key: number, element: number, line: number): number | undefined {
    const lines = this.spread.get(key);
    if (lines) {
      if (lines[element] !== 0) return lines[element];
      lines[element] = line;
      return undefined;
    }
    const p = this.packed.get(key);
    if (p === undefined) {
      if (this.elementCount <= MAX_PACKED_ELEMENTS) this.packed.set(key, line * BITS + 2 ** element);
      else this.spreadOut(key, 0, 0, element, line);
      return undefined;
    }
    const firstLine = Math.floor(p / BITS);
    const mask = p % BITS;
    if (Math.floor(mask / 2 ** element) % 2 === 1) return firstLine;
    if (firstLine === line) {
      this.packed.set(key, p + 2 ** element);
      return undefined;
    }
    this.packed.delete(key);
    this.spreadOut(key, mask, firstLine, element, line);
    return undefined;
  }

  private spreadOut(key: number, mask: number, maskLine: number, element: number, line: number): void {
    const lines = new Int32Array(this.elementCount);
    for (let i = 0; i < this.elementCount && i < MAX_PACKED_ELEMENTS; i++)
      if (Math.floor(mask / 2 ** i) % 2 === 1) lines[i] = maskLine;
    lines[element] = line;
    this.spread.set(key, lines);
  }
}
