import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine, tablesChecksum } from "../test-utils";
import { queryRows, type Database } from "../client";
import { z } from "zod";
import { int, intOrNull } from "../columns";
import { getImport, listImports, revertImport, runImport, type RunImportParams } from "./imports";
import { getUnitByCode } from "./units";
import { AppError } from "@/lib/errors";
import { encodeText } from "@/lib/ingest";

const FIGURES = ["data_values", "value_history"];
const enc = (s: string) => new TextEncoder().encode(s);

async function importText(database: Database, text: string | Uint8Array, extra: Partial<RunImportParams> = {}) {
  const district = await getUnitByCode(database.db, { structure: "2025-06", code: "525" });
  return runImport(database.db, {
    input: typeof text === "string" ? enc(text) : text,
    fileName: "bao-cao.csv",
    scopeUnitId: district!.id,
    mode: "commit",
    createdBy: "test",
    source: "api",
    maxBytes: 1 << 20,
    currentQuarter: "2025Q4",
    ...extra,
  });
}

async function stored(database: Database, code: string, period: string): Promise<Record<string, number>> {
  const rows = await queryRows(
    database.db,
    sql`select v.element_code, v.value from data_values v join units u on u.id = v.unit_id
        where u.code = ${code} and v.period = ${period} and u.structure = ${period >= "2025Q3" ? "2025-07" : "2025-06"} order by 1`,
    z.object({ element_code: z.string(), value: int }),
  );
  return Object.fromEntries(rows.map((r) => [r.element_code, r.value]));
}

// Semicolon-separated, Vietnamese headers, a name instead of a code, vi-VN thousands, an empty cell.
const WIDE = [
  "STT;Mã xã;Tên xã;Kỳ báo cáo;meetings_held;Số lượt người tham dự hội nghị, cuộc họp;procedures_received;procedures_online",
  "1;21136;Xã Trà Tân;Quý I/2025;12;1.234;180;152",
  "2;;trà xuân;2025-Q1;30;;200;190",
].join("\r\n");

describeEachEngine("runImport: one pipeline from bytes to stored figures", (get) => {
  it("previews without writing: counts new values, lists them, changes nothing", async () => {
    const before = await tablesChecksum(get(), FIGURES);
    const o = await importText(get(), WIDE, { mode: "preview" });
    expect(o.status).toBe("preview");
    expect(o.importId).toBeNull();
    expect(o.counts).toEqual({ rows: 2, values: 7, new: 7, changed: 0, unchanged: 0 });
    expect(o.changes.slice(0, 2)).toEqual([
      {
        unitCode: "21136",
        unitName: "Xã Trà Tân",
        period: "2025Q1",
        element: "meeting_attendees",
        oldValue: null,
        newValue: 1234,
        line: 2,
      },
      {
        unitCode: "21136",
        unitName: "Xã Trà Tân",
        period: "2025Q1",
        element: "meetings_held",
        oldValue: null,
        newValue: 12,
        line: 2,
      },
    ]);
    expect(await tablesChecksum(get(), FIGURES)).toBe(before);
  });

  it("commits exactly the figures of the file, and an empty cell stays unreported", async () => {
    const o = await importText(get(), WIDE);
    expect(o.status).toBe("committed");
    expect(o.counts).toEqual({ rows: 2, values: 7, new: 7, changed: 0, unchanged: 0 });
    expect(o.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await stored(get(), "21136", "2025Q1")).toEqual({
      meeting_attendees: 1234,
      meetings_held: 12,
      procedures_online: 152,
      procedures_received: 180,
    });
    expect(await stored(get(), "21115", "2025Q1")).toEqual({
      meetings_held: 30,
      procedures_online: 190,
      procedures_received: 200,
    });
    const imp = await getImport(get().db, { id: o.importId! });
    expect(imp).toMatchObject({
      status: "committed",
      fileName: "bao-cao.csv",
      shape: "wide",
      rowCount: 2,
      valueCount: 7,
      newCount: 7,
      createdBy: "test",
      source: "api",
    });
  });

  it("reports the same file again as unchanged and writes nothing", async () => {
    const before = await tablesChecksum(get(), FIGURES);
    const o = await importText(get(), WIDE);
    expect(o.status).toBe("unchanged");
    expect(o.counts).toEqual({ rows: 2, values: 7, new: 0, changed: 0, unchanged: 7 });
    expect(await tablesChecksum(get(), FIGURES)).toBe(before);
  });

  it("replaces a changed value, keeps the old one in history, and revert restores it exactly", async () => {
    const before = await tablesChecksum(get(), ["data_values"]);
    // Windows-1258 bytes (Excel "CSV" on Vietnamese Windows), long shape.
    const long = encodeText(
      "commune_code,period,element,value\n21136,Quý 1 năm 2025,meetings_held,14\n21136,2025Q1,dialogues_held,2\n",
      "windows-1258",
    );
    const o = await importText(get(), long);
    expect(o).toMatchObject({ status: "committed", encoding: "windows-1258", shape: "long" });
    expect(o.counts).toEqual({ rows: 2, values: 2, new: 1, changed: 1, unchanged: 0 });
    expect(o.changes.map((c) => [c.element, c.oldValue, c.newValue])).toEqual([
      ["meetings_held", 12, 14],
      ["dialogues_held", null, 2],
    ]);
    const history = await queryRows(
      get().db,
      sql`select old_value, new_value from value_history where import_id = ${o.importId} order by element_code`,
      z.object({ old_value: intOrNull, new_value: intOrNull }),
    );
    expect(history).toEqual([
      { old_value: null, new_value: 2 },
      { old_value: 12, new_value: 14 },
    ]);

    const r = await revertImport(get().db, { importId: o.importId!, createdBy: "test", source: "api" });
    expect(r).toMatchObject({ restored: 1, removed: 1 });
    expect(await stored(get(), "21136", "2025Q1")).toEqual({
      meeting_attendees: 1234,
      meetings_held: 12,
      procedures_online: 152,
      procedures_received: 180,
    });
    expect((await tablesChecksum(get(), ["data_values"])).split(":").slice(0, 2)).toEqual(
      before.split(":").slice(0, 2),
    );
    const list = await listImports(get().db, { limit: 2 });
    expect(list.map((i) => [i.status, i.revertsImportId])).toEqual([
      ["committed", o.importId],
      ["reverted", null],
    ]);
    // Reverting twice is refused in words.
    const again = await revertImport(get().db, { importId: o.importId!, createdBy: "test", source: "api" }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).status).toBe(409);
    expect((again as AppError).messageVi).toBe(
      `Không thể hoàn tác lần nhập số ${o.importId}: lần nhập này đã được hoàn tác trước đó.`,
    );
  });

  it("reverts a revert: the values the first revert removed come back", async () => {
    const added = await importText(
      get(),
      "commune_code,period,element,value\n21163,2025Q1,meetings_held,9\n21163,2025Q1,dialogues_held,1\n",
    );
    const undo = await revertImport(get().db, { importId: added.importId!, createdBy: "t", source: "api" });
    expect(await stored(get(), "21163", "2025Q1")).toEqual({});
    const redo = await revertImport(get().db, { importId: undo.revertImportId, createdBy: "t", source: "api" });
    expect(redo).toMatchObject({ restored: 2, removed: 0 });
    expect(await stored(get(), "21163", "2025Q1")).toEqual({ dialogues_held: 1, meetings_held: 9 });
  });

  it("refuses to revert an import whose figures a later import changed again", async () => {
    const first = await importText(get(), "commune_code,period,element,value\n21139,2025Q1,meetings_held,5\n");
    const second = await importText(get(), "commune_code,period,element,value\n21139,2025Q1,meetings_held,6\n");
    const err = (await revertImport(get().db, { importId: first.importId!, createdBy: "t", source: "api" }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(err.code).toBe("revert_conflict");
    expect(err.messageVi).toContain(`21139 2025Q1 meetings_held (#${second.importId})`);
    await revertImport(get().db, { importId: second.importId!, createdBy: "t", source: "api" });
    await revertImport(get().db, { importId: first.importId!, createdBy: "t", source: "api" });
    expect(await stored(get(), "21139", "2025Q1")).toEqual({});
  });

  it("refuses a file with errors, names line and column, records the refusal and leaves the figures as they were", async () => {
    const before = await tablesChecksum(get(), FIGURES);
    const bad = [
      "commune_code,period,procedures_received,procedures_online,meetings_held",
      "21136,2025Q2,120,130,12.5",
      "21136,2025Q2,1,1,1",
    ].join("\n");
    const o = await importText(get(), bad);
    expect(o.status).toBe("rejected");
    expect(o.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "meetings_held", "value_decimal"],
      [2, "procedures_online", "procedures_online_le_received"],
      [3, "procedures_received", "duplicate_value"],
      [3, "procedures_online", "duplicate_value"],
    ]);
    expect(o.errors[1].messageVi).toBe(
      "Dòng 2: Số hồ sơ tiếp nhận trực tuyến (130) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (120) của Xã " +
        "Trà Tân (21136), Quý II/2025: kiểm tra lại một trong hai số.",
    );
    expect(await tablesChecksum(get(), FIGURES)).toBe(before);
    const [last] = await listImports(get().db, { limit: 1 });
    expect(last).toMatchObject({ id: o.importId, status: "rejected", errorCount: 4, valueCount: 0 });
  });

  it("refuses a file over the size limit with 413 and writes nothing", async () => {
    const before = await tablesChecksum(get(), FIGURES);
    const err = (await importText(get(), WIDE, { maxBytes: 100 }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe("file_too_large");
    expect(err.status).toBe(413);
    expect(await tablesChecksum(get(), FIGURES)).toBe(before);
  });

  it("serializes two imports touching the same values: both land, as if one ran after the other", async () => {
    const a = "commune_code,period,element,value\n21148,2025Q1,meetings_held,7\n21148,2025Q1,dialogues_held,1\n";
    const b = "commune_code,period,element,value\n21148,2025Q1,meetings_held,8\n21148,2025Q1,dialogues_held,2\n";
    const [ra, rb] = await Promise.all([importText(get(), a), importText(get(), b)]);
    expect([ra.status, rb.status]).toEqual(["committed", "committed"]);
    const last = ra.importId! > rb.importId! ? 7 : 8;
    expect((await stored(get(), "21148", "2025Q1")).meetings_held).toBe(last);
    const history = await queryRows(
      get().db,
      sql`select h.old_value, h.new_value from value_history h join units u on u.id = h.unit_id
          where u.code = '21148' and h.element_code = 'meetings_held' order by h.id`,
      z.object({ old_value: intOrNull, new_value: int }),
    );
    // The second writer saw the first one's value as "old": no lost update.
    expect(history).toEqual(
      last === 8
        ? [
            { old_value: null, new_value: 7 },
            { old_value: 7, new_value: 8 },
          ]
        : [
            { old_value: null, new_value: 8 },
            { old_value: 8, new_value: 7 },
          ],
    );
  });

  it("warns about a value over 3× the commune's median of earlier quarters, without blocking", async () => {
    const history = ["commune_code,period,meetings_held,skilled_models"];
    for (const q of ["2024Q1", "2024Q2", "2024Q3"]) history.push(`21121,${q},20,`, `21124,${q},20,`, `21127,${q},,0`);
    expect((await importText(get(), history.join("\n"))).status).toBe("committed");
    const o = await importText(
      get(),
      [
        "commune_code,period,meetings_held,skilled_models",
        "21121,2024Q4,90,",
        "21124,2024Q4,60,",
        "21127,2024Q4,,2",
        "21130,2024Q4,1000,",
      ].join("\n"),
      { mode: "preview" },
    );
    expect(o.errorCount).toBe(0);
    // 60 is exactly 3× (not more); a median of 0 gives no baseline; 21130 has no history.
    expect(o.warnings).toEqual([
      {
        line: 2,
        column: "meetings_held",
        value: "90",
        code: "unusual_value",
        messageVi:
          "Dòng 2: Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn) của Xã Trà Thủy (21121), Quý IV/2024 là " +
          "90, lớn hơn 3 lần trung vị các quý trước của xã (20): kiểm tra lại số này; nếu đúng, vẫn có thể ghi.",
        messageEn:
          "Line 2: Conferences and meetings held (incl. village meetings) of Xã Trà Thủy (21121), Q4 2024 is " +
          "90, more than 3 times the commune's median of earlier quarters (20): check this figure; if it is " +
          "right, it can still be recorded.",
      },
    ]);
    expect(o.warningCount).toBe(1);
  });

  it(
    "warns when petitions carried over do not follow from the previous quarter (stored or in the same file), " +
      "only when it is known",
    async () => {
      const head = "commune_code,period,petitions_carried_over,petitions_received,petitions_resolved";
      const h = await importText(get(), [head, "21145,2025Q1,2,10,7", "21154,2024Q4,0,4,4"].join("\n"));
      expect([h.status, h.errorCount]).toEqual(["committed", 0]);
      const o = await importText(
        get(),
        [
          head,
          "21145,2025Q2,6,,", // stored 2025Q1: 2 + 10 − 7 = 5, not 6
          "21154,2025Q1,0,3,1", // stored 2024Q4: 0 + 4 − 4 = 0: as expected
          "21154,2025Q2,3,,", // 2025Q1 in this file: 0 + 3 − 1 = 2, not 3
          "21157,2025Q2,9,,", // no 2025Q1: not known, not flagged
        ].join("\n"),
        { mode: "preview" },
      );
      expect(o.errorCount).toBe(0);
      expect(o.warnings.map((w) => [w.line, w.column, w.value, w.code, w.messageVi])).toEqual([
        [
          2,
          "petitions_carried_over",
          "6",
          "carried_over_mismatch",
          "Dòng 2: Số đơn thư kỳ trước chuyển sang của Xã Trà Thanh (21145), Quý II/2025 là 6, nhưng theo số liệu " +
            "Quý I/2025 phải là 5 (2 chuyển sang + 10 tiếp nhận − 7 đã giải quyết): kiểm tra lại số này hoặc số liệu Quý I/2025.",
        ],
        [
          4,
          "petitions_carried_over",
          "3",
          "carried_over_mismatch",
          "Dòng 4: Số đơn thư kỳ trước chuyển sang của Xã Trà Phong (21154), Quý II/2025 là 3, nhưng theo số liệu " +
            "Quý I/2025 phải là 2 (0 chuyển sang + 3 tiếp nhận − 1 đã giải quyết): kiểm tra lại số này hoặc số liệu Quý I/2025.",
        ],
      ]);
      expect(o.warnings[0].messageEn).toBe(
        "Line 2: Petitions carried over from the previous quarter of Xã Trà Thanh (21145), Q2 2025 is 6, but Q1 " +
          "2025's figures give 5 (2 carried over + 10 received − 7 resolved): check this figure or Q1 2025's.",
      );
      expect(o.warningCount).toBe(2);
    },
  );

  it("resolves a code in the structure of its quarter: 21136 is Cà Đam from 2025Q3", async () => {
    const o = await importText(get(), "commune_code,period,element,value\n21136,2025Q3,meetings_held,40\n");
    expect(o.status).toBe("committed");
    const [row] = await queryRows(
      get().db,
      sql`select u.name from data_values v join units u on u.id = v.unit_id where v.period = '2025Q3'`,
      z.object({ name: z.string() }),
    );
    expect(row.name).toBe("Xã Cà Đam");
  });
});
