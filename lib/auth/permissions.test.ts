import { describe, expect, it } from "vitest";
import {
  buildUserScope,
  can,
  canTransition,
  canWrite,
  outsideScope,
  ROLES,
  scopeAllowsAggregate,
  scopeAllowsRead,
  scopeAllowsWrite,
  transitionCapability,
  unitLevelAllowed,
  type Capability,
  type Role,
} from "./permissions";

// The table the issue states, written out by hand: role → what it may do.
const EXPECTED: Record<Role, Capability[]> = {
  admin: [
    "read",
    "export",
    "import",
    "revert",
    "submit",
    "approve",
    "unlock",
    "manageUsers",
    "manageTargets",
    "manageUnits",
    "viewAudit",
  ],
  analyst: ["read", "export", "import", "revert", "submit", "approve", "unlock"],
  reporter: ["read", "export", "import", "submit"],
  viewer: ["read", "export"],
};
const ALL: Capability[] = EXPECTED.admin;

describe("can", () => {
  for (const role of ROLES) {
    for (const capability of ALL) {
      const expected = EXPECTED[role].includes(capability);
      it(`${role} ${expected ? "may" : "may not"} ${capability}`, () => {
        expect(can(role, capability)).toBe(expected);
      });
    }
  }
  it("only the viewer writes nothing", () => {
    expect(ROLES.filter((r) => !canWrite(r))).toEqual(["viewer"]);
  });
});

describe("unitLevelAllowed", () => {
  it("ties a reporter to a commune, the others to any level", () => {
    expect(unitLevelAllowed("reporter", "commune")).toBe(true);
    expect(unitLevelAllowed("reporter", "district")).toBe(false);
    expect(unitLevelAllowed("reporter", "province")).toBe(false);
    expect(unitLevelAllowed("analyst", "district")).toBe(true);
    expect(unitLevelAllowed("viewer", "province")).toBe(true);
    expect(unitLevelAllowed("admin", "commune")).toBe(true);
  });
});

describe("buildUserScope", () => {
  // District 2 with communes 10, 11, 12; their 2025-07 counterparts 20 (10, 11 merged) and 21 (12).
  const district = { communesBelow: [12, 10, 11], counterparts: [21, 20], parentId: 1 };
  const commune = { communesBelow: [10], counterparts: [20], parentId: 2 };

  it("gives an administrator everything", () => {
    const s = buildUserScope({ role: "admin", unitId: 1 }, district);
    expect(s).toEqual({ all: true, rootUnitId: 1, readUnitIds: [], writeUnitIds: [], aggregateUnitId: null });
    expect(scopeAllowsWrite(s, 999)).toBe(true);
  });
  it("gives an analyst the communes below and their counterparts, to read and write", () => {
    expect(buildUserScope({ role: "analyst", unitId: 2 }, district)).toEqual({
      all: false,
      rootUnitId: 2,
      readUnitIds: [10, 11, 12, 20, 21],
      writeUnitIds: [10, 11, 12, 20, 21],
      aggregateUnitId: null,
    });
  });
  it("gives a viewer the same rows read-only", () => {
    const s = buildUserScope({ role: "viewer", unitId: 2 }, district);
    expect(s.readUnitIds).toEqual([10, 11, 12, 20, 21]);
    expect(s.writeUnitIds).toEqual([]);
    expect(scopeAllowsRead(s, 11)).toBe(true);
    expect(scopeAllowsWrite(s, 11)).toBe(false);
  });
  it("gives a reporter their commune (and counterpart) and the totals of the district above, not its other rows", () => {
    const s = buildUserScope({ role: "reporter", unitId: 10 }, commune);
    expect(s).toEqual({
      all: false,
      rootUnitId: 10,
      readUnitIds: [10, 20],
      writeUnitIds: [10, 20],
      aggregateUnitId: 2,
    });
    expect(scopeAllowsRead(s, 11)).toBe(false);
    expect(scopeAllowsAggregate(s, 2)).toBe(true);
    expect(scopeAllowsAggregate(s, 1)).toBe(false);
  });
  it("names what lies outside, sorted and once", () => {
    const s = buildUserScope({ role: "reporter", unitId: 10 }, commune);
    expect(outsideScope(s, [11, 10, 12, 11], "write")).toEqual([11, 12]);
    expect(outsideScope(buildUserScope({ role: "viewer", unitId: 2 }, district), [10], "write")).toEqual([10]);
  });
});

describe("approval transitions", () => {
  it("maps each move to the capability it needs", () => {
    expect(transitionCapability("draft", "submitted")).toBe("submit");
    expect(transitionCapability("draft", "approved")).toBe("approve");
    expect(transitionCapability("submitted", "approved")).toBe("approve");
    expect(transitionCapability("submitted", "draft")).toBe("approve");
    expect(transitionCapability("approved", "draft")).toBe("unlock");
    expect(transitionCapability("approved", "submitted")).toBeNull();
    expect(transitionCapability("approved", "approved")).toBeNull();
  });
  it("lets a reporter submit but not approve or unlock; an analyst do all three; a viewer nothing", () => {
    expect(canTransition("reporter", "draft", "submitted")).toBe(true);
    expect(canTransition("reporter", "submitted", "approved")).toBe(false);
    expect(canTransition("reporter", "approved", "draft")).toBe(false);
    expect(canTransition("analyst", "submitted", "approved")).toBe(true);
    expect(canTransition("analyst", "approved", "draft")).toBe(true);
    expect(canTransition("viewer", "draft", "submitted")).toBe(false);
  });
});
