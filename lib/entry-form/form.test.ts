import { describe, expect, it } from "vitest";
import {
  changedSince,
  checkForm,
  clearedFields,
  FORM_GROUPS,
  formIndicators,
  isUnusual,
  prefillCarriedOver,
  valuesToCsv,
} from "./form";

const subject = { unitCode: "21115", unitName: "Xã Trà Bình", period: "2025Q2" };

describe("the form's groups", () => {
  it("lists the 23 elements once each, in 8 groups of the catalogue", () => {
    expect(FORM_GROUPS.map((g) => g.group)).toEqual([
      "direction",
      "propaganda",
      "meetings",
      "emulation",
      "reception",
      "petitions",
      "procedures",
      "coordination",
    ]);
    const all = FORM_GROUPS.flatMap((g) => g.elements);
    expect(all).toHaveLength(23);
    expect(new Set(all).size).toBe(23);
    expect(FORM_GROUPS[5].elements).toEqual([
      "petitions_carried_over",
      "petitions_received",
      "petitions_resolved",
      "voter_requests_received",
      "voter_requests_answered",
    ]);
  });
});

describe("checkForm: numbers", () => {
  it('reads "1.234" and "1234" as 1234, "0" as 0, and leaves a blank field unreported', () => {
    const r = checkForm(
      { meetings_held: "1.234", meeting_attendees: "1234", dialogues_held: "0", voter_contacts: "  " },
      { subject },
    );
    expect(r.values).toEqual({ meetings_held: 1234, meeting_attendees: 1234, dialogues_held: 0 });
    expect(r.errors).toEqual([]);
  });

  it("refuses a decimal, a negative and a word with the import's messages, on their field", () => {
    const r = checkForm({ meetings_held: "12.5", dialogues_held: "-3", voter_contacts: "ba" }, { subject });
    expect(r.values).toEqual({});
    expect(r.errors.map((e) => [e.code, e.fields])).toEqual([
      ["value_decimal", ["meetings_held"]],
      ["value_negative", ["dialogues_held"]],
      ["value_not_number", ["voter_contacts"]],
    ]);
    expect(r.errors[0].messageVi).toBe(
      '"12.5" không phải số nguyên; số liệu là số đếm, cần một số nguyên không âm, ví dụ 12 hoặc 1.234 (để trống nếu không báo cáo).',
    );
  });
});

describe("checkForm: consistency rules", () => {
  it("names both figures of a broken rule, with the import's message, on the two fields", () => {
    const r = checkForm({ procedures_received: "120", procedures_online: "130" }, { subject });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].code).toBe("procedures_online_le_received");
    expect(r.errors[0].fields).toEqual(["procedures_online", "procedures_received"]);
    expect(r.errors[0].messageVi).toBe(
      "Số hồ sơ tiếp nhận trực tuyến (130) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (120) của " +
        "Xã Trà Bình (21115), Quý II/2025: kiểm tra lại một trong hai số.",
    );
  });

  it("checks a rule only when every figure it reads is reported; equal is allowed", () => {
    expect(checkForm({ procedures_online: "130" }, { subject }).errors).toEqual([]);
    expect(checkForm({ procedures_received: "130", procedures_online: "130" }, { subject }).errors).toEqual([]);
  });

  it("sums the right-hand side: resolved petitions against carried over + received", () => {
    const ok = checkForm(
      { petitions_carried_over: "3", petitions_received: "10", petitions_resolved: "13" },
      { subject },
    );
    expect(ok.errors).toEqual([]);
    const bad = checkForm(
      { petitions_carried_over: "3", petitions_received: "10", petitions_resolved: "14" },
      { subject },
    );
    expect(bad.errors.map((e) => e.fields)).toEqual([
      ["petitions_resolved", "petitions_carried_over", "petitions_received"],
    ]);
    expect(bad.errors[0].messageVi).toContain("(3 + 10 = 13)");
  });

  it("checks voters' requests against received + unanswered only when that history is known", () => {
    const inputs = { voter_requests_received: "5", voter_requests_answered: "7" };
    expect(checkForm(inputs, { subject }).errors).toEqual([]);
    expect(checkForm(inputs, { subject, unansweredBefore: 2 }).errors).toEqual([]);
    expect(checkForm(inputs, { subject, unansweredBefore: 1 }).errors.map((e) => e.code)).toEqual([
      "voter_requests_answered_le_available",
    ]);
  });
});

describe("prefill of the carried-over petitions", () => {
  it("is carried + received − resolved of the previous quarter", () => {
    expect(prefillCarriedOver({ period: "2026Q3", carried: 4, received: 10, resolved: 9 })).toBe(5);
    expect(prefillCarriedOver({ period: "2026Q3", carried: 0, received: 0, resolved: 0 })).toBe(0);
  });
  it("is unknown when one figure is missing, or the figures give less than 0", () => {
    expect(prefillCarriedOver({ period: "2026Q3", carried: null, received: 10, resolved: 9 })).toBeNull();
    expect(prefillCarriedOver({ period: "2026Q3", carried: 1, received: 2, resolved: 4 })).toBeNull();
    expect(prefillCarriedOver(null)).toBeNull();
  });
  it("warns when the stock entered differs from it", () => {
    const previous = { period: "2025Q1", carried: 4, received: 10, resolved: 9 };
    expect(checkForm({ petitions_carried_over: "5" }, { subject, previous }).warnings).toEqual([]);
    const w = checkForm({ petitions_carried_over: "6" }, { subject, previous }).warnings;
    expect(w.map((x) => [x.code, x.fields])).toEqual([["carried_over_mismatch", ["petitions_carried_over"]]]);
    expect(w[0].messageVi).toContain("phải là 5 (4 chuyển sang + 10 tiếp nhận − 9 đã giải quyết)");
  });
});

describe("unusual values", () => {
  it("is more than 3 × the median and at least 10 above it", () => {
    expect(isUnusual(31, 10)).toBe(true);
    expect(isUnusual(30, 10)).toBe(false);
    expect(isUnusual(11, 2)).toBe(false); // 11 > 6 but only 9 above
    expect(isUnusual(100, 0)).toBe(false);
    expect(isUnusual(100, null)).toBe(false);
    const r = checkForm({ meetings_held: "31" }, { subject, medians: { meetings_held: 10 } });
    expect(r.warnings.map((w) => w.code)).toEqual(["unusual_value"]);
    expect(r.errors).toEqual([]);
  });
});

describe("indicators as the officer types", () => {
  it("computes the rates and counts of one commune and quarter against the catalogue's targets", () => {
    const values = checkForm(
      { procedures_received: "180", procedures_online: "151", dialogues_held: "1", reception_sessions: "10" },
      { subject },
    ).values;
    const byCode = Object.fromEntries(formIndicators(values).map((v) => [v.code, v]));
    expect(byCode.online_rate.value).toBeCloseTo((151 / 180) * 100, 10); // 83,9 %
    expect(byCode.online_rate.status).toBe("meets");
    expect(byCode.dialogues.value).toBe(1);
    expect(byCode.dialogues.status).toBe("meets");
    expect(byCode.reception.value).toBe(10);
    expect(byCode.reception.status).toBe("below"); // 10 < 12 × 0.9 = 10.8
    expect(byCode.on_time_rate.value).toBeNull();
  });
  it("gives no rate for a zero denominator", () => {
    const byCode = Object.fromEntries(
      formIndicators({ procedures_received: 0, procedures_online: 0 }).map((v) => [v.code, v]),
    );
    expect(byCode.online_rate.value).toBeNull();
  });
});

describe("saving", () => {
  it("lists what changed since the form was opened", () => {
    expect(changedSince({ meetings_held: 3, dialogues_held: null }, { meetings_held: 4, dialogues_held: 1 })).toEqual([
      { element: "meetings_held", was: 3, now: 4 },
      { element: "dialogues_held", was: null, now: 1 },
    ]);
    expect(changedSince({ meetings_held: 3 }, { meetings_held: 3 })).toEqual([]);
  });
  it("writes the values as the import's long CSV, in catalogue order", () => {
    expect(valuesToCsv("21136", "2026Q4", { dialogues_held: 0, meetings_held: 1234 })).toBe(
      "commune_code,period,element,value\n21136,2026Q4,meetings_held,1234\n21136,2026Q4,dialogues_held,0\n",
    );
  });
  it("names a saved figure left blank", () => {
    expect(clearedFields({ meetings_held: 3, dialogues_held: null }, { dialogues_held: 1 })).toEqual(["meetings_held"]);
  });
});
