/**
 * An uploaded report file → its text. .docx (mammoth), .doc (word-extractor), .pdf with a text layer
 * (unpdf), .txt/.md in the encodings of the import contract (lib/ingest/decode.ts); text typed in the
 * legacy TCVN3 (.VnTime) or VNI fonts is converted to Unicode with a warning.
 * Every failure becomes a ReportFileError with a Vietnamese message; nothing here throws anything else.
 */
import { decode } from "@/lib/ingest/decode";
import iconv from "iconv-lite";
import { toUnicode, type LegacyFont } from "./legacy-fonts";
import { reportFileError, type ReportFileError } from "./errors";

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
/** Largest uncompressed content of a .docx (a zip bomb stops here). */
const MAX_DOCX_UNZIPPED = 200 * 1024 * 1024;
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

async function docxText(bytes: Uint8Array): Promise<string> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(bytes);
  let total = 0;
  zip.forEach((_p, f) => {
    total += (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  if (total > MAX_DOCX_UNZIPPED) throw reportFileError("file_unreadable", "docx");
  if (!zip.file("word/document.xml")) throw reportFileError("file_unreadable", "docx");
  const mammoth = (await import("mammoth")).default;
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return htmlToText(value);
}

async function docText(bytes: Uint8Array): Promise<string> {
  const WordExtractor = (await import("word-extractor")).default;
  const doc = await new WordExtractor().extract(Buffer.from(bytes));
  const notes = doc.getFootnotes().trim();
  return doc.getBody() + (notes ? `\n${notes}` : "");
}

async function pdfText(bytes: Uint8Array): Promise<string> {
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
