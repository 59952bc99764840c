import { describe, expect, it } from "vitest";
import { foldVietnamese, searchUnits } from "./search";

// Real names and codes (../shared/data/admin-units): Quảng Ngãi before and after 1 July 2025.
const UNITS = [
  { code: "21136", name: "Xã Trà Tân" },
  { code: "21142", name: "Xã Trà Bùi" },
  { code: "21115", name: "Thị trấn Trà Xuân" },
  { code: "21148", name: "Xã Sơn Trà" },
  { code: "525", name: "Huyện Trà Bồng" },
  { code: "536", name: "Huyện Lý Sơn" },
  { code: "21548", name: "Đặc khu Lý Sơn" },
  { code: "21157", name: "Xã Hương Trà" },
];
const codes = (q: string, limit?: number) => searchUnits(UNITS, q, limit).map((u) => u.code);

describe("unit search", () => {
  it("folds tone marks, case and đ", () => {
    expect(foldVietnamese("Xã Trà Tân")).toBe("xa tra tan");
    expect(foldVietnamese("ĐẶC KHU  Lý Sơn ")).toBe("dac khu ly son");
    // Decomposed input (NFD, as some keyboards send it) folds the same as composed.
    expect(foldVietnamese("Tra\u0300 Ta\u0302n")).toBe("tra tan");
  });
  it("finds by name with or without tone marks, in any case", () => {
    expect(codes("Trà Tân")).toEqual(["21136"]);
    expect(codes("tra tan")).toEqual(["21136"]);
    expect(codes("TRA TÂN")).toEqual(["21136"]);
    expect(codes("dac khu")).toEqual(["21548"]);
  });
  it("ranks names starting with the query (after the type) before words inside names", () => {
    // "Trà …" names first (by name), then "Sơn Trà" and "Hương Trà" where Trà is a later word.
    expect(codes("tra")).toEqual(["525", "21142", "21136", "21115", "21157", "21148"]);
    expect(codes("ly son")).toEqual(["21548", "536"]); // same name without the type: "Đặc khu" before "Huyện"
    expect(codes("son")).toEqual(["21148", "21548", "536"]);
  });
  it("finds by code: the exact code first, then codes starting with the digits", () => {
    expect(codes("21136")).toEqual(["21136"]);
    expect(codes("2114")).toEqual(["21142", "21148"]);
    expect(codes("536")).toEqual(["536"]);
  });
  it("matches every word, and parts of words", () => {
    expect(codes("tan tra")).toEqual(["21136"]);
    expect(codes("uon")).toEqual(["21157"]);
    expect(codes("tra nowhere")).toEqual([]);
  });
  it("lists by name when the query is empty, and honours the limit", () => {
    expect(codes("", 3)).toEqual(["21157", "21548", "536"]); // Hương Trà, Lý Sơn (đặc khu), Lý Sơn (huyện)
    expect(codes("tra", 2)).toEqual(["525", "21142"]);
  });
});
