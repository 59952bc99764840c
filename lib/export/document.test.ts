import { describe, expect, it } from "vitest";
import { parsePeriod, vietnamTime } from "../periods";
import {
  issuerName,
  nextPeriodPhrase,
  periodPhrase,
  periodSpan,
  placeAndDate,
  placeName,
  reportTitle,
  splitUnitName,
  summaryTitle,
  unitInSentence,
  wholeUnitPhrase,
} from "./document";

const p = (code: string) => parsePeriod(code)!;

describe("administrative document parts", () => {
  it("names the issuing body from the scope, in capitals, with UBND", () => {
    expect(issuerName("Huyện Trà Bồng")).toBe("UBND HUYỆN TRÀ BỒNG");
    expect(issuerName("Tỉnh Quảng Ngãi")).toBe("UBND TỈNH QUẢNG NGÃI");
    expect(issuerName("Thành phố Hà Nội")).toBe("UBND THÀNH PHỐ HÀ NỘI");
    expect(issuerName("Xã Trà Tân")).toBe("UBND XÃ TRÀ TÂN");
  });

  it("takes the place from the name without its type word", () => {
    expect(placeName("Huyện Trà Bồng")).toBe("Trà Bồng");
    expect(placeName("Tỉnh Quảng Ngãi")).toBe("Quảng Ngãi");
    expect(placeName("Thị trấn Trà Xuân")).toBe("Trà Xuân");
    expect(placeName("Thị xã Đức Phổ")).toBe("Đức Phổ");
    expect(placeName("Đặc khu Lý Sơn")).toBe("Lý Sơn");
    expect(splitUnitName("Trà Bồng")).toEqual({ type: null, place: "Trà Bồng" });
    expect(unitInSentence("Huyện Trà Bồng")).toBe("huyện Trà Bồng");
    expect(wholeUnitPhrase("Thành phố Huế")).toBe("toàn thành phố");
  });

  it("writes place and date as Decree 30 does, on Vietnam's calendar", () => {
    expect(placeAndDate("Trà Bồng", vietnamTime(2026, 10, 26, 14, 5))).toBe("Trà Bồng, ngày 26 tháng 11 năm 2026");
    expect(placeAndDate("Trà Bồng", vietnamTime(2025, 1, 5))).toBe("Trà Bồng, ngày 05 tháng 02 năm 2025");
    expect(placeAndDate("Trà Bồng", vietnamTime(2025, 2, 9))).toBe("Trà Bồng, ngày 09 tháng 3 năm 2025");
    // 31 Dec 2025, 18:00 UTC is already 1 Jan 2026 in Vietnam.
    expect(placeAndDate("Quảng Ngãi", new Date("2025-12-31T18:00:00Z"))).toBe("Quảng Ngãi, ngày 01 tháng 01 năm 2026");
  });

  it("titles every kind of period", () => {
    expect(summaryTitle(p("2025Q1"))).toBe("BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN QUÝ I NĂM 2025");
    expect(summaryTitle(p("2025S1"))).toBe("BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN 6 THÁNG ĐẦU NĂM 2025");
    expect(summaryTitle(p("2025N9"))).toBe("BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN 9 THÁNG NĂM 2025");
    expect(summaryTitle(p("2025"))).toBe("BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025");
    expect(periodPhrase(p("2025S2"))).toBe("6 tháng cuối năm 2025");
    expect(periodPhrase(p("2024Q3..2025Q2"))).toBe("từ quý III năm 2024 đến quý II năm 2025");
    expect(reportTitle(p("2025Q1"))).toEqual(["BÁO CÁO", "Kết quả công tác Dân vận chính quyền quý I năm 2025"]);
  });

  it("gives the dates a period covers and the period after it", () => {
    expect(periodSpan(p("2025Q1"))).toBe("từ ngày 01/01/2025 đến ngày 31/03/2025");
    expect(periodSpan(p("2024"))).toBe("từ ngày 01/01/2024 đến ngày 31/12/2024");
    expect(nextPeriodPhrase(p("2025Q1"))).toBe("quý II năm 2025");
    expect(nextPeriodPhrase(p("2025Q4"))).toBe("quý I năm 2026");
    expect(nextPeriodPhrase(p("2025S1"))).toBe("6 tháng cuối năm 2025");
    expect(nextPeriodPhrase(p("2025S2"))).toBe("6 tháng đầu năm 2026");
    expect(nextPeriodPhrase(p("2025N9"))).toBe("quý IV năm 2025");
    expect(nextPeriodPhrase(p("2025"))).toBe("năm 2026");
    expect(nextPeriodPhrase(p("2024Q3..2025Q2"))).toBeNull();
  });
});
