import { describe, expect, it } from "vitest";
import { detectLegacyFont, tcvn3ToUnicode, unicodeToTcvn3, vniToUnicode } from "./legacy-fonts";

describe("legacy Vietnamese fonts", () => {
  it("converts TCVN3 (.VnTime) text", () => {
    expect(tcvn3ToUnicode("TiÕp c«ng d©n, gi¶i quyÕt ®¬n th­ khiÕu n¹i")).toBe(
      "Tiếp công dân, giải quyết đơn thư khiếu nại",
    );
    const s = "Công tác phối hợp với Mặt trận Tổ quốc, tiếp công dân quý I năm 2025";
    expect(tcvn3ToUnicode(unicodeToTcvn3(s))).toBe(s);
  });
  it("converts VNI text", () => {
    expect(vniToUnicode("Coâng taùc tieáp coâng daân, giaûi quyeát ñôn thö khieáu " + "naïi")).toBe(
      "Công tác tiếp công dân, giải quyết đơn thư khiếu nại",
    );
    expect(vniToUnicode("Ngöôøi ñöùng ñaàu, Chæ thò, kyû luaät")).toBe("Người đứng đầu, Chỉ thị, kỷ luật");
  });
  it("detects the font, and leaves Unicode text alone", () => {
    expect(detectLegacyFont("TiÕp c«ng d©n, gi¶i quyÕt ®¬n th­ khiÕu n¹i, tè c¸o")).toBe("tcvn3");
    expect(detectLegacyFont("Coâng taùc tieáp coâng daân, giaûi quyeát ñôn thö khieáu naïi, toá caùo")).toBe("vni");
    expect(detectLegacyFont("Công tác tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo, và hoà giải")).toBeNull();
  });
});
