import { expect, it } from "vitest";
import { describeEachEngine } from "../test-utils";
import { getUserScope } from "./access";
import { getUnitByCode } from "./units";
import { listPickerUnits } from "./unit-search";
import { searchUnits } from "@/lib/units/search";
import type { Role } from "@/lib/auth/permissions";

// The Trà Bồng fixture: 51 › 525 › 16 communes (2025-06); 51 › 6 communes (2025-07).
describeEachEngine("unit pickers: units by structure, level and scope", (get) => {
  const scopeOf = async (role: Role, structure: string, code: string) => {
    const unit = await getUnitByCode(get().db, { structure, code });
    return getUserScope(get().db, { role, unitId: unit!.id });
  };

  it("gives an administrator every unit of the structure asked for", async () => {
    const scope = await scopeOf("admin", "2025-06", "525");
    const old = await listPickerUnits(get().db, { structure: "2025-06", scope });
    expect(old.map((u) => u.code)).toEqual([
      "51",
      "525",
      "21115",
      "21118",
      "21121",
      "21124",
      "21127",
      "21130",
      "21133",
      "21136",
      "21139",
      "21142",
      "21145",
      "21148",
      "21154",
      "21157",
      "21163",
      "21166",
    ]);
    expect(old.find((u) => u.code === "21136")).toMatchObject({
      name: "Xã Trà Tân",
      level: "commune",
      parentName: "Huyện Trà Bồng",
    });
    const fresh = await listPickerUnits(get().db, { structure: "2025-07", levels: ["commune"], scope });
    expect(fresh.map((u) => `${u.code} ${u.name}`)).toEqual([
      "21115 Xã Trà Bồng",
      "21124 Xã Thanh Bồng",
      "21127 Xã Đông Trà Bồng",
      "21136 Xã Cà Đam",
      "21154 Xã Tây Trà",
      "21157 Xã Tây Trà Bồng",
    ]);
    expect(fresh[0].parentName).toBe("Tỉnh Quảng Ngãi");
  });

  it("limits the others to their unit, what lies below it and their counterparts across the reform", async () => {
    const district = await scopeOf("analyst", "2025-06", "525");
    const old = await listPickerUnits(get().db, { structure: "2025-06", scope: district });
    expect(old.map((u) => u.code)).not.toContain("51"); // not the province above
    expect(old).toHaveLength(17);
    // In the new structure: the six communes Trà Bồng's communes became, not the province.
    const fresh = await listPickerUnits(get().db, { structure: "2025-07", scope: district });
    expect(fresh.map((u) => u.code)).toEqual(["21115", "21124", "21127", "21136", "21154", "21157"]);

    const reporter = await scopeOf("reporter", "2025-06", "21136");
    expect((await listPickerUnits(get().db, { structure: "2025-06", scope: reporter })).map((u) => u.code)).toEqual([
      "21136",
    ]);
    // Trà Tân went whole into Cà Đam (21136).
    expect((await listPickerUnits(get().db, { structure: "2025-07", scope: reporter })).map((u) => u.code)).toEqual([
      "21136",
    ]);
  });

  it("finds by name without tone marks within that list", async () => {
    const scope = await scopeOf("admin", "2025-06", "525");
    const units = await listPickerUnits(get().db, { structure: "2025-07", scope });
    expect(searchUnits(units, "ca dam").map((u) => u.code)).toEqual(["21136"]);
    expect(searchUnits(units, "tra bong").map((u) => u.name)).toEqual([
      "Xã Trà Bồng",
      "Xã Đông Trà Bồng",
      "Xã Tây Trà Bồng",
    ]);
  });
});
