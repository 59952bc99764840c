/**
 * A minimal PDF writer for test fixtures: lines of Unicode text in a Type0 font with a ToUnicode map
 * (what Word's "Save as PDF" gives a text extractor), or a scan-like page holding only an image.
 */

function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const w of line.split(/(\s+)/)) {
    if ((cur + w).length > width && cur.trim()) {
      out.push(cur.trimEnd());
      cur = w.trimStart();
    } else cur += w;
  }
  if (cur.trim()) out.push(cur.trimEnd());
  return out.length ? out : [""];
}

export function writePdf(lines: string[], options: { scanned?: boolean } = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pages: string[][] = [];
  const visual = lines.flatMap((l) => wrap(l, 95));
  for (let i = 0; i < visual.length; i += 50) pages.push(visual.slice(i, i + 50));
  if (options.scanned) pages.push([]);

  // Glyph codes: one byte per distinct character (a report uses fewer than 220), the space kept at 32.
  const codes = new Map<string, number>([[" ", 32]]);
  let next = 33;
  for (const l of visual) for (const ch of l) if (!codes.has(ch)) codes.set(ch, next++);
  if (next > 256) throw new Error("too many distinct characters for one simple font");
  const hex = (s: string) => [...s].map((ch) => codes.get(ch)!.toString(16).padStart(2, "0")).join("");
  const utf16 = (ch: string) => Buffer.from(ch, "utf16le").swap16().toString("hex");

  // 1 catalog, 2 pages, 3 font, 4 cid font, 5 tounicode, 6 image, then page + content pairs
  add("<< /Type /Catalog /Pages 2 0 R >>");
  const kids = pages.map((_p, i) => `${7 + i * 2} 0 R`).join(" ");
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  const widths = Array.from({ length: 224 }, (_x, i) => (i === 0 ? 250 : 500)).join(" ");
  add(
    `<< /Type /Font /Subtype /TrueType /BaseFont /TimesNewRoman /FirstChar 32 /LastChar 255 /Widths 4 0 R /ToUnicode 5 0 R >>`,
  );
  add(`[${widths}]`);
  const entries = [...codes.entries()];
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(
      `${part.length} beginbfchar\n${part.map(([ch, c]) => `<${c.toString(16).padStart(2, "0")}> <${utf16(ch)}>`).join("\n")}\nendbfchar`,
    );
  }
  const cmap =
    `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry ` +
    `(Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 ` +
    `begincodespacerange\n<00> <FF>\nendcodespacerange\n${chunks.join("\n")}\nendcmap\nCMapName currentdict ` +
    `/CMap defineresource pop\nend\nend`;
  add(`<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`);
  const pixels = Buffer.alloc(64 * 64, 0xc8).toString("hex");
  add(
    `<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 ` +
      `/Filter /ASCIIHexDecode /Length ${pixels.length + 1} >>\nstream\n${pixels}>\nendstream`,
  );
  pages.forEach((page, i) => {
    const content = page.length
      ? `BT /F1 10 Tf 12 TL 50 800 Td\n${page.map((l) => `<${hex(l)}> Tj T*`).join("\n")}\nET`
      : "q 595 0 0 842 0 0 cm /Im1 Do Q";
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << ` +
        `/Im1 6 0 R >> >> /Contents ${8 + i * 2} 0 R >>`,
    );
    add(`<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`);
  });

  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
