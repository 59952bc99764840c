import iconv from "iconv-lite";
import { describe, expect, test } from "vitest";
import { decode, detectEncoding, encodeText, TextChunker } from "./decode";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("detectEncoding", () => {
  test("a BOM decides", () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), true)).toBe("utf-8-bom");
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), true)).toBe("utf-16le");
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0x00, 0x41]), true)).toBe("utf-16be");
  });

  test("valid UTF-8 without BOM is UTF-8, anything else Windows-1258", () => {
    expect(detectEncoding(utf8("Xã Trà Tân"), true)).toBe("utf-8");
    expect(detectEncoding(utf8("ASCII only"), true)).toBe("utf-8");
    expect(detectEncoding(new Uint8Array([0x58, 0xe3, 0x20, 0x54, 0x72, 0xe0]), true)).toBe("windows-1258");
  });

  test("a multi-byte character cut at the end of a stream prefix is not invalid", () => {
    const bytes = utf8("Trà");
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), false)).toBe("utf-8");
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), true)).toBe("windows-1258");
  });
});

describe("decode", () => {
  test("Windows-1258 tone marks are combining characters; the text comes out NFC", () => {
    // "Thị trấn" as Excel writes it in Windows-1258: i + U+0323 (0xF2), â (0xE2) + U+0301 (0xEC).
    const bytes = new Uint8Array([0x54, 0x68, 0x69, 0xf2, 0x20, 0x74, 0x72, 0xe2, 0xec, 0x6e]);
    const r = decode(bytes);
    expect(r).toEqual({ text: "Thị trấn", encoding: "windows-1258", errors: [] });
    expect(r.text).toBe("Th\u1ecb tr\u1ea5n");
  });

  test("BOMs are dropped and line breaks become LF", () => {
    expect(decode(encodeText("a;b\r\nc;d\re\n", "utf-8-bom")).text).toBe("a;b\nc;d\ne\n");
    expect(decode(encodeText("Xã\r\nTrà", "utf-16le"))).toEqual({ text: "Xã\nTrà", encoding: "utf-16le", errors: [] });
    expect(decode(encodeText("Xã\r\nTrà", "utf-16be"))).toEqual({ text: "Xã\nTrà", encoding: "utf-16be", errors: [] });
  });

  test("decomposed UTF-8 (macOS) is normalized to NFC", () => {
    expect(decode(utf8("Tra\u0300 Ta\u0302\u0301n")).text).toBe("Trà Tấn");
  });

  test("undecodable bytes are an error naming the line, once per line", () => {
    const bytes = new Uint8Array([...utf8("\uFEFFa\nb"), 0xff, 0xfe, ...utf8("\r\nc\nd"), 0xc3]);
    const r = decode(bytes);
    expect(r.encoding).toBe("utf-8-bom");
    expect(r.errors.map((e) => [e.line, e.code, e.column])).toEqual([
      [2, "encoding_invalid", null],
      [4, "encoding_invalid", null],
    ]);
    expect(r.errors[0].messageVi).toBe(
      'Dòng 2: có byte không đọc được theo bảng mã UTF-8. Hãy lưu tệp dưới dạng "CSV UTF-8".',
    );
    expect(r.errors[0].messageEn).toBe(
      'Line 2: contains bytes that are not valid UTF-8. Save the file as "CSV UTF-8".',
    );
  });

  test("bytes without a Windows-1258 character are errors too", () => {
    const bytes = new Uint8Array([...encodeText("Xã\r\nTrà ", "windows-1258"), 0x81, 0x0d, 0x0a]);
    expect(decode(bytes).errors.map((e) => e.line)).toEqual([2]);
  });

  test("a NUL (UTF-16 without BOM) is reported, not stored", () => {
    const r = decode(new Uint8Array([0x61, 0x00, 0x0a, 0x00]));
    expect(r.errors.map((e) => e.line)).toEqual([1, 2]);
  });

  test("an odd trailing byte of UTF-16 is an error on the last line", () => {
    const bytes = new Uint8Array([...encodeText("a\nb", "utf-16le"), 0x41]);
    expect(decode(bytes).errors.map((e) => e.line)).toEqual([2]);
  });
});

describe("TextChunker", () => {
  const feed = (bytes: Uint8Array, sizes: number[]) => {
    const bad: number[] = [];
    const c = new TextChunker(detectEncoding(bytes, true), (l) => bad.push(l));
    const pieces: string[] = [];
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const n = sizes[i % sizes.length];
      pieces.push(c.push(bytes.subarray(at, at + n)));
      at += n;
    }
    pieces.push(c.end());
    return { pieces, bad };
  };

  test("pieces end at line breaks, so NFC and CRLF never straddle two pieces", () => {
    // 1-byte pieces split every multi-byte character, every CRLF and every base+mark pair.
    const bytes = encodeText("Xã Trà Tân\r\nThị trấn\r\n\r\nlast", "windows-1258");
    const { pieces, bad } = feed(bytes, [1]);
    expect(pieces.join("")).toBe("Xã Trà Tân\nThị trấn\n\nlast");
    expect(pieces.filter((p) => p !== "")).toEqual(["Xã Trà Tân\n", "Thị trấn\n", "\n", "last"]);
    expect(bad).toEqual([]);
  });

  test("line numbers of bad bytes stay exact across pieces", () => {
    const bytes = new Uint8Array([...utf8("\uFEFFa\r\nb\r\nc"), 0xff, ...utf8("\r\nd"), 0xff]);
    expect(feed(bytes, [3, 1, 2]).bad).toEqual([3, 4]);
  });

  test("old Mac CR line breaks", () => {
    expect(feed(utf8("a\rb\rc"), [2]).pieces.join("")).toBe("a\nb\nc");
  });
});

describe("encodeText", () => {
  test("Windows-1258 writes letters without a code point of their own as base + tone mark", () => {
    expect([...encodeText("ấự", "windows-1258")]).toEqual([0xe2, 0xec, 0xfd, 0xf2]);
    expect([...encodeText("Đà", "windows-1258")]).toEqual([0xd0, 0xe0]);
    expect(iconv.decode(Buffer.from(encodeText("Trà Bồng", "windows-1258")), "windows1258").normalize("NFC")).toBe(
      "Trà Bồng",
    );
  });

  test("characters Windows-1258 lacks are refused", () => {
    expect(() => encodeText("中", "windows-1258")).toThrow(/Windows-1258/);
  });

  test("UTF-16 and UTF-8 with BOM start with their BOM", () => {
    expect([...encodeText("A", "utf-16le")]).toEqual([0xff, 0xfe, 0x41, 0x00]);
    expect([...encodeText("A", "utf-16be")]).toEqual([0xfe, 0xff, 0x00, 0x41]);
    expect([...encodeText("A", "utf-8-bom")]).toEqual([0xef, 0xbb, 0xbf, 0x41]);
  });
});
