/**
 * A process's bounded copies of what it stored in the shared caches (results: queries/result-cache.ts,
 * answers: response-cache.ts), least recently used out first, one set per database handle (versions of two
 * databases say nothing of each other), kept on globalThis because Next bundles each route with its own copy
 * of these modules. The caches decide what a copy is worth: each is checked against the current data
 * version on every read.
 */

/** Entries under a size budget; one entry never takes more than a quarter of it. */
export class SizedLru<V> {
  private entries = new Map<string, V>();
  private size = 0;
  constructor(
    private readonly max: number,
    private readonly sizeOf: (value: V) => number,
  ) {}
  /** The entry under `key`, now the most recently used. */
  get(key: string): V | undefined {
    if (this.max <= 0) return undefined;
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    if (this.sizeOf(value) > this.max / 4) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.size -= this.sizeOf(old);
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.size += this.sizeOf(value);
    this.trim();
  }
  /** `value`, held under `key`, has grown by `by` (in sizeOf's unit): the budget counts it. */
  grew(key: string, value: V, by: number): void {
    if (this.entries.get(key) !== value) return;
    this.size += by;
    this.trim();
  }
  clear(): void {
    this.entries.clear();
    this.size = 0;
  }
  private trim() {
    for (const [k, v] of this.entries) {
      if (this.size <= this.max) break;
      this.entries.delete(k);
      this.size -= this.sizeOf(v);
    }
  }
}

/**
 * One SizedLru per database handle under the global `name`, with a budget of `env[budgetVar]` MB (default
 * 64; 0 keeps nothing).
 */
export function copiesPerDatabase<V>(
  name: string,
  budgetVar: string,
  sizeOf: (value: V) => number,
): (db: object) => SizedLru<V> {
  const key = Symbol.for(name);
  return (db) => {
    const holder = globalThis as { [key]?: WeakMap<object, SizedLru<V>> };
    const byDb = (holder[key] ??= new WeakMap());
    let copies = byDb.get(db);
    if (!copies) {
      const mb = Number(process.env[budgetVar] ?? 64);
      byDb.set(db, (copies = new SizedLru<V>(Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : 0, sizeOf)));
    }
    return copies;
  };
}
