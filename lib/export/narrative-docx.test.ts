import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { buildNarrativeDocx } from "./narrative-docx";
import { fixtureData, GENERATED_AT } from "./test-fixture";

/** The text of word/document.xml, paragraph by paragraph (runs joined), XML entities decoded. */
async function paragraphs(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1])).join(""))
    .filter(Boolean);
}

describe("narrative report (.docx)", async () => {
  const bytes = await buildNarrativeDocx(fixtureData(), { generatedAt: GENERATED_AT });
  const ps = await paragraphs(bytes);

  it("is a Word document", async () => {
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("wordprocessingml.document.main+xml");
  });

  it("has the issuer, the motto, place and date and the title of an administrative report", () => {
    expect(ps.slice(0, 10)).toEqual([
      "ỦY BAN NHÂN DÂN",
      "HUYỆN TRÀ BỒNG",
      "Số:        /BC-UBND",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Trà Bồng, ngày 26 tháng 11 năm 2026",
      "BÁO CÁO",
      "Kết quả công tác Dân vận chính quyền quý I năm 2025",
      "Thực hiện chế độ báo cáo định kỳ về công tác dân vận chính quyền, UBND huyện Trà Bồng báo cáo kết quả " +
        "thực hiện công tác dân vận chính quyền quý I năm 2025 trên địa bàn, tổng hợp từ số liệu báo cáo của " +
        "các đơn vị cấp xã, cụ thể như sau:",
      "I. KẾT QUẢ THỰC HIỆN",
    ]);
  });

  it("states the figures in sentences, Vietnamese number formatting", () => {
    expect(ps).toContain(
      "4. Cải cách hành chính, giải quyết thủ tục hành chính: Trong quý, toàn huyện tiếp nhận 1.532 hồ sơ thủ " +
        "tục hành chính, trong đó 1.210 hồ sơ trực tuyến (79,0\u00A0%, chưa đạt mục tiêu 80,0\u00A0%); giải " +
        "quyết 1.480 hồ sơ, trong đó 1.420 hồ sơ đúng hạn (95,9\u00A0%, đạt mục tiêu 95,0\u00A0%), 750 hồ sơ " +
        "thanh toán trực tuyến (50,7\u00A0%, đạt mục tiêu 50,0\u00A0%) và 1.300 hồ sơ được số hóa " +
        "(87,8\u00A0%, đạt mục tiêu 80,0\u00A0%).",
    );
    expect(
      ps.some((p) =>
        p.startsWith(
          "2. Công tác hội nghị, tuyên truyền, đối thoại: Trong quý, toàn huyện tổ chức 214 hội nghị, cuộc họp",
        ),
      ),
    ).toBe(true);
    expect(ps.some((p) => p.includes("Chưa báo cáo: Xã Trà Bùi."))).toBe(true);
  });

  it("leaves section II to be written, then receivers and the signature", () => {
    const ii = ps.indexOf("II. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ II NĂM 2025");
    expect(ii).toBeGreaterThan(0);
    expect(ps[ii + 1]).toBe(
      "1. Công tác lãnh đạo, chỉ đạo thực hiện công tác dân vận chính quyền: [nội dung do đơn vị bổ sung].",
    );
    expect(ps).toContain(
      "Trên đây là báo cáo kết quả công tác dân vận chính quyền quý I năm 2025 của UBND huyện Trà Bồng./.",
    );
    expect(ps.slice(-7)).toEqual([
      "Nơi nhận:",
      "- ……………… (b/c);",
      "- ………………;",
      "- Lưu: VT.",
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
      "(Ký, ghi rõ họ tên)",
    ]);
  });

  it("never parts a number from its %: every % follows U+00A0, none a plain space", async () => {
    const text = ps.join("\n");
    expect(text.match(/\d\u00A0%/g)?.length).toBeGreaterThan(5);
    expect(text).not.toMatch(/ %/);
  });

  it("draws each Decree 30 rule as the bottom border of a one-point paragraph right under its line", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const textOf = (p: string) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("");
    const rules = paras.map((p, i) => ({ p, i })).filter(({ p }) => p.includes("<w:pBdr>"));
    // Under "HUYỆN TRÀ BỒNG", under the motto, under the report's subject.
    expect(rules.map(({ i }) => textOf(paras[i - 1]))).toEqual([
      "HUYỆN TRÀ BỒNG",
      "Độc lập - Tự do - Hạnh phúc",
      "Kết quả công tác Dân vận chính quyền quý I năm 2025",
    ]);
    for (const { p } of rules) {
      expect(p).toMatch(/<w:pBdr><w:bottom w:val="single" w:color="000000" w:sz="6" w:space="1"\/><\/w:pBdr>/);
      expect(p).not.toContain("<w:top ");
      expect(p).toMatch(/<w:spacing w:after="0" w:before="0" w:line="20" w:lineRule="exact"\/>/);
      expect(textOf(p)).toBe("");
    }
    // The issuer's rule: 22 mm (1247 twips) centred in the left column, 40 % of the 9355-twip text width
    // (3742): (3742 − 1247) / 2 = 1247.5 → 1248 each side.
    expect(rules[0].p).toContain('<w:ind w:left="1248" w:right="1248"/>');
  });

  it("numbers pages at the top centre from the second page on", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("<w:titlePg/>");
    expect(xml).not.toContain("w:footerReference");
    const refs = Object.fromEntries(
      [...xml.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(refs).sort()).toEqual(["default", "first"]);
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    const target = (id: string) =>
      new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    const header = (id: string) => zip.file(`word/${target(id)}`)!.async("string");
    const def = await header(refs.default);
    expect(def).toContain('<w:jc w:val="center"/>');
    expect(def).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(await header(refs.first)).not.toContain("PAGE");
  });

  it("is laid out on A4 portrait with Decree 30 margins", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
  });
});
