import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages } from "./index";

/** app/fonts.css: the web font's faces, each with its weight, file and unicode-range. */
function faces() {
  const css = fs.readFileSync(path.join(process.cwd(), "app", "fonts.css"), "utf8");
  return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map((m) => {
    const body = m[1];
    const ranges = body
      .match(/unicode-range:([^;]*);/)![1]
      .split(",")
      .map((r) => r.trim().replace(/^U\+/, ""))
      .map((r) => {
        const [a, b] = r.split("-");
        return [parseInt(a, 16), parseInt(b ?? a, 16)] as const;
      });
    const [min, max = min] = body
      .match(/font-weight:\s*(\d+)(?:\s+(\d+))?/)!
      .slice(1)
      .filter(Boolean)
      .map(Number);
    return {
      weights: [min, max] as const,
      file: body.match(/url\("([^"]+)"\)/)![1],
      ranges,
    };
  });
}

function strings(node: unknown): string[] {
  return typeof node === "string" ? [node] : Object.values(node as object).flatMap(strings);
}

describe("web font", () => {
  it("loads only the latin and vietnamese subsets, and they cover every letter of the UI in both languages", () => {
    const all = faces();
    // Two weights: the 600 files also draw bold (700), as a range, so no 700 file is fetched.
    expect(all.map((f) => [path.basename(f.file), f.weights.join("-")]).sort()).toEqual(
      [
        ["400", "400-400"],
        ["600", "600-700"],
      ]
        .flatMap(([w, range]) => [
          [`be-vietnam-pro-latin-${w}-normal.woff2`, range],
          [`be-vietnam-pro-vietnamese-${w}-normal.woff2`, range],
        ])
        .sort(),
    );
    for (const f of all) expect(fs.existsSync(path.join(process.cwd(), "app", f.file)), f.file).toBe(true);
    // Letters (not symbols such as ✓ ◐ ⚠ → that the system font draws) of every message, per weight.
    const letters = new Set([...strings(messages.vi), ...strings(messages.en)].join("").normalize("NFC"));
    for (const weight of [400, 600, 700]) {
      const ranges = all.filter((f) => f.weights[0] <= weight && weight <= f.weights[1]).flatMap((f) => f.ranges);
      const missing = [...letters].filter(
        (ch) => /\p{L}/u.test(ch) && !ranges.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b),
      );
      expect(missing, `weight ${weight}`).toEqual([]);
    }
  });
});
