import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { buildNarrativeDocx } from "./narrative-docx";
import { fixtureData, GENERATED_AT } from "./test-fixture";

/** The text of word/document.xml, paragraph by paragraph (runs joined), XML entities decoded. */
async function paragraphs(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
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
    expect(ps.slice(0, 9)).toEqual([
      "UBND HUYỆN TRÀ BỒNG",
      "Số:        /BC-UBND",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Trà Bồng, ngày 26 tháng 11 năm 2026",
      "BÁO CÁO",
      "Kết quả công tác Dân vận chính quyền quý I năm 2025",
      "Thực hiện chế độ báo cáo định kỳ về công tác dân vận chính quyền, UBND huyện Trà Bồng báo cáo kết quả thực hiện công tác dân vận chính quyền quý I năm 2025 trên địa bàn, tổng hợp từ số liệu báo cáo của các đơn vị cấp xã, cụ thể như sau:",
      "I. KẾT QUẢ THỰC HIỆN",
    ]);
  });

  it("states the figures in sentences, Vietnamese number formatting", () => {
    expect(ps).toContain(
      "4. Cải cách hành chính, giải quyết thủ tục hành chính: Trong quý, toàn huyện tiếp nhận 1.532 hồ sơ thủ tục hành chính, trong đó 1.210 hồ sơ trực tuyến (79,0 %, chưa đạt mục tiêu 80,0 %); giải quyết 1.480 hồ sơ, trong đó 1.420 hồ sơ đúng hạn (95,9 %, đạt mục tiêu 95,0 %), 750 hồ sơ thanh toán trực tuyến (50,7 %, đạt mục tiêu 50,0 %) và 1.300 hồ sơ được số hóa (87,8 %, đạt mục tiêu 80,0 %).",
    );
    expect(ps.some((p) => p.startsWith("2. Công tác hội nghị, tuyên truyền, đối thoại: Trong quý, toàn huyện tổ chức 214 hội nghị, cuộc họp"))).toBe(true);
    expect(ps.some((p) => p.includes("Chưa báo cáo: Xã Trà Bùi."))).toBe(true);
  });

  it("leaves section II to be written, then receivers and the signature", () => {
    const ii = ps.indexOf("II. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ II NĂM 2025");
    expect(ii).toBeGreaterThan(0);
    expect(ps[ii + 1]).toBe("1. Công tác lãnh đạo, chỉ đạo thực hiện công tác dân vận chính quyền: [nội dung do đơn vị bổ sung].");
    expect(ps).toContain("Trên đây là báo cáo kết quả công tác dân vận chính quyền quý I năm 2025 của UBND huyện Trà Bồng./.");
    expect(ps.slice(-7)).toEqual(["Nơi nhận:", "- ……………… (b/c);", "- ………………;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)"]);
  });

  it("is laid out on A4 portrait with Decree 30 margins", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
  });
});
