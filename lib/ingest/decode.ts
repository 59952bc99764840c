/**
 * Bytes → NFC text. Detects UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, what Excel's
 * "Unicode text" writes) and Windows-1258 (Excel "CSV" on Vietnamese Windows, tone marks as
 * combining characters). Undecodable bytes become errors naming their physical line.
 */
import iconv from "iconv-lite";
import { messages } from "./messages";
import { makeIssue } from "./issues";
import type { IngestError, TextEncodingName } from "./types";

/** Encoding names as shown in messages. */
export const ENCODING_LABEL: Record<TextEncodingName, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1258": "Windows-1258",
};

/**
 * Pick the encoding from a file's first bytes. A BOM decides; otherwise text that is valid UTF-8 is
 * UTF-8 and anything else is taken for Windows-1258, the only other encoding Vietnamese Excel writes.
 * @param complete whether `prefix` is the whole file (a multi-byte character may be cut at its end otherwise)
 * @example detectEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), true) → "utf-16le"
 */
export function detectEncoding(prefix: Uint8Array, complete: boolean): TextEncodingName {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return "utf-8-bom";
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return "utf-16le";
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(prefix, { stream: !complete });
    return "utf-8";
  } catch {
    return "windows-1258";
  }
}

/** Incremental byte → string decoding for one encoding; a BOM is dropped. */
function byteDecoder(encoding: TextEncodingName): { write(b: Uint8Array): string; end(): string } {
  if (encoding === "windows-1258") {
    const d = iconv.getDecoder("windows1258");
    return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? "" };
  }
  const label = encoding === "utf-16le" ? "utf-16le" : encoding === "utf-16be" ? "utf-16be" : "utf-8";
  // Not fatal: a bad byte becomes U+FFFD, which the chunker reports with its line number.
  const d = new TextDecoder(label, { fatal: false, ignoreBOM: false });
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

/**
 * Streaming decoder. Returns text in pieces that end at a line break, so that NFC never sees a base
 * letter and its combining mark in different pieces and line numbers stay exact. Line breaks
 * (CRLF, CR, LF) come out as LF: one break per physical line, also inside quoted CSV cells.
 */
export class TextChunker {
  readonly encoding: TextEncodingName;
  private readonly decoder: { write(b: Uint8Array): string; end(): string };
  private pending = "";
  /** Physical line number (1-based) at which the next returned piece starts. */
  private line = 1;

  /** @param onBadLine called once for each line holding an undecodable byte (U+FFFD) or a NUL */
  constructor(
    encoding: TextEncodingName,
    private readonly onBadLine: (line: number) => void,
  ) {
    this.encoding = encoding;
    this.decoder = byteDecoder(encoding);
  }

  push(bytes: Uint8Array): string {
    this.pending += this.decoder.write(bytes);
    let end = this.pending.length;
    // A trailing CR may be the first half of CRLF: keep it until the next piece.
    if (this.pending.endsWith("\r")) end--;
    // lastIndexOf clamps a negative start to 0 and would find that very CR.
    if (end <= 0) return "";
    const cut = Math.max(this.pending.lastIndexOf("\n", end - 1), this.pending.lastIndexOf("\r", end - 1)) + 1;
    if (cut <= 0) return "";
    const head = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return this.emit(head);
  }

  end(): string {
    const rest = this.pending + this.decoder.end();
    this.pending = "";
    return rest ? this.emit(rest) : "";
  }

  private emit(raw: string): string {
    const text = raw.replace(/\r\n?/g, "\n").normalize("NFC");
    // Several bad bytes on one line make one error, not one per byte.
    const bad = /[\uFFFD\u0000]/g;
    let line = this.line;
    let pos = 0;
    let reported = 0;
    for (let m = bad.exec(text); m !== null; m = bad.exec(text)) {
      line += countLf(text, pos, m.index);
      pos = m.index;
      if (line !== reported) this.onBadLine(line);
      reported = line;
    }
    this.line += countLf(text, 0, text.length);
    return text;
  }
}

function countLf(s: string, from: number, to: number): number {
  let c = 0;
  for (let i = s.indexOf("\n", from); i !== -1 && i < to; i = s.indexOf("\n", i + 1)) c++;
  return c;
}

export interface DecodeResult {
  /** NFC text without BOM, line breaks as LF. */
  text: string;
  encoding: TextEncodingName;
  /** One `encoding_invalid` error per line holding undecodable bytes. */
  errors: IngestError[];
}

/** The error for a line with undecodable bytes (shared by `decode` and the streaming pipeline). */
export function encodingError(line: number, encoding: TextEncodingName): IngestError {
  return makeIssue(
    { line, column: null },
    "encoding_invalid",
    null,
    messages.encoding_invalid({ encoding: ENCODING_LABEL[encoding] }),
  );
}

/**
 * Decode a whole file.
 * @example decode(new Uint8Array([0x58, 0xe3, 0x20, 0x54, 0x72, 0xe0])) → { text: "Xă Trà", encoding: "windows-1258", errors: [] }
 */
export function decode(bytes: Uint8Array): DecodeResult {
  const encoding = detectEncoding(bytes, true);
  const errors: IngestError[] = [];
  const chunker = new TextChunker(encoding, (line) => errors.push(encodingError(line, encoding)));
  const text = chunker.push(bytes) + chunker.end();
  return { text, encoding, errors };
}

/** Vietnamese tone marks: Windows-1258 writes them as separate combining bytes. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

function cp1258Byte(ch: string): number | null {
  const b = iconv.encode(ch, "windows1258");
  return b.length === 1 && (b[0] !== 0x3f || ch === "?") ? b[0] : null;
}

/**
 * Text → bytes in one of the supported encodings, as the corresponding Excel export would write
 * them (a BOM for `utf-8-bom` and UTF-16). Used by tests and fixtures; Windows-1258 letters without
 * a code point of their own (ấ, ự, …) are written as base letter + combining tone mark.
 * @throws when the text holds a character Windows-1258 cannot represent
 */
export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  switch (encoding) {
    case "utf-8":
      return new TextEncoder().encode(text);
    case "utf-8-bom":
      return new TextEncoder().encode("\uFEFF" + text);
    case "utf-16le":
      return new Uint8Array(iconv.encode("\uFEFF" + text, "utf16le"));
    case "utf-16be":
      return new Uint8Array(iconv.encode("\uFEFF" + text, "utf16be"));
    case "windows-1258": {
      const out: number[] = [];
      for (const ch of text.normalize("NFC")) {
        const direct = cp1258Byte(ch);
        if (direct !== null) {
          out.push(direct);
          continue;
        }
        const parts = ch.normalize("NFD");
        const tones = parts.match(TONE_MARKS) ?? [];
        const base = parts.replace(TONE_MARKS, "").normalize("NFC");
        for (const c of [base, ...tones]) {
          const b = cp1258Byte(c);
          if (b === null) throw new Error(`Not representable in Windows-1258: ${JSON.stringify(ch)}`);
          out.push(b);
        }
      }
      return new Uint8Array(out);
    }
  }
}
