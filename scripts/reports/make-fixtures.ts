/**
 * Writes the report fixtures of lib/reports/__fixtures__ from the seed report (../shared/seed):
 * the seed as .txt, as a real .docx (docx package, with a Word footnote), typed in TCVN3 and VNI,
 * as a PDF with a text layer, and a scan-like PDF without text. Run: npx tsx scripts/reports/make-fixtures.ts
 */
import fs from "node:fs";
import path from "node:path";
import { AlignmentType, Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from "docx";
import { unicodeToTcvn3 } from "@/lib/reports/legacy-fonts";
import { writeDoc } from "./doc-writer";
import { writePdf } from "./pdf-writer";

const OUT = path.join(process.cwd(), "lib", "reports", "__fixtures__");
const SEED = path.join(process.cwd(), "..", "shared", "seed", "000_c252d92ac2102484.txt");

const seed = fs.existsSync(SEED) ? fs.readFileSync(SEED, "utf8") : fs.readFileSync(path.join(OUT, "seed.txt"), "utf8");
fs.writeFileSync(path.join(OUT, "seed.txt"), seed);

/** The seed as paragraphs: the wrapped title joined, the footnote taken out of the text. */
function seedParagraphs(): { lines: string[]; footnote: string } {
  const text = seed.replace(/\[bookmark:[^\]]*\]/g, "");
  const fn = /\[1:\s*([^\]]*)\]/.exec(text);
  const body = text.replace(/\[1:\s*[^\]]*\]/, "");
  const lines = body.split(/\r?\n/).map((l) => l.replace(/\s+$/, ""));
  const out: string[] = [];
  for (const l of lines) {
    if (!l.trim()) continue;
    if (out.length === 1 && /^\s*và phương hướng/.test(l)) out[0] = `${out[0].trim()} ${l.trim()}`;
    else out.push(l);
  }
  return { lines: out, footnote: fn ? fn[1].trim() : "" };
}

async function docx(): Promise<void> {
  const { lines, footnote } = seedParagraphs();
  const para = (line: string, i: number) => {
    const bold = i === 0 || /^\s*I{1,2}\.\s/.test(line);
    const parts = line.split("[footnoteRef:1]");
    const runs = parts.flatMap((p, k) =>
      k === 0 ? [new TextRun({ text: p.trim(), bold })] : [new FootnoteReferenceRun(1), new TextRun({ text: p, bold })],
    );
    return new Paragraph({ children: runs, alignment: i === 0 ? AlignmentType.CENTER : AlignmentType.JUSTIFIED });
  };
  const head = [
    "ỦY BAN NHÂN DÂN XÃ TRÀ TÂN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 25/BC-UBND",
    "BÁO CÁO",
  ].map((t) => new Paragraph({ children: [new TextRun({ text: t, bold: true })], alignment: AlignmentType.CENTER }));
  const tail = ["Nơi nhận:", "- UBND huyện Trà Bồng;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"].map(
    (t) => new Paragraph({ children: [new TextRun(t)] }),
  );
  const doc = new Document({
    creator: "fixture",
    footnotes: { 1: { children: [new Paragraph(footnote)] } },
    sections: [{ children: [...head, ...lines.map(para), ...tail] }],
  });
  fs.writeFileSync(path.join(OUT, "seed.docx"), await Packer.toBuffer(doc));
}

async function main(): Promise<void> {
  await docx();
  const { lines, footnote } = seedParagraphs();
  const plain = `${lines.join("\n")}\n[1: ${footnote}]`;
  // Typed in .VnTime / VNI-Times and copied out as text: the look-alike Latin-1 characters, saved as UTF-8.
  fs.writeFileSync(path.join(OUT, "seed-tcvn3.txt"), unicodeToTcvn3(plain));
  // The same, saved by an old editor as single bytes (Windows-1252 code points = TCVN3 bytes).
  fs.writeFileSync(path.join(OUT, "seed-tcvn3-bytes.txt"), Buffer.from(unicodeToTcvn3(plain), "latin1"));
  fs.writeFileSync(
    path.join(OUT, "seed.pdf"),
    writePdf([...lines.map((l) => l.replace("[footnoteRef:1]", "¹")), `¹ ${footnote}`]),
  );
  fs.writeFileSync(path.join(OUT, "scanned.pdf"), writePdf([], { scanned: true }));
  fs.writeFileSync(path.join(OUT, "seed.doc"), writeDoc(plain));
  console.log(`fixtures written to ${OUT}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
