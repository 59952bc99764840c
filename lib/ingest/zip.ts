/**
 * Bounded reading of a zip (an .xlsx workbook): the central directory is read first, so a part that
 * declares more inflated bytes than allowed is refused before anything is inflated; while inflating,
 * the bytes are counted again (a zip may lie about its sizes) and reading stops at the limit.
 */
import yauzl from "yauzl";
import { limitExceeded, type LimitName } from "./limits";

export interface ZipReader {
  /** Part names (e.g. `xl/worksheets/sheet1.xml`) → their declared inflated size. */
  sizes: Map<string, number>;
  /** The part's inflated bytes, streamed; throws `too_large` past `max` bytes or past the shared budget. */
  read(name: string, max: number, limit: LimitName): AsyncGenerator<Buffer>;
  close(): void;
}

/** Inflated bytes left for the whole workbook, shared by every part read from it. */
export interface InflateBudget {
  left: number;
  total: number;
}

/**
 * Open a zip held in memory (its compressed size is bounded by the caller).
 * @throws a plain Error when the bytes are not a readable zip; `too_large` when the directory declares
 *   more than `budget.total` inflated bytes in all
 * @example const zip = await openZip(bytes, { left: 300e6, total: 300e6 }); for await (const b of
 * zip.read("xl/workbook.xml", 1e6, "xlsxMaxInflatedBytes")) …
 */
export async function openZip(buffer: Buffer, budget: InflateBudget): Promise<ZipReader> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
      err ? reject(err) : resolve(z!),
    ),
  );
  const entries = new Map<string, yauzl.Entry>();
  let declared = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      declared += entry.uncompressedSize;
      // Tens of thousands of parts is not a workbook; stop reading the directory.
      if (entries.size > 10_000) return reject(new Error("too many parts"));
      entries.set(entry.fileName.replace(/^\/+/, ""), entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  if (declared > budget.total) {
    zip.close();
    throw limitExceeded("xlsxMaxInflatedBytes", budget.total);
  }
  const sizes = new Map([...entries].map(([name, e]) => [name, e.uncompressedSize]));
  return {
    sizes,
    async *read(name, max, limit) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`missing part ${name}`);
      if (entry.uncompressedSize > max) throw limitExceeded(limit, max);
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s!))),
      );
      let seen = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          seen += chunk.length;
          budget.left -= chunk.length;
          if (seen > max) throw limitExceeded(limit, max);
          if (budget.left < 0) throw limitExceeded("xlsxMaxInflatedBytes", budget.total);
          yield chunk;
        }
      } finally {
        (stream as unknown as { destroy(): void }).destroy();
      }
    },
    close: () => zip.close(),
  };
}
