import { describe, expect, it } from "vitest";
import { messages } from "./index";

const vi = messages.vi;
const en = messages.en;

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  const v = flatten(vi as unknown as Tree);
  const e = flatten(en as unknown as Tree);
  it("have the same keys in both languages", () => {
    expect([...e.keys()].sort()).toEqual([...v.keys()].sort());
  });
  it("use the same placeholders in both languages, and no string is empty", () => {
    for (const [key, text] of v) {
      expect(text.trim(), key).not.toBe("");
      expect(placeholders(e.get(key)!), key).toEqual(placeholders(text));
    }
  });
});
