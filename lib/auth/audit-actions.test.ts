import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./audit-actions";
import { parseAuditFilter } from "./audit-filter";
import { auth } from "../i18n/sections/auth";

describe("audit actions", () => {
  it("have a label in both languages, and only those", () => {
    expect(Object.keys(auth.vi.actions).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(Object.keys(auth.en.actions).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});

describe("parseAuditFilter", () => {
  it("reads days in Vietnam time, the end day included", () => {
    expect(
      parseAuditFilter({ action: "sign_in_failed", actor: " ana@ ", from: "2026-03-01", to: "2026-03-01" }),
    ).toEqual({
      action: "sign_in_failed",
      actor: "ana@",
      target: undefined,
      from: new Date("2026-02-28T17:00:00Z"),
      to: new Date("2026-03-01T17:00:00Z"),
    });
  });
  it("drops what it cannot read", () => {
    expect(parseAuditFilter({ action: "drop_table", from: "01/03/2026", to: "2026-13-01", target: "   " })).toEqual({
      action: undefined,
      actor: undefined,
      target: undefined,
      from: undefined,
      to: undefined,
    });
  });
});
