import { describe, expect, it } from "vitest";
import { getIndicator } from "../indicators/catalogue";
import { buildCompleteness } from "../indicators/completeness";
import { vietnamTime } from "../periods";
import { buildNarrative, completenessLines, nameList, periodAdverb, rankingSentence } from "./narrative";
import { COMMUNES, fixtureData } from "./test-fixture";

// Every figure below is the fixture's, added up by hand (lib/export/test-fixture.ts):
// meetings 120 + 94 + 0 = 214; files received 1.000 + 532 = 1.532, online 850 + 360 = 1.210 → 78,98… ≈ 79,0 %;
// resolved 980 + 500 = 1.480, on time 960 + 460 = 1.420 → 95,9 %; paid 600 + 150 = 750 → 50,7 %;
// digitized 900 + 400 = 1.300 → 87,8 %; petitions (3 + 17) + (1 + 4) = 25, resolved 18 + 3 = 21 → 84,0 %;
// voters' requests 30 + 10 + 5 = 45, answered 28 + 9 + 5 = 42 → 93,3 %; reception 13 + 11 + 12 = 36 of 12 × 4 = 48.
describe("narrative sentences", () => {
  const n = buildNarrative(fixtureData());

  it("introduces the report with the issuer and the period", () => {
    expect(n.intro).toBe(
      "Thực hiện chế độ báo cáo định kỳ về công tác dân vận chính quyền, UBND huyện Trà Bồng báo cáo kết quả " +
        "thực hiện công tác dân vận chính quyền quý I năm 2025 trên địa bàn, tổng hợp từ số liệu báo cáo của " +
        "các đơn vị cấp xã, cụ thể như sau:",
    );
    expect(n.resultsHeading).toBe("I. KẾT QUẢ THỰC HIỆN");
  });

  it("says who reported, who did not and who was late", () => {
    expect(n.results[0]).toEqual({
      lead: "1. Tình hình báo cáo: ",
      text:
        "Có 3/4 đơn vị cấp xã gửi số liệu (đạt 75,0 %), trong đó 2 đơn vị gửi đúng hạn (chậm nhất ngày " +
        "18/03/2025). Chưa báo cáo: Xã Trà Bùi. Báo cáo muộn: Xã Trà Thanh. Các số liệu dưới đây chỉ gồm số liệu đã báo cáo.",
    });
  });

  it("states the counts with their targets", () => {
    expect(n.results[1]).toEqual({
      lead: "2. Công tác hội nghị, tuyên truyền, đối thoại: ",
      text:
        "Trong quý, toàn huyện tổ chức 214 hội nghị, cuộc họp (kể cả họp thôn), 18 buổi tuyên truyền, phổ " +
        "biến, quán triệt và 3 buổi đối thoại với Nhân dân (mục tiêu: ít nhất 4 buổi); có 1 mô hình “Dân vận khéo” được công nhận.",
    });
  });

  it("states reception, petitions and voters' requests with their rates", () => {
    expect(n.results[2].text).toBe(
      "Trong quý, lãnh đạo UBND các xã tổ chức 36 buổi tiếp công dân định kỳ (mục tiêu: ít nhất 48 buổi); tổng " +
        "số đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh phải giải quyết là 25 đơn (kể cả đơn kỳ trước chuyển " +
        "sang), đã giải quyết 21 đơn (84,0 %, chưa đạt mục tiêu 85,0 %); tiếp nhận 45 kiến nghị cử tri, đã " +
        "trả lời, giải quyết 42 kiến nghị (93,3 %, đạt mục tiêu 90,0 %).",
    );
  });

  it("states administrative procedures as the seed report would with numbers", () => {
    expect(n.results[3]).toEqual({
      lead: "4. Cải cách hành chính, giải quyết thủ tục hành chính: ",
      text:
        "Trong quý, toàn huyện tiếp nhận 1.532 hồ sơ thủ tục hành chính, trong đó 1.210 hồ sơ trực tuyến " +
        "(79,0 %, chưa đạt mục tiêu 80,0 %); giải quyết 1.480 hồ sơ, trong đó 1.420 hồ sơ đúng hạn (95,9 %, đạt " +
        "mục tiêu 95,0 %), 750 hồ sơ thanh toán trực tuyến (50,7 %, đạt mục tiêu 50,0 %) và 1.300 hồ sơ được " +
        "số hóa (87,8 %, đạt mục tiêu 80,0 %).",
    });
  });

  it("names the strongest and weakest commune of every rate", () => {
    expect(n.results[4].lead).toBe("5. Kết quả theo đơn vị: ");
    expect(n.results[4].text).toContain(
      "Tỷ lệ hồ sơ tiếp nhận trực tuyến: cao nhất là Thị trấn Trà Xuân (85,0 %), thấp nhất là =1+2 Xã Độc (67,7 " +
        "%); 1/2 đơn vị có số liệu chưa đạt mục tiêu 80,0 %.",
    );
    expect(n.results[4].text).toContain(
      "Tỷ lệ trả lời kiến nghị cử tri: cao nhất là Xã Trà Thanh (100,0 %), thấp nhất là =1+2 Xã Độc (90,0 %); " +
        "tất cả 3 đơn vị có số liệu đều đạt mục tiêu 90,0 %.",
    );
  });

  it("leaves section II as a template and closes like the seed report", () => {
    expect(n.tasksHeading).toBe("II. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ II NĂM 2025");
    expect(n.tasks).toHaveLength(5);
    expect(n.tasks.every((t) => t.endsWith("[nội dung do đơn vị bổ sung]."))).toBe(true);
    expect(n.closing).toBe(
      "Trên đây là báo cáo kết quả công tác dân vận chính quyền quý I năm 2025 của UBND huyện Trà Bồng./.",
    );
  });

  it("speaks only of the indicators chosen, renumbering its paragraphs", () => {
    const only = buildNarrative(fixtureData(["online_rate"]));
    expect(only.results.map((p) => p.lead)).toEqual([
      "1. Tình hình báo cáo: ",
      "2. Cải cách hành chính, giải quyết thủ tục hành chính: ",
      "3. Kết quả theo đơn vị: ",
    ]);
    expect(only.results[1].text).toBe(
      "Trong quý, toàn huyện tiếp nhận 1.532 hồ sơ thủ tục hành chính, trong đó 1.210 hồ sơ trực tuyến (79,0 %, chưa đạt mục tiêu 80,0 %).",
    );
  });
});

describe("sentence helpers", () => {
  it("lists names, counting those past the limit", () => {
    expect(nameList(["Xã A", "Xã B", "Xã C"])).toBe("Xã A, Xã B, Xã C");
    expect(nameList(["Xã A", "Xã B", "Xã C"], 2)).toBe("Xã A, Xã B và 1 đơn vị khác");
    expect(
      nameList(
        Array.from({ length: 1234 }, (_, i) => `X${i}`),
        1,
      ),
    ).toBe("X0 và 1.233 đơn vị khác");
  });

  it("says when, in the period's own words", () => {
    expect(periodAdverb({ kind: "quarter", code: "2025Q1", quarters: ["2025Q1"] })).toBe("Trong quý");
    expect(periodAdverb({ kind: "half", code: "2025S1", quarters: ["2025Q1", "2025Q2"] })).toBe(
      "Trong 6 tháng đầu năm",
    );
    expect(periodAdverb({ kind: "nine", code: "2025N9", quarters: ["2025Q1", "2025Q2", "2025Q3"] })).toBe(
      "Trong 9 tháng",
    );
    expect(periodAdverb({ kind: "year", code: "2025", quarters: ["2025Q1", "2025Q2", "2025Q3", "2025Q4"] })).toBe(
      "Trong năm",
    );
  });

  it("names every commune tied at the top once rounded as shown", () => {
    const data = fixtureData(["digitization_rate"]);
    const communes = data.rows.filter((r) => r.kind === "commune").map((r) => ({ ...r, values: { ...r.values } }));
    // Trà Xuân 91,84 % and a made-up 91,836 % are both shown as 91,8 %.
    communes[1].values.digitization_rate = { ...communes[1].values.digitization_rate, value: 91.836, status: "meets" };
    expect(rankingSentence(getIndicator("digitization_rate")!, communes)).toBe(
      "Tỷ lệ số hóa hồ sơ: các đơn vị có số liệu đều đạt 91,8 %; tất cả 2 đơn vị có số liệu đều đạt mục tiêu 80,0 %.",
    );
  });

  it("adds up a roll-up's reporting by commune and quarter", () => {
    const data = fixtureData(["meetings"]);
    const quarters = ["2025Q1", "2025Q2"];
    const all = COMMUNES.map((c) => c.id);
    const reported = [
      ...all.filter((id) => id !== 12).map((unitId) => ({ unitId, period: "2025Q1" })),
      ...all.filter((id) => id !== 12 && id !== 11).map((unitId) => ({ unitId, period: "2025Q2" })),
    ];
    const arrivals = reported.map((r) => ({ ...r, firstAt: vietnamTime(2025, r.period === "2025Q1" ? 2 : 5, 1) }));
    const c = buildCompleteness({
      communes: COMMUNES,
      quarters,
      deadlineDay: 18,
      reported,
      arrivals,
      activity: new Map(),
    });
    const half = {
      ...data,
      period: { kind: "half" as const, code: "2025S1", quarters },
      completeness: { deadlineDay: 18, ...c },
    };
    expect(buildNarrative(half).results[0].text).toBe(
      "Đã nhận 5/8 lượt báo cáo quý của 4 đơn vị cấp xã (đạt 62,5 %), trong đó 5 lượt đúng hạn (chậm nhất ngày " +
        "18 tháng cuối quý). Chưa báo cáo: =1+2 Xã Độc (quý II/2025), Xã Trà Bùi (quý I/2025, quý II/2025). Các " +
        "số liệu dưới đây chỉ gồm số liệu đã báo cáo.",
    );
    expect(completenessLines(half)).toEqual([
      "Quý I/2025: 3/4 đơn vị đã báo cáo (75,0 %), trong đó 3 đơn vị đúng hạn; chưa báo cáo: Xã Trà Bùi.",
      "Quý II/2025: 2/4 đơn vị đã báo cáo (50,0 %), trong đó 2 đơn vị đúng hạn; chưa báo cáo: =1+2 Xã Độc, Xã Trà Bùi.",
    ]);
    expect(buildNarrative(half).tasksHeading).toBe("II. PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025");
  });
});
