import { describe, expect, it } from "vitest";
import { contentDisposition, summaryDisplayName, summaryFileName, tableFileName } from "./filename";

describe("export file names", () => {
  it("are ASCII-safe, with the Vietnamese name in filename*", () => {
    expect(summaryFileName("525", "2025Q1", "xlsx")).toBe("bieu-tong-hop-525-2025Q1.xlsx");
    expect(summaryFileName("525", "2024Q3..2025Q2", "csv")).toBe("bieu-tong-hop-525-2024Q3-2025Q2.csv");
    expect(summaryFileName("51", "2025", "docx")).toBe("bao-cao-dan-van-chinh-quyen-51-2025.docx");
    expect(summaryDisplayName("Huyện Trà Bồng", "2025Q1", "xlsx")).toBe("Biểu tổng hợp Huyện Trà Bồng Quý I-2025.xlsx");
    expect(summaryDisplayName("Huyện Trà Bồng", "2025S1", "docx")).toBe(
      "Báo cáo Dân vận chính quyền Huyện Trà Bồng 6 tháng đầu năm 2025.docx",
    );
    const cd = contentDisposition("bieu-tong-hop-525-2025Q1.xlsx", "Biểu tổng hợp Huyện Trà Bồng Quý I-2025.xlsx");
    expect(cd).toBe(
      `attachment; filename="bieu-tong-hop-525-2025Q1.xlsx"; ` +
        `filename*=UTF-8''${encodeURIComponent("Biểu tổng hợp Huyện Trà Bồng Quý I-2025.xlsx")}`,
    );
    expect(decodeURIComponent(cd.split("UTF-8''")[1])).toBe("Biểu tổng hợp Huyện Trà Bồng Quý I-2025.xlsx");
    expect(contentDisposition('a"b\u00e9.csv', "x(1).csv")).toBe(
      `attachment; filename="a_b_.csv"; filename*=UTF-8''x%281%29.csv`,
    );
  });

  it("of on-screen tables are ASCII parts joined by a dash", () => {
    expect(tableFileName("xep-hang", "online_rate", "2025Q2")).toBe("xep-hang-online_rate-2025Q2");
    expect(tableFileName("so-lieu-goc", "21136", "2024Q3..2025Q2")).toBe("so-lieu-goc-21136-2024Q3-2025Q2");
    expect(tableFileName("thay-doi-lan-nhap", 12, undefined, null, "")).toBe("thay-doi-lan-nhap-12");
    expect(tableFileName("Xã Trà Tân", "Đồng/Nai")).toBe("Xa-Tra-Tan-DongNai");
  });
});
