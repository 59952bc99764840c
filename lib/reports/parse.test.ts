import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractText } from "./extract";
import { parseReport } from "./parse";
import { extractReferences } from "./references";
import { extractFigures } from "./figures";
import { guessPeriod, guessUnits } from "./header";
import { parseStructure } from "./structure";
import { classifyTopic } from "./topics";
import { ShingleIndex } from "./repetition";

const FIX = path.join(__dirname, "__fixtures__");
const read = (f: string) => fs.readFileSync(path.join(FIX, f));

const PART_I = ["direction", "propaganda", "emulation", "admin_reform", "discipline", "reception", "coordination"];
/** The eight documents the seed cites, read by hand from the text. */
const SEED_REFERENCES = [
  ["Kế hoạch", "42/KH-UBND", "2025-03-21"],
  ["Kế hoạch", "44/KH-UBND", "2025-02-27"],
  ["Chỉ thị", "33/CT-TTg", "2021-11-26"],
  ["Pháp lệnh", "34/2007/PL-UBTVQH 11", null],
  ["Nghị quyết", "76/NQ-CP", "2021-07-15"],
  ["Công văn", "50/UBND", "2024-03-06"],
  ["Quyết định", "217-QĐ/TW", "2013-12-12"],
  ["Quyết định", "218-QĐ/TW", "2013-12-12"],
];

async function parseFixture(file: string) {
  const x = await extractText(read(file), file);
  return { x, p: parseReport(x.text) };
}

describe.each(["seed.txt", "seed.docx", "seed.doc", "seed.pdf", "seed-tcvn3.txt", "seed-tcvn3-bytes.txt"])(
  "the seed report as %s",
  (file) => {
    it("has 7 items in part I with the plan's topics in order, 8 in part II", async () => {
      const { p } = await parseFixture(file);
      expect(p.parts.map((x) => [x.part, x.kind])).toEqual([
        ["I", "results"],
        ["II", "tasks"],
      ]);
      expect(p.items.filter((i) => i.part === "I").map((i) => i.topic)).toEqual(PART_I);
      expect(p.items.filter((i) => i.part === "II").map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(p.items[0].title).toBe("Công tác lãnh chỉ đạo");
      expect(p.items.find((i) => i.part === "I" && i.number === 6)?.title).toBe(
        "Công tác tiếp dân, giải quyết đơn thư khiếu nại, tố cáo",
      );
    });

    it("reads the commune, the period, the stated figure and the cited documents", async () => {
      const { p } = await parseFixture(file);
      expect(p.title).toBe(
        "Kết quả triển khai, thực hiện công tác Dân vận chính quyền quý I và phương hướng nhiệm vụ quý II năm 2025",
      );
      expect(p.period?.code).toBe("2025Q1");
      expect(p.units[0]).toEqual({ kind: "xã", name: "Trà Tân" });
      expect(p.figures.map((f) => [f.value, f.text.slice(0, 15), f.element, f.at])).toEqual([
        [3, "03 chương trình", null, { part: "I", number: 3 }],
      ]);
      const refs = p.references.map((r) => [r.kind, r.number, r.date]);
      // The PDF fixture prints the footnote at the page foot, outside any "[1: …]" marker; it is still read.
      expect([...refs].sort()).toEqual([...SEED_REFERENCES].sort());
    });
  },
);

describe("seed details", () => {
  it("keeps the footnote with item I.5 and drops Word artifacts", async () => {
    for (const file of ["seed.txt", "seed.docx"]) {
      const { p } = await parseFixture(file);
      const i5 = p.items.find((i) => i.part === "I" && i.number === 5)!;
      expect(i5.footnotes).toEqual([
        {
          n: 1,
          text:
            "Công văn số 50/UBND ngày 06/3/2024 của UBND xã V/v tiếp tục " +
            "thực hiện số hóa hồ sơ, giải quyết hồ sơ trực tuyến, thanh toán trực tuyến, chấp hành tốt kỷ luật, kỷ cương hành chính",
        },
      ]);
      expect(i5.text).toMatch(/bộ phận tiếp nhận và trả kết quả xã\.$/);
      expect(p.text).not.toContain("bookmark");
      expect(p.references.find((r) => r.number === "50/UBND")?.at).toEqual({ part: "I", number: 5 });
    }
  });

  it("names issuers", () => {
    const refs = extractReferences(read("seed.txt").toString("utf8"));
    expect(refs.map((r) => r.issuer)).toEqual([
      "UBND huyện Trà Bồng",
      "UBND",
      "Thủ tướng Chính phủ",
      "UBTVQH",
      "Chính phủ",
      "UBND xã",
      "Bộ chính trị khóa XI",
      "Bộ chính trị khóa XI",
    ]);
  });

  it("notes the TCVN3 font", async () => {
    expect((await parseFixture("seed-tcvn3.txt")).x.legacyFont).toBe("tcvn3");
    expect((await parseFixture("seed.txt")).x.legacyFont).toBeNull();
  });

  it("finds II.2 repeating I.2 almost whole and II.3 repeating the opening of I.3", async () => {
    const { p } = await parseFixture("seed.txt");
    const index = new ShingleIndex<string>();
    const shares: Record<string, { from: string; share: number } | null> = {};
    for (const it of p.items) {
      const key = `${it.part}.${it.number}`;
      const best = index.best(it.text);
      shares[key] = best ? { from: best.source, share: best.share } : null;
      index.add(key, it.text);
    }
    expect(shares["II.2"]?.from).toBe("I.2");
    expect(shares["II.2"]!.share).toBeGreaterThan(0.9);
    expect(shares["II.3"]?.from).toBe("I.3");
    expect(shares["II.3"]!.share).toBeGreaterThan(0.4);
    expect(shares["II.3"]!.share).toBeLessThan(0.6);
    expect(shares["I.1"]).toBeNull();
  });
});

describe("refusals", () => {
  it("refuses a scanned PDF with a clear message", async () => {
    await expect(extractText(read("scanned.pdf"), "scanned.pdf")).rejects.toMatchObject({
      code: "pdf_no_text",
      status: 422,
    });
  });
  it("refuses a damaged Word file and an unknown type", async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    await expect(extractText(broken, "x.docx")).rejects.toMatchObject({ code: "file_unreadable" });
    await expect(extractText(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), "x.doc")).rejects.toMatchObject({
      code: "file_unreadable",
    });
    await expect(extractText(Buffer.from("%PDF-1.4 garbage"), "x.pdf")).rejects.toMatchObject({
      code: "file_unreadable",
    });
    await expect(extractText(Buffer.from("hello"), "x.exe")).rejects.toMatchObject({ code: "file_type_unsupported" });
  });
});

describe("pieces", () => {
  it("reads periods", () => {
    expect(guessPeriod("Báo cáo kết quả công tác dân vận chính quyền 6 tháng đầu năm 2025")?.code).toBe("2025S1");
    expect(guessPeriod("Báo cáo 9 tháng năm 2025")?.code).toBe("2025N9");
    expect(guessPeriod("Báo cáo công tác dân vận chính quyền năm 2024")?.code).toBe("2024");
    expect(guessPeriod("kết quả quí III năm 2025")?.code).toBe("2025Q3");
  });
  it("reads communes named in capitals and ignores 'UBND xã V/v'", () => {
    expect(guessUnits("ỦY BAN NHÂN DÂN XÃ TRÀ TÂN\n… của UBND xã V/v …")).toEqual([{ kind: "xã", name: "TRÀ TÂN" }]);
  });
  it("ties stated figures to catalogue elements", () => {
    expect(
      extractFigures(
        "Tổ chức 05 buổi đối thoại với Nhân dân; tiếp 12 lượt công dân; tiếp nhận 130 hồ sơ, " +
          "trong đó 100 hồ sơ trực tuyến. Ngày 27/2 họp; năm 2025 có 4 hội nghị.",
      ),
    ).toEqual([
      { text: "05 buổi đối thoại với Nhân dân", value: 5, element: "dialogues_held" },
      { text: "12 lượt công dân", value: 12, element: "citizens_received" },
      { text: "130 hồ sơ", value: 130, element: "procedures_received" },
      { text: "100 hồ sơ trực tuyến", value: 100, element: "procedures_online" },
      { text: "4 hội nghị", value: 4, element: "meetings_held" },
    ]);
  });
  it("splits irregular numbering: tabs, double spaces, a list inside an item, bold-less headings", () => {
    const s = parseStructure(
      "BÁO CÁO\nKết quả công tác quý II năm 2025\nI- KẾT QUẢ\n\t1.Công tác tuyên truyền: " +
        "nội dung\n2)  Công tác tiếp công dân: tiếp dân\na) chi tiết\n1. danh sách con\n3 . Thi đua: nội " +
        "dung\nII. KHÓ KHĂN, HẠN CHẾ\n1. Còn chậm\nIII. KIẾN NGHỊ, ĐỀ XUẤT\n1. Đề nghị huyện hỗ trợ\nTrên đây là báo cáo.",
    );
    expect(s.items.map((i) => [i.part, i.partKind, i.number, i.topic])).toEqual([
      ["I", "results", 1, "propaganda"],
      ["I", "results", 2, "reception"],
      ["I", "results", 3, "emulation"],
      ["II", "difficulties", 1, "other"],
      ["III", "proposals", 1, "other"],
    ]);
    expect(s.items[1].text).toBe("Công tác tiếp công dân: tiếp dân\na) chi tiết\n1. danh sách con");
    expect(s.closing).toBe("Trên đây là báo cáo.");
  });
  it("classifies topics by title words", () => {
    expect(classifyTopic("Cải cách hành chính, thực hiện cơ chế một cửa", "")).toBe("admin_reform");
    expect(classifyTopic("Phối hợp với MTTQ và các đoàn thể", "")).toBe("coordination");
    expect(classifyTopic("Công tác khác", "")).toBe("other");
  });
});
