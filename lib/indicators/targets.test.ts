import { describe, expect, it } from "vitest";
import { parseTargetInput } from "./targets";

describe("parseTargetInput", () => {
  it("accepts a rate from 0 to 100, a count from 0, and null (back to the default)", () => {
    expect(parseTargetInput({ indicator: "online_rate", target: 85.5, updatedBy: " admin " })).toEqual({
      data: { indicator: "online_rate", target: 85.5, updatedBy: "admin" },
    });
    expect(parseTargetInput({ indicator: "online_rate", target: 0, updatedBy: "a" }).data?.target).toBe(0);
    expect(parseTargetInput({ indicator: "online_rate", target: 100, updatedBy: "a" }).data?.target).toBe(100);
    expect(parseTargetInput({ indicator: "reception", target: 250, updatedBy: "a" }).data?.target).toBe(250);
    expect(parseTargetInput({ indicator: "meetings", target: null, updatedBy: "a" }).data?.target).toBeNull();
  });
  it("refuses a rate outside 0–100, a negative count, an unknown indicator, a missing author, a non-number", () => {
    expect(parseTargetInput({ indicator: "online_rate", target: 100.1, updatedBy: "a" }).problems).toEqual([
      {
        column: "target",
        code: "target_out_of_range",
        messageVi: "Mục tiêu của chỉ tiêu tỷ lệ phải từ 0 đến 100 (%), nhận được 100.1.",
        messageEn: "A rate target must be between 0 and 100 (%), got 100.1.",
      },
    ]);
    expect(parseTargetInput({ indicator: "online_rate", target: -1, updatedBy: "a" }).problems?.[0].code).toBe(
      "target_out_of_range",
    );
    expect(parseTargetInput({ indicator: "reception", target: -0.5, updatedBy: "a" }).problems?.[0]).toMatchObject({
      column: "target",
      code: "target_out_of_range",
    });
    expect(parseTargetInput({ indicator: "nope", target: 1, updatedBy: "a" }).problems).toEqual([
      {
        column: "indicator",
        code: "unknown_indicator",
        messageVi: "Không có chỉ tiêu nope.",
        messageEn: "Unknown indicator nope.",
      },
    ]);
    expect(parseTargetInput({ indicator: "reception", target: 1, updatedBy: "  " }).problems?.[0]).toMatchObject({
      column: "updatedBy",
      messageVi: "Thiếu người cập nhật.",
    });
    expect(parseTargetInput({ indicator: "reception", target: "12", updatedBy: "a" }).problems?.[0]).toMatchObject({
      column: "target",
      code: "invalid_target",
    });
    expect(
      parseTargetInput({ indicator: "reception", target: Number.POSITIVE_INFINITY, updatedBy: "a" }).problems?.[0]
        .column,
    ).toBe("target");
  });
});
