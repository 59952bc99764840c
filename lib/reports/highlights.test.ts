import { describe, expect, it } from "vitest";
import { communeHighlights } from "./highlights";

describe("commune highlights for the draft report", () => {
  it("attributes cited plans and stated figures per topic, names the silent and the missing communes", () => {
    const out = communeHighlights([
      {
        unitName: "Xã Trà Tân",
        topics: {
          direction: { references: ["Kế hoạch số 44/KH-UBND"], figures: [] },
          reception: { references: [], figures: [{ text: "05 buổi đối thoại", check: "differ", submitted: 4 }] },
        },
      },
      { unitName: "Xã Trà Bùi", topics: { reception: { references: [], figures: [] } } },
      { unitName: "Xã Trà Giang", topics: null },
    ]);
    expect(out[0]).toEqual({
      lead: "Lãnh đạo, chỉ đạo: ",
      text: "Xã Trà Tân nêu thực hiện Kế hoạch số " + "44/KH-UBND. Chưa đề cập: Xã Trà Bùi.",
    });
    expect(out.find((p) => p.lead.startsWith("Tiếp công dân"))).toEqual({
      lead: "Tiếp công dân, giải quyết đơn thư: ",
      text: "Xã Trà Tân nêu “05 buổi đối " + "thoại” (số liệu đã nhập: 4).",
    });
    expect(out.find((p) => p.lead.startsWith("Cải cách"))?.text).toBe("Chưa đề cập: Xã Trà Tân, Xã Trà Bùi.");
    expect(out[out.length - 1]).toEqual({ lead: "Chưa gửi báo cáo thuyết minh: ", text: "Xã Trà Giang." });
  });
  it("says nothing when no commune sent a report", () => {
    expect(communeHighlights([{ unitName: "Xã A", topics: null }])).toEqual([]);
  });
});
