/** Property tests (fast-check): the parsers agree with their inverse on random inputs. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { quarterCode } from "../periods";
import { MAX_COUNT, parseCount } from "./counts";
import { CsvRowReader, parseCsv, type Delimiter } from "./csv";
import { decode, encodeText } from "./decode";
import { parsePeriodText, periodSpellings } from "./period-parse";
import type { TextEncodingName } from "./types";

/** Write an integer with a thousands separator every three digits ("" = none). */
function group(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

describe("counts", () => {
  test("any count written in any thousands style parses back to itself", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_COUNT }),
        fc.constantFrom("", ".", ",", " ", "\u00a0", "\u202f"),
        fc.constantFrom("", " ", "  "),
        (n, sep, pad) => {
          expect(parseCount(pad + group(n, sep) + pad)).toEqual({ kind: "ok", value: n });
          expect(parseCount(n)).toEqual({ kind: "ok", value: n });
        },
      ),
    );
  });

  test("a decimal with a point and one or two decimals is never taken for a count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 99 }), (n, d) => {
        expect(parseCount(`${n}.${d}`)).toEqual({ kind: "error", code: "value_decimal" });
      }),
    );
  });
});

/** Cells full of what makes CSV hard: quotes, all three delimiters, line breaks, Vietnamese. */
const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "Đ", "ấ", "ự", '"', ",", ";", "\t", "\n", " ", "1", "'", "=") }),
  fc.string({ unit: "grapheme" }),
);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

describe("CSV", () => {
  test("any fully quoted table round-trips, with exact physical line numbers, in any pieces", () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom<Delimiter>(",", ";", "\t"),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1 }),
        (rows, delimiter, sizes) => {
          const text = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(delimiter)).join("\n") + "\n";
          let line = 1;
          const expected = rows.map((cells) => {
            const row = { line, cells };
            line += 1 + cells.join("").split("\n").length - 1;
            return row;
          });
          expect(parseCsv(text, delimiter).rows).toEqual(expected);
          const reader = new CsvRowReader(delimiter);
          const streamed = [];
          for (let at = 0, i = 0; at < text.length; i++) {
            const n = sizes[i % sizes.length];
            streamed.push(...reader.push(text.slice(at, at + n)));
            at += n;
          }
          streamed.push(...reader.end());
          expect(streamed).toEqual(expected);
        },
      ),
    );
  });
});

describe("periods", () => {
  test("every spelling of any quarter, in any case, parses to its code", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 9999 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        (year, q, upper, decomposed) => {
          const code = quarterCode(year, q);
          for (const s of periodSpellings(code)) {
            const variant = (upper ? s.toUpperCase() : s.toLowerCase()).normalize(decomposed ? "NFD" : "NFC");
            expect([variant, parsePeriodText(variant)]).toEqual([variant, code]);
          }
        },
      ),
    );
  });
});

/** Every Vietnamese letter (all vowels with all tones, both cases), digits, spaces, punctuation, LF. */
const VIETNAMESE_CHARS = (() => {
  const vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
  const tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
  const letters = vowels.flatMap((v) => tones.map((t) => (v + t).normalize("NFC")));
  const all = [...letters, ..."bcdđghklmnpqrstvx", ..."0123456789", " ", ",", ";", ".", "(", ")", "-", "\n"];
  return [...new Set([...all, ...all.map((c) => c.toUpperCase())])];
})();
const vietnamese = fc.string({ unit: fc.constantFrom(...VIETNAMESE_CHARS), maxLength: 200 });

describe("encodings", () => {
  test.each<TextEncodingName>(["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1258"])(
    "decode(encode(text, %s)) is the NFC text",
    (encoding) => {
      fc.assert(
        fc.property(vietnamese, fc.boolean(), (text, decomposed) => {
          const input = decomposed ? text.normalize("NFD") : text;
          const r = decode(encodeText(input, encoding));
          expect(r.text).toBe(text.normalize("NFC"));
          expect(r.errors).toEqual([]);
        }),
      );
    },
  );

  test("Windows-1258 text with any Vietnamese letter is never mistaken for UTF-8", () => {
    fc.assert(
      fc.property(
        vietnamese.filter((t) => /[^\x00-\x7f]/.test(t)),
        (text) => {
          expect(decode(encodeText(text, "windows-1258")).encoding).toBe("windows-1258");
        },
      ),
    );
  });
});
