import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages as all } from "./index";
import { CLIENT_NAMESPACES, pickMessages } from "./client-messages";

/** Every "use client" file under app/, recursively. */
function clientFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return clientFiles(p);
    if (!/\.tsx?$/.test(e.name)) return [];
    return fs.readFileSync(p, "utf8").startsWith('"use client"') ? [p] : [];
  });
}

describe("client messages", () => {
  it("picks nested namespaces and nothing else", () => {
    const picked = pickMessages({ a: { b: "x", c: "y" }, d: "z", e: { f: "w" } }, ["a.b", "e", "missing.key"]);
    expect(picked).toEqual({ a: { b: "x" }, e: { f: "w" } });
  });

  it("covers every namespace a client component reads", () => {
    const used = new Set<string>();
    for (const f of clientFiles(path.join(process.cwd(), "app"))) {
      const src = fs.readFileSync(f, "utf8");
      // A namespace not given as a literal could not be checked here: there must be none.
      expect(src.match(/useTranslations\((?!")/g), f).toBeNull();
      for (const m of src.matchAll(/useTranslations\("([\w.]+)"\)/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(0);
    for (const ns of used)
      expect(
        CLIENT_NAMESPACES.some((c) => ns === c || ns.startsWith(`${c}.`)),
        `${ns} is read by a client component`,
      ).toBe(true);
    // Every namespace listed exists, and the browser gets less than the whole catalogue.
    const picked = pickMessages(all.vi as never);
    for (const ns of CLIENT_NAMESPACES) {
      let node: unknown = picked;
      for (const k of ns.split(".")) node = (node as Record<string, unknown>)[k];
      expect(node, ns).toBeDefined();
    }
    expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(all.vi).length);
  });
});
