import { describe, expect, it } from "vitest";
import { parseAuditFilter } from "./audit-filter";

describe("parseAuditFilter (the audit page's lenient reader)", () => {
  it("drops a text filter with a control character instead of sending it to PostgreSQL, which refuses NUL", () => {
    expect(parseAuditFilter({ actor: "admin\u0000", target: "user:\u0007x" })).toEqual({
      action: undefined,
      actor: undefined,
      target: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it("keeps ordinary text, SQL metacharacters included (they are bound parameters), cut to 200 characters", () => {
    const f = parseAuditFilter({ actor: " '; drop table units;-- ", target: "x".repeat(250) });
    expect(f.actor).toBe("'; drop table units;--");
    expect(f.target).toBe("x".repeat(200));
  });
});
