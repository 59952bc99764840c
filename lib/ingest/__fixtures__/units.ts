/**
 * Real units for the tests (extract of ../../../../shared/data/admin-units, GSO/NSO codes): Trà Bồng
 * district of Quảng Ngãi in both structures, plus a few units with names that collide.
 */
import type { IngestContext, KnownUnit, ScopeUnit, UnitMapping } from "../types";

/** Trà Bồng district, three-level structure of 30 June 2025. */
export const TRA_BONG_2025_06: ScopeUnit[] = [
  ["21115", "Thị trấn Trà Xuân"],
  ["21118", "Xã Trà Giang"],
  ["21121", "Xã Trà Thủy"],
  ["21124", "Xã Trà Hiệp"],
  ["21127", "Xã Trà Bình"],
  ["21130", "Xã Trà Phú"],
  ["21133", "Xã Trà Lâm"],
  ["21136", "Xã Trà Tân"],
  ["21139", "Xã Trà Sơn"],
  ["21142", "Xã Trà Bùi"],
  ["21145", "Xã Trà Thanh"],
  ["21148", "Xã Sơn Trà"],
  ["21154", "Xã Trà Phong"],
  ["21157", "Xã Hương Trà"],
  ["21163", "Xã Trà Xinh"],
  ["21166", "Xã Trà Tây"],
].map(([code, name]) => ({ structure: "2025-06", code, name }));

/** The same area in the two-level structure of 1 July 2025 (province 51). */
export const TRA_BONG_2025_07: ScopeUnit[] = [
  ["21115", "Xã Trà Bồng"],
  ["21124", "Xã Thanh Bồng"],
  ["21127", "Xã Đông Trà Bồng"],
  ["21136", "Xã Cà Đam"],
  ["21154", "Xã Tây Trà"],
  ["21157", "Xã Tây Trà Bồng"],
].map(([code, name]) => ({ structure: "2025-07", code, name }));

/** merges-2025-07.csv rows for Trà Bồng, plus the island district that became Đặc khu Lý Sơn. */
export const MAPPING: UnitMapping[] = [
  ["21115", "21115"], ["21118", "21127"], ["21121", "21115"], ["21124", "21124"], ["21127", "21127"],
  ["21130", "21127"], ["21133", "21124"], ["21136", "21136"], ["21139", "21115"], ["21142", "21136"],
  ["21142", "21157"], ["21145", "21124"], ["21148", "21154"], ["21154", "21154"], ["21157", "21157"],
  ["21163", "21154"], ["21166", "21157"], ["536", "21548"], ["21025", "21025"], ["21439", "21439"],
  ["21046", "21040"], ["21091", "21109"], ["21484", "21484"], ["21523", "21523"],
].map(([oldCode, newCode]) => ({ oldCode, newCode }));

/** Units elsewhere in Quảng Ngãi with colliding names, in scope only for the province-level context. */
export const PROVINCE_EXTRA_2025_06: ScopeUnit[] = [
  ["21025", "Phường Nguyễn Nghiêm"], // Thành phố Quảng Ngãi
  ["21439", "Phường Nguyễn Nghiêm"], // Thị xã Đức Phổ
  ["21046", "Xã Bình Thạnh"],
  ["21091", "Xã Bình Thanh"],
  ["21484", "Thị trấn Ba Tơ"],
  ["21523", "Xã Ba Tô"],
].map(([code, name]) => ({ structure: "2025-06", code, name }));
export const PROVINCE_EXTRA_2025_07: ScopeUnit[] = [
  ["21025", "Phường Cẩm Thành"],
  ["21484", "Xã Ba Tơ"],
  ["21523", "Xã Ba Tô"],
  ["21548", "Đặc khu Lý Sơn"],
].map(([code, name]) => ({ structure: "2025-07", code, name }));

export const ALL_UNITS: KnownUnit[] = [
  ...TRA_BONG_2025_06,
  ...TRA_BONG_2025_07,
  ...PROVINCE_EXTRA_2025_06,
  ...PROVINCE_EXTRA_2025_07,
  { structure: "2025-06", code: "536", name: "Huyện Lý Sơn" },
];

/** A Trà Bồng district official uploading in 2025Q4. */
export const districtCtx: IngestContext = {
  scope: [...TRA_BONG_2025_06, ...TRA_BONG_2025_07],
  mapping: MAPPING,
  allUnits: ALL_UNITS,
  currentQuarter: "2025Q4",
};

/** A Quảng Ngãi province official: the district's communes and the colliding names. */
export const provinceCtx: IngestContext = {
  ...districtCtx,
  scope: [...TRA_BONG_2025_06, ...TRA_BONG_2025_07, ...PROVINCE_EXTRA_2025_06, ...PROVINCE_EXTRA_2025_07],
};

/** The officer of one commune (Xã Trà Tân before the reform, Xã Cà Đam after). */
export const communeCtx: IngestContext = {
  ...districtCtx,
  scope: [
    { structure: "2025-06", code: "21136", name: "Xã Trà Tân" },
    { structure: "2025-07", code: "21136", name: "Xã Cà Đam" },
  ],
};

/** Hà Nội units with leading zeros, which Excel drops ("1" means "00001"). */
export const hanoiCtx: IngestContext = {
  scope: [
    { structure: "2025-06", code: "00001", name: "Phường Phúc Xá" },
    { structure: "2025-06", code: "00004", name: "Phường Trúc Bạch" },
    { structure: "2025-07", code: "00004", name: "Phường Ba Đình" },
  ],
  mapping: [
    { oldCode: "00001", newCode: "00097" },
    { oldCode: "00004", newCode: "00004" },
  ],
  currentQuarter: "2025Q4",
};
