/**
 * The fixture corpus, files that must import cleanly: every encoding, delimiter, shape, period
 * spelling, number style and name form of import-format.md. Expected values are written by hand.
 */
import { describe, expect, test } from "vitest";
import { encodedFixtures } from "./__fixtures__/generate";
import { fixture, run, vals } from "./__fixtures__/helpers";
import { hanoiCtx } from "./__fixtures__/units";

/** wide-vietnamese.csv: semicolons, CRLF, title rows, STT, Năm + Quý, names instead of codes, labels with commas. */
const VIETNAMESE = [
  [5, "21136", "2025-06", "2025Q1", "meetings_held", 15],
  [5, "21136", "2025-06", "2025Q1", "dialogues_held", 2],
  [5, "21136", "2025-06", "2025Q1", "petitions_carried_over", 1],
  [5, "21136", "2025-06", "2025Q1", "petitions_received", 4],
  [5, "21136", "2025-06", "2025Q1", "petitions_resolved", 5],
  [6, "21118", "2025-06", "2025Q1", "meetings_held", 10],
  [6, "21118", "2025-06", "2025Q1", "dialogues_held", 1],
  [6, "21118", "2025-06", "2025Q1", "petitions_carried_over", 0],
  [6, "21118", "2025-06", "2025Q1", "petitions_received", 3],
  [6, "21118", "2025-06", "2025Q1", "petitions_resolved", 3],
  [8, "21121", "2025-06", "2025Q2", "meetings_held", 1205],
  [8, "21121", "2025-06", "2025Q2", "dialogues_held", 1],
  [8, "21121", "2025-06", "2025Q2", "petitions_carried_over", 0],
  [8, "21121", "2025-06", "2025Q2", "petitions_received", 2],
  [8, "21121", "2025-06", "2025Q2", "petitions_resolved", 2],
  [9, "21115", "2025-06", "2025Q2", "meetings_held", 11],
  [10, "21136", "2025-07", "2025Q3", "meetings_held", 7],
  [10, "21136", "2025-07", "2025Q3", "dialogues_held", 0],
  [10, "21136", "2025-07", "2025Q3", "petitions_carried_over", 2],
  [10, "21136", "2025-07", "2025Q3", "petitions_received", 6],
  [10, "21136", "2025-07", "2025Q3", "petitions_resolved", 8],
  [11, "21127", "2025-07", "2025Q3", "meetings_held", 6],
  [11, "21127", "2025-07", "2025Q3", "dialogues_held", 1],
];

/** wide-english.tsv: tabs, CRLF, English labels in odd case and punctuation, a name cell spanning two lines. */
const ENGLISH = [
  ...[
    ["meetings_held", 4],
    ["dialogues_held", 1],
    ["procedures_received", 30],
    ["procedures_resolved", 28],
    ["procedures_on_time", 27],
    ["procedures_paid_online", 10],
    ["procedures_digitized", 40],
  ].map(([e, v]) => [2, "21139", "2025-06", "2025Q2", e, v]),
  ...[
    ["meetings_held", 5],
    ["dialogues_held", 0],
    ["procedures_received", 12],
    ["procedures_resolved", 12],
    ["procedures_on_time", 12],
    ["procedures_paid_online", 0],
    ["procedures_digitized", 0],
  ].map(([e, v]) => [3, "21142", "2025-06", "2025Q2", e, v]),
  // The quoted name of line 3 ends on line 4, so the next row is line 5.
  ...[
    ["meetings_held", 3],
    ["dialogues_held", 1],
    ["procedures_received", 1000],
    ["procedures_resolved", 998],
    ["procedures_on_time", 990],
    ["procedures_paid_online", 500],
    ["procedures_digitized", 1998],
  ].map(([e, v]) => [5, "21145", "2025-06", "2025Q2", e, v]),
  [6, "21148", "2025-06", "2025Q2", "meetings_held", 2],
];

describe("encodings", () => {
  test.each([
    ["wide-vietnamese.csv", "utf-8"],
    ["utf8-bom.csv", "utf-8-bom"],
    ["windows-1258.csv", "windows-1258"],
  ])("%s (%s) reads the Vietnamese template", async (name, encoding) => {
    const r = await run(name);
    expect([r.encoding, r.shape, r.rowsRead, r.errors, r.warnings]).toEqual([encoding, "wide", 6, [], []]);
    expect(vals(r)).toEqual(VIETNAMESE);
  });

  test.each([
    ["wide-english.tsv", "utf-8"],
    ["utf16le.txt", "utf-16le"],
    ["utf16be.txt", "utf-16be"],
  ])("%s (%s) reads Excel's tab-separated Unicode text", async (name, encoding) => {
    const r = await run(name);
    expect([r.encoding, r.shape, r.rowsRead, r.errors, r.warnings]).toEqual([encoding, "wide", 4, [], []]);
    expect(vals(r)).toEqual(ENGLISH);
  });

  test("the encoded fixtures are what generate.ts makes of the text ones", () => {
    for (const [name, bytes] of Object.entries(encodedFixtures())) expect([name, fixture(name)]).toEqual([name, bytes]);
  });

  test("the Windows-1258 fixture really holds combining tone marks", () => {
    const bytes = fixture("windows-1258.csv");
    // "KẾT": K, Ê (0xCA), combining acute (0xEC), T.
    expect([...bytes.subarray(8, 12)]).toEqual([0x4b, 0xca, 0xec, 0x54]);
  });
});

describe("wide CSV with codes: every period spelling and thousands style", () => {
  test("wide-codes.csv", async () => {
    const r = await run("wide-codes.csv");
    expect([r.encoding, r.shape, r.rowsRead, r.errors, r.warnings]).toEqual(["utf-8", "wide", 8, [], []]);
    const row = (line: number, unit: string, period: string, ...v: (number | null)[]) =>
      ["meetings_held", "meeting_attendees", "dialogues_held", "procedures_received", "procedures_online"]
        .map((e, i) => [line, unit, "2025-06", period, e, v[i]])
        .filter((x) => x[5] !== null);
    expect(vals(r)).toEqual([
      ...row(2, "21115", "2025Q1", 12, 1234, 1, 120, 100), // 2025Q1, "1,234"
      ...row(3, "21118", "2025Q1", 8, 1234, null, 95, 90), // 2025-Q1, 1.234, empty = not reported
      ...row(4, "21121", "2025Q1", 7, 1234, 0, 80, 80), // Q1/2025, "1 234"
      ...row(5, "21124", "2025Q1", 6, 1234, 2, null, null), // Q1 2025, no-break space
      ...row(6, "21127", "2025Q1", 5, 987, 1, 60, 59), // Quý I/2025
      ...row(7, "21130", "2025Q1", 4, 1234, 1, 50, 50), // Quý 1 năm 2025
      ...row(8, "21133", "2025Q1", 3, 12345678, 1, 40, 0), // I/2025, "12,345,678"
      ...row(9, "21136", "2024Q4", 9, 0, 0, 10, 10), // quý iv/2024
    ]);
  });
});

describe("long CSV", () => {
  test("long.csv: codes with apostrophe, labels as elements, a name as code, an empty value", async () => {
    const r = await run("long.csv");
    expect([r.encoding, r.shape, r.rowsRead, r.errors]).toEqual(["utf-8", "long", 9, []]);
    expect(vals(r)).toEqual([
      [2, "21154", "2025-06", "2025Q1", "meetings_held", 3],
      [3, "21154", "2025-06", "2025Q1", "dialogues_held", 1],
      [4, "21154", "2025-06", "2025Q1", "procedures_received", 100],
      [5, "21154", "2025-06", "2025Q1", "procedures_online", 90],
      [6, "21157", "2025-06", "2025Q1", "procedures_online", 20],
      [7, "21157", "2025-06", "2025Q1", "procedures_received", 25],
      [9, "21163", "2025-06", "2025Q1", "meetings_held", 2],
      [10, "21166", "2025-06", "2025Q1", "voter_requests_received", 4],
    ]);
  });
});

describe("JSON", () => {
  test("reports.json: an array of reports; numbers, strings, null and labels", async () => {
    const r = await run("reports.json");
    expect([r.encoding, r.shape, r.rowsRead, r.errors]).toEqual(["utf-8", "json", 3, []]);
    expect(vals(r)).toEqual([
      [1, "21115", "2025-07", "2025Q3", "meetings_held", 14],
      [1, "21115", "2025-07", "2025Q3", "dialogues_held", 2],
      [1, "21115", "2025-07", "2025Q3", "procedures_received", 1500],
      [1, "21115", "2025-07", "2025Q3", "procedures_online", 1200],
      [2, "21124", "2025-07", "2025Q3", "reception_sessions", 13],
      [3, "21154", "2025-07", "2025Q3", "supervisions_with_front", 0],
    ]);
  });

  test("reports-wrapped.json: { reports: [...] }", async () => {
    const r = await run("reports-wrapped.json");
    expect([r.shape, r.rowsRead, r.errors]).toEqual(["json", 1, []]);
    expect(vals(r)).toEqual([
      [1, "21136", "2025-06", "2025Q2", "skilled_models", 1],
      [1, "21136", "2025-06", "2025Q2", "broadcast_items", 1024],
    ]);
  });

  test("dhis2.json: a DHIS2 data value set with orgUnit and period defaults", async () => {
    const r = await run("dhis2.json");
    expect([r.shape, r.rowsRead, r.errors]).toEqual(["dhis2", 3, []]);
    expect(vals(r)).toEqual([
      [1, "21136", "2025-06", "2025Q2", "meetings_held", 6],
      [2, "21139", "2025-06", "2025Q2", "reception_sessions", 12],
      [3, "21139", "2025-06", "2025Q1", "citizens_received", 1024],
    ]);
  });
});

describe("Excel", () => {
  test("template.xlsx: title rows, numeric and text cells, rich text, formula results; Excel row numbers", async () => {
    const r = await run("template.xlsx");
    expect([r.encoding, r.shape, r.rowsRead]).toEqual([null, "xlsx", 4]);
    expect(vals(r)).toEqual([
      [5, "21115", "2025-07", "2025Q3", "meetings_held", 12],
      [5, "21115", "2025-07", "2025Q3", "meeting_attendees", 1234],
      [5, "21115", "2025-07", "2025Q3", "reception_sessions", 13],
      [6, "21124", "2025-07", "2025Q3", "meetings_held", 8],
      [6, "21124", "2025-07", "2025Q3", "meeting_attendees", 1234],
      [6, "21124", "2025-07", "2025Q3", "reception_sessions", 16],
      [9, "21136", "2025-07", "2025Q3", "meetings_held", 0],
      [9, "21136", "2025-07", "2025Q3", "reception_sessions", 12],
    ]);
    expect(r.errors.map((e) => [e.line, e.column, e.code, e.value])).toEqual([
      [7, "Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)", "value_decimal", "2.5"],
      [7, "Số lượt người tham dự hội nghị, cuộc họp", "value_not_number", "#DIV/0!"],
    ]);
  });

  test("two-sheets.xlsx: a named sheet, matched without case or diacritics", async () => {
    const r = await run("two-sheets.xlsx", undefined, { sheetName: "so lieu" });
    expect([r.shape, r.rowsRead]).toEqual(["xlsx", 3]);
    expect(vals(r)).toEqual([
      [2, "21115", "2025-07", "2025Q3", "meetings_held", 5],
      [3, "21115", "2025-07", "2025Q3", "procedures_received", 10],
      [4, "21115", "2025-07", "2025Q3", "procedures_online", 11],
    ]);
    expect(r.errors.map((e) => e.messageVi)).toEqual([
      "Dòng 4: Số hồ sơ tiếp nhận trực tuyến (11) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (10) của Xã Trà " +
        "Bồng (21115), Quý III/2025: kiểm tra lại một trong hai số.",
    ]);
  });

  test("leading-zeros.xlsx: numeric codes get their zeros back", async () => {
    const r = await run("leading-zeros.xlsx", hanoiCtx);
    expect(vals(r)).toEqual([
      [2, "00001", "2025-06", "2025Q1", "meetings_held", 3],
      [3, "00004", "2025-07", "2025Q3", "meetings_held", 4],
    ]);
    expect(r.errors.map((e) => [e.line, e.code, e.messageEn])).toEqual([
      [
        4,
        "duplicate_value",
        "Line 4: Conferences and meetings held (incl. village meetings) of Phường Ba Đình (00004), Q3 2025 is " +
          "already given on line 3; each commune, quarter and element may appear only once in a file: keep one " +
          "of the two and delete the other.",
      ],
    ]);
  });
});
