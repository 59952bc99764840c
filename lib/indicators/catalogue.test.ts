import { describe, expect, it } from "vitest";
import { consistencyRules, dataElements, getElement, indicators } from "./catalogue";

/** Catalogue self-check: every formula names existing elements. */
function catalogueProblems(): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of dataElements) {
    if (seen.has(e.code)) problems.push(`duplicate element ${e.code}`);
    seen.add(e.code);
  }
  for (const i of indicators) {
    for (const c of [...i.numerator, ...i.denominator]) {
      if (!getElement(c)) problems.push(`indicator ${i.code} names unknown element ${c}`);
    }
    if (i.kind === "count" && (i.numerator.length !== 1 || i.denominator.length !== 0)) {
      problems.push(`count indicator ${i.code} must have one numerator element and no denominator`);
    }
    if (i.kind === "rate" && i.denominator.length === 0) problems.push(`rate ${i.code} has no denominator`);
  }
  for (const r of consistencyRules) {
    for (const c of [r.lhs, ...r.rhs]) {
      if (!getElement(c)) problems.push(`rule ${r.code} names unknown element ${c}`);
    }
  }
  return problems;
}

describe("catalogue", () => {
  it("names only existing elements, with counts of one element and rates with a denominator", () => {
    expect(catalogueProblems()).toEqual([]);
    expect(dataElements).toHaveLength(23);
    expect(indicators).toHaveLength(11);
  });
});
