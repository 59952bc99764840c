/**
 * An uploaded report file → its text. .docx (mammoth), .doc (word-extractor), .pdf with a text layer
 * (unpdf), .txt/.md in the encodings of the import contract (lib/ingest/decode.ts); text typed in the
 * legacy TCVN3 (.VnTime) or VNI fonts is converted to Unicode with a warning.
 * Every failure becomes a ReportFileError with a Vietnamese message; nothing here throws anything else.
 * Compressed content is measured before a reader sees it (the inflated XML of a .docx, the decoded
 * streams of a PDF, counted while inflating, whatever the file declares): a bomb is refused with
 * `too_large` before it can fill memory. The whole runs in the upload worker (lib/ingest/worker), whose
 * heap cap and time limit catch what gets past these checks.
 */
import zlib from "node:zlib";
import { decode } from "@/lib/ingest/decode";
import { openZip } from "@/lib/ingest/zip";
import { AppError } from "@/lib/errors";
import iconv from "iconv-lite";
import { toUnicode, type LegacyFont } from "./legacy-fonts";
import { reportContentTooLarge, reportFileError, type ReportFileError } from "./errors";

export type ReportFormat = "docx" | "doc" | "pdf" | "txt";

export interface ExtractedText {
  text: string;
  format: ReportFormat;
  legacyFont: LegacyFont | null;
  /** Encoding of a text file, for the record. */
  encoding: string | null;
}

/** Largest text kept from one report (a real report is 5–50 thousand characters). */
export const MAX_TEXT_CHARS = 2_000_000;
/** Largest uncompressed content of a .docx as its zip directory declares it (images included). */
const MAX_DOCX_UNZIPPED = 200 * 1024 * 1024;
/** Largest inflated XML of a .docx, counted while inflating (a real report has well under 5 MB). */
export const MAX_DOCX_XML_MB = 16;
/** Largest decoded content of a PDF's non-image streams (page contents, fonts), counted while inflating. */
export const MAX_PDF_DECODED_MB = 48;
const MAX_PDF_PAGES = 300;

function formatOf(bytes: Uint8Array, fileName: string): ReportFormat | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return "pdf";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return ext === "docx" || ext === "docm" ? "docx" : ext === "doc" ? "docx" : ext === "" ? "docx" : null;
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "doc";
  if (["txt", "md", "text", ""].includes(ext)) return "txt";
  return null;
}

/** mammoth's HTML → text: paragraphs as lines, footnote references and notes as [footnoteRef:n] / [n: …]. */
export function htmlToText(html: string): string {
  const notes: string[] = [];
  let body = html.replace(/<ol>\s*(<li id="footnote-\d+">[\s\S]*?<\/li>\s*)+<\/ol>\s*$/u, (list) => {
    for (const m of list.matchAll(/<li id="footnote-(\d+)">([\s\S]*?)<\/li>/g))
      notes.push(`[${m[1]}: ${m[2].replace(/<a href="#footnote-ref-\d+">[^<]*<\/a>/g, "")}]`);
    return "";
  });
  body = body.replace(/<sup><a href="#footnote-(\d+)" id="footnote-ref-\d+">\[\d+\]<\/a><\/sup>/g, "[footnoteRef:$1]");
  const text = (body + "\n" + notes.join("\n"))
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<\/(p|h[1-6]|li|tr|table)>/g, "\n")
    .replace(/<\/td>/g, "\t")
    .replace(/<[^>]+>/g, "");
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * The .docx's XML parts inflated once, counting bytes (the sizes a zip declares may lie), so that a bomb
 * is refused before mammoth builds a document from it; images are not inflated (nor read by mammoth).
 */
async function checkDocx(bytes: Uint8Array): Promise<void> {
  const max = MAX_DOCX_XML_MB * 1024 * 1024;
  const tooLarge = (e: unknown) => e instanceof AppError && e.code === "too_large";
  let zip: Awaited<ReturnType<typeof openZip>>;
  try {
    zip = await openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      left: max,
      total: MAX_DOCX_UNZIPPED,
    });
  } catch (e) {
    throw tooLarge(e)
      ? reportContentTooLarge("docx", MAX_DOCX_UNZIPPED >> 20)
      : reportFileError("file_unreadable", "docx");
  }
  try {
    if (!zip.sizes.has("word/document.xml")) throw reportFileError("file_unreadable", "docx");
    for (const name of zip.sizes.keys()) {
      if (!/\.(xml|rels)$/i.test(name)) continue;
      for await (const chunk of zip.read(name, max, "xlsxMaxInflatedBytes")) void chunk;
    }
  } catch (e) {
    if (isReportFileError(e)) throw e;
    // Past the budget, or more bytes than the directory declared (a lying bomb): refused unread.
    throw tooLarge(e) || /too many bytes/i.test(String((e as Error)?.message))
      ? reportContentTooLarge("docx", MAX_DOCX_XML_MB)
      : reportFileError("file_unreadable", "docx");
  } finally {
    zip.close();
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  await checkDocx(bytes);
  const mammoth = (await import("mammoth")).default;
  const { value } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    // Images are left unread: the text is all a report needs, and a photo would be base64 in the HTML.
    { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
  );
  return htmlToText(value);
}

async function docText(bytes: Uint8Array): Promise<string> {
  const WordExtractor = (await import("word-extractor")).default;
  const doc = await new WordExtractor().extract(Buffer.from(bytes));
  const notes = doc.getFootnotes().trim();
  return doc.getBody() + (notes ? `\n${notes}` : "");
}

/**
 * A PDF's FlateDecode streams other than images (page contents, fonts, object streams) inflated once with
 * a running budget, so that a deflate bomb is refused before pdf.js decodes it (its buffers lie outside
 * the worker's heap cap). A stream that does not inflate is left to pdf.js to judge.
 */
export function checkPdfStreams(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let left = MAX_PDF_DECODED_MB * 1024 * 1024;
  let at = 0;
  for (;;) {
    const s = buf.indexOf("stream", at, "latin1");
    if (s < 0) return;
    at = s + 6;
    if (s >= 3 && buf.toString("latin1", s - 3, s) === "end") continue;
    let start = s + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const before = buf.toString("latin1", Math.max(0, s - 4096), s);
    const dict = before.slice(Math.max(0, before.lastIndexOf(" obj")));
    const end = buf.indexOf("endstream", start, "latin1");
    const stop = end < 0 ? buf.length : end;
    at = Math.max(at, stop);
    if (!/\/FlateDecode/.test(dict) || /\/Subtype\s*\/Image/.test(dict)) continue;
    try {
      left -= zlib.inflateSync(buf.subarray(start, stop), {
        maxOutputLength: Math.max(1, left + 1),
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      }).length;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") left = -1;
    }
    if (left < 0) throw reportContentTooLarge("pdf", MAX_PDF_DECODED_MB);
  }
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  checkPdfStreams(bytes);
  const { getDocumentProxy, extractText } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  if (pdf.numPages > MAX_PDF_PAGES) throw reportFileError("file_unreadable", "pdf");
  const { text } = await extractText(pdf, { mergePages: false });
  return (text as string[]).join("\n");
}

/** Plain text: the import contract's encodings; a Windows-1258 guess is re-read as Windows-1252 when that is legacy-font text. */
function plainText(bytes: Uint8Array): { text: string; encoding: string } {
  const d = decode(bytes);
  if (d.encoding === "windows-1258") {
    const latin = iconv.decode(Buffer.from(bytes), "windows1252");
    if (toUnicode(latin).font) return { text: latin, encoding: "windows-1252" };
  }
  return { text: d.text, encoding: d.encoding };
}

/**
 * Read a report file. Throws ReportFileError (unsupported type, unreadable, no text layer, empty).
 * @example await extractText(fs.readFileSync("seed.txt"), "seed.txt") → { text: "…", format: "txt", legacyFont: null, encoding: "utf-8" }
 */
export async function extractText(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
  const format = formatOf(bytes, fileName);
  if (!format) throw reportFileError("file_type_unsupported", fileName.split(".").pop() ?? "");
  let raw: string;
  let encoding: string | null = null;
  try {
    if (format === "docx") raw = await docxText(bytes);
    else if (format === "doc") raw = await docText(bytes);
    else if (format === "pdf") raw = await pdfText(bytes);
    else ({ text: raw, encoding } = plainText(bytes));
  } catch (err) {
    if (isReportFileError(err)) throw err;
    throw reportFileError("file_unreadable", format);
  }
  raw = raw.normalize("NFC");
  if (raw.length > MAX_TEXT_CHARS) raw = raw.slice(0, MAX_TEXT_CHARS);
  const letters = (raw.match(/\p{L}/gu) ?? []).length;
  if (letters < 50) throw reportFileError(format === "pdf" ? "pdf_no_text" : "file_empty", format);
  const { text, font } = toUnicode(raw);
  return { text, format, legacyFont: font, encoding };
}

function isReportFileError(err: unknown): err is ReportFileError {
  return err instanceof Error && err.name === "ReportFileError";
}
