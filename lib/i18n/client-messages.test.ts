import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messages as all } from "./index";
import {
  CLIENT_NAMESPACES,
  clientNamespaces,
  pickMessages,
  SECTION_CLIENT_NAMESPACES,
  SHARED_CLIENT_NAMESPACES,
  type ClientSection,
} from "./client-messages";

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

  it("gives each page the namespaces its client components read, through its section's layout", () => {
    const app = path.join(process.cwd(), "app");
    /** The section a file belongs to: the nearest layout.tsx above it that names one (<ClientMessages section="…">). */
    const sectionOf = (file: string): ClientSection | undefined => {
      for (let dir = path.dirname(file); dir.startsWith(app); dir = path.dirname(dir)) {
        const layout = path.join(dir, "layout.tsx");
        if (!fs.existsSync(layout)) continue;
        const m = fs.readFileSync(layout, "utf8").match(/<ClientMessages section="(\w+)"/);
        if (m) return m[1] as ClientSection;
      }
      return undefined;
    };
    /** The files a module imports by a relative path or @/app/, recursively. */
    const resolve = (from: string, spec: string): string | null => {
      const base = spec.startsWith("@/")
        ? path.join(process.cwd(), spec.slice(2))
        : path.resolve(path.dirname(from), spec);
      for (const c of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.ts")])
        if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
      return null;
    };
    const reach = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const m of fs.readFileSync(file, "utf8").matchAll(/from "((?:\.{1,2}\/|@\/app\/)[^"]+)"/g)) {
        const dep = resolve(file, m[1]);
        if (dep) reach(dep, seen);
      }
      return seen;
    };
    const read = (file: string) =>
      fs.readFileSync(file, "utf8").startsWith('"use client"')
        ? [...fs.readFileSync(file, "utf8").matchAll(/useTranslations\("([\w.]+)"\)/g)].map((m) => m[1])
        : [];
    const covered = (ns: string, given: readonly string[]) => given.some((c) => ns === c || ns.startsWith(`${c}.`));
    const entries = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "api" ? [] : entries(p);
        return /^(page|layout|error|loading|not-found)\.tsx$/.test(e.name) ? [p] : [];
      });
    let checked = 0;
    for (const entry of entries(app)) {
      const given = clientNamespaces(sectionOf(entry));
      for (const file of reach(entry))
        for (const ns of read(file)) {
          checked++;
          expect(
            covered(ns, given),
            `${path.relative(app, entry)} shows ${path.relative(app, file)}, which reads ${ns}`,
          ).toBe(true);
        }
    }
    expect(checked).toBeGreaterThan(10);
    // The sections' messages are not sent to the other pages.
    const shared = JSON.stringify(pickMessages(all.vi as never, SHARED_CLIENT_NAMESPACES));
    expect(shared).not.toContain(JSON.stringify((all.vi as never as { imports: { title: string } }).imports.title));
    expect(Object.keys(SECTION_CLIENT_NAMESPACES).sort()).toEqual([
      "account",
      "admin",
      "entry",
      "imports",
      "login",
      "reports",
      "setup",
    ]);
  });

  it("keeps the catalogue out of the browser's JavaScript: no client file imports lib/i18n's index", () => {
    // app/global-error.tsx is part of every page's bundle: importing "@/lib/i18n" there shipped all the
    // messages of both languages (78 KB) to every page.
    for (const f of clientFiles(path.join(process.cwd(), "app"))) {
      const src = fs.readFileSync(f, "utf8");
      expect(src, f).not.toMatch(/from "(@\/lib\/i18n|[./]+lib\/i18n)(\/index)?"/);
    }
  });
});
