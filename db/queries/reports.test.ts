import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { describeEachEngine, tablesChecksum } from "../test-utils";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { countRow, idRow, int } from "../columns";
import { getUserScope } from "./access";
import { runReportImport, type RunReportParams } from "./reports-store";
import { forgetSearchStats, searchReports } from "./reports-search";
import { getNarrativeFacts, getReport, getReportGrid, getTopicSideBySide, listReports } from "./reports-read";
import { listAuditEvents } from "./audit";

const FIX = path.join(__dirname, "..", "..", "lib", "reports", "__fixtures__");
const seedTxt = fs.readFileSync(path.join(FIX, "seed.txt"));
const TABLES = ["narrative_reports", "narrative_report_items", "units"];

async function idOf(db: DbOrTx, structure: string, code: string): Promise<number> {
  const [row] = await queryRows(db, sql`select id from units where structure = ${structure} and code = ${code}`, idRow);
  return row.id;
}

/** A short report of a commune, with one phrase of its own (and the seed's item on citizen reception for Trà Tân). */
function shortReport(commune: string, quarter: string, reception: string): Buffer {
  return Buffer.from(
    `Báo cáo kết quả công tác dân vận chính quyền ${quarter} năm 2025\nUBND xã ${commune} báo cáo như sau:\nI. ` +
      `KẾT QUẢ THỰC HIỆN\n1. Công tác lãnh đạo, chỉ đạo: ban hành kế hoạch năm.\n2. Công tác tiếp dân, giải ` +
      `quyết đơn thư: ${reception}\nII. NHIỆM VỤ THỜI GIAN TỚI\n1. Tiếp tục tuyên truyền.\nTrên đây là báo cáo của UBND xã ${commune}./.`,
  );
}

describeEachEngine("narrative reports: intake", (get) => {
  const actor = { userId: "u1", email: "rep@test.vn" };
  const params = async (db: DbOrTx, over: Partial<RunReportParams> = {}): Promise<RunReportParams> => ({
    bytes: seedTxt,
    fileName: "seed.txt",
    mode: "commit",
    user: { role: "reporter", unitId: await idOf(db, "2025-06", "21136"), email: "rep@test.vn" },
    source: "api",
    audit: { actor },
    ...over,
  });

  it("previews the seed without writing, then stores it, then finds it unchanged", async () => {
    const database = get();
    const { db } = database;
    const before = await tablesChecksum(database, TABLES);
    const preview = await runReportImport(db, await params(db, { mode: "preview" }));
    expect(await tablesChecksum(database, TABLES)).toBe(before);
    expect(preview).toMatchObject({
      status: "preview",
      reportId: null,
      unit: { code: "21136", name: "Xã Trà Tân" },
      period: "2025Q1",
      errors: [],
      warnings: [],
    });
    expect(preview.sections.filter((s) => s.part === "I").map((s) => s.topic)).toEqual([
      "direction",
      "propaganda",
      "emulation",
      "admin_reform",
      "discipline",
      "reception",
      "coordination",
    ]);
    expect(preview.sections.filter((s) => s.part === "II")).toHaveLength(8);
    expect(preview.references).toHaveLength(8);
    expect(preview.figures).toEqual([
      {
        text: "03 chương trình mục tiêu quốc gia",
        value: 3,
        element: null,
        part: "I",
        itemNumber: 3,
        submitted: null,
        check: null,
      },
    ]);
    const ii2 = preview.repetition.find((r) => r.part === "II" && r.number === 2)!;
    expect(ii2).toMatchObject({
      kind: "same_report",
      source: { part: "I", number: 2, unit: { code: "21136" }, period: "2025Q1" },
    });
    expect(ii2.share).toBeGreaterThan(0.9);
    expect(preview.coverage.missingTopics).toEqual([]);

    const stored = await runReportImport(db, await params(db));
    expect(stored).toMatchObject({ status: "stored", version: 1 });
    expect(stored.repetition.find((r) => r.part === "II" && r.number === 2)?.source.reportId).toBe(stored.reportId);
    const again = await runReportImport(db, await params(db));
    expect(again).toMatchObject({ status: "unchanged", reportId: stored.reportId, version: 1 });
    const [{ n }] = await queryRows(db, sql`select count(*)::int as n from narrative_reports`, countRow);
    expect(n).toBe(1);
    const trail = await listAuditEvents(db, { action: "report_store" });
    expect(trail.map((e) => e.target)).toEqual(["21136/2025Q1"]);
  });

  it("keeps the old version in history when a new one replaces it", async () => {
    const { db } = get();
    const v2 = Buffer.concat([seedTxt, Buffer.from("\n")]);
    const stored = await runReportImport(db, await params(db, { bytes: v2 }));
    expect(stored).toMatchObject({ status: "stored", version: 2 });
    expect(stored.warnings.map((w) => w.code)).toEqual(["replaces_version"]);
    const rows = await queryRows(
      db,
      sql`select version, is_current from narrative_reports order by version`,
      z.object({ version: int, is_current: z.boolean() }),
    );
    expect(rows.map((r) => [r.version, r.is_current])).toEqual([
      [1, false],
      [2, true],
    ]);
    const scope = await getUserScope(db, { role: "reporter", unitId: await idOf(db, "2025-06", "21136") });
    const report = await getReport(db, { id: stored.reportId!, scope });
    expect(report.versions.map((v) => [v.version, v.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
    // Search sees the current version only.
    expect(
      (await searchReports(db, { q: "Dân vận khéo", scope })).hits.every((h) => h.reportId === stored.reportId),
    ).toBe(true);
  });

  it("refuses, leaving the database unchanged: a scan, another commune's report, a locked quarter, an unknown period", async () => {
    const database = get();
    const { db } = database;
    const before = await tablesChecksum(database, TABLES);
    const scanned = await runReportImport(
      db,
      await params(db, { bytes: fs.readFileSync(path.join(FIX, "scanned.pdf")), fileName: "scan.pdf" }),
    );
    expect(scanned).toMatchObject({ status: "rejected", errors: [{ code: "pdf_no_text" }] });
    const other = await runReportImport(
      db,
      await params(db, { user: { role: "reporter", unitId: await idOf(db, "2025-06", "21142"), email: "x@test.vn" } }),
    );
    expect(other.status).toBe("rejected");
    expect(other.errors.map((e) => e.code)).toEqual(["unit_outside_scope"]);
    expect(other.errors[0].message).toContain("Xã Trà Tân (21136)");
    const forced = await runReportImport(
      db,
      await params(db, {
        unitCode: "21136",
        user: { role: "reporter", unitId: await idOf(db, "2025-06", "21142"), email: "x@test.vn" },
      }),
    );
    expect(forced.errors.map((e) => e.code)).toEqual(["unit_outside_scope"]);
    const noPeriod = await runReportImport(
      db,
      await params(db, {
        bytes: Buffer.from(
          "UBND xã Trà Tân báo cáo\nI. KẾT QUẢ\n1. Công tác tiếp dân: tốt, đầy đủ, kịp thời, đúng quy định hiện hành của pháp luật.",
        ),
      }),
    );
    expect(noPeriod.errors.map((e) => e.code)).toEqual(["period_unknown"]);
    const traTan = await idOf(db, "2025-06", "21136");
    await db.execute(
      sql`insert into period_approvals (unit_id, period, status, changed_by) values (${traTan}, '2025Q1', 'approved', 'test')`,
    );
    const before2 = await tablesChecksum(database, TABLES);
    expect(before2).toBe(before);
    const locked = await runReportImport(
      db,
      await params(db, { bytes: Buffer.concat([seedTxt, Buffer.from("\n\n")]) }),
    );
    expect(locked.errors.map((e) => e.code)).toEqual(["period_locked"]);
    await db.execute(sql`delete from period_approvals where unit_id = ${traTan}`);
    expect(await tablesChecksum(database, TABLES)).toBe(before);
    const refused = await listAuditEvents(db, { action: "report_rejected" });
    expect(refused).toHaveLength(5);
  });

  it("warns when the chosen unit or period differs from the text, and checks stated figures against submitted ones", async () => {
    const { db } = get();
    const analyst = { role: "analyst" as const, unitId: await idOf(db, "2025-06", "525"), email: "ana@test.vn" };
    const text = Buffer.from(
      "Báo cáo kết quả công tác dân vận chính quyền quý II năm 2025\nUBND xã Trà Tân báo cáo:\nI. KẾT QUẢ THỰC " +
        "HIỆN\n1. Công tác tiếp công dân: tiếp 12 lượt công dân; tổ chức 05 buổi đối thoại với Nhân dân; tiếp " +
        "nhận 40 hồ sơ thủ tục hành chính.\nII. NHIỆM VỤ\n1. Tiếp tục tiếp dân.",
    );
    const traTan = await idOf(db, "2025-06", "21136");
    await db.execute(
      sql`insert into imports (id, created_by, source, status) values (9001, 'test', 'api', 'committed')`,
    );
    await db.execute(
      sql`insert into data_values (unit_id, period, element_code, value, import_id) values (${traTan}, '2025Q2',
        'citizens_received', 12, 9001), (${traTan}, '2025Q2', 'dialogues_held', 4, 9001)`,
    );
    const out = await runReportImport(
      db,
      await params(db, {
        bytes: text,
        fileName: "q2.txt",
        mode: "preview",
        user: analyst,
        unitCode: "21140",
        period: "2025Q3",
      }),
    );
    expect(out.errors.map((e) => e.code)).toEqual(["unit_not_commune"]);
    const ok = await runReportImport(
      db,
      await params(db, { bytes: text, fileName: "q2.txt", mode: "preview", user: analyst }),
    );
    expect(ok.status).toBe("preview");
    expect(ok.figures.map((f) => [f.value, f.element, f.submitted, f.check])).toEqual([
      [12, "citizens_received", 12, "agree"],
      [5, "dialogues_held", 4, "differ"],
      [40, "procedures_received", null, "none"],
    ]);
    expect(ok.coverage.missingTopics).toEqual([
      "direction",
      "propaganda",
      "emulation",
      "admin_reform",
      "discipline",
      "coordination",
    ]);
    const mism = await runReportImport(
      db,
      await params(db, {
        bytes: text,
        fileName: "q2.txt",
        mode: "preview",
        user: analyst,
        period: "2025Q1",
        unitCode: "21142",
      }),
    );
    expect(mism.status).toBe("preview");
    expect(mism.warnings.map((w) => w.code)).toEqual(["period_mismatch", "unit_mismatch"]);
    expect(mism.unit?.code).toBe("21142");
  });
});

describeEachEngine("narrative reports: search, grid, topics, scope", (get) => {
  it("finds text without diacritics and by phrase, ranked, highlighted, within the reader's scope", async () => {
    const { db } = get();
    const analyst = { role: "analyst" as const, unitId: await idOf(db, "2025-06", "525"), email: "ana@test.vn" };
    const base = { mode: "commit" as const, user: analyst, source: "api" as const };
    await runReportImport(db, { ...base, bytes: seedTxt, fileName: "seed.txt" });
    await runReportImport(db, {
      ...base,
      bytes: shortReport(
        "Trà Bùi",
        "quý I",
        "đã tiếp công dân định kỳ, không có đơn thư tồn đọng, hòa giải tốt các vụ việc ở cơ sở.",
      ),
      fileName: "bui.txt",
    });
    await runReportImport(db, {
      ...base,
      bytes: shortReport(
        "Trà Giang",
        "quý I",
        "công dân được tiếp đúng lịch, trả lời kịp thời mọi kiến nghị, giải quyết dứt điểm.",
      ),
      fileName: "giang.txt",
    });

    const scopeA = await getUserScope(db, analyst);
    const plain = await searchReports(db, { q: "tiep cong dan", scope: scopeA });
    // Without quotes: every item holding the three words anywhere (the seed has several), the phrase ones among them.
    const keys = plain.hits.map((h) => `${h.unit.code}:${h.part}.${h.number}`);
    expect(keys).toContain("21136:I.6");
    expect(keys).toContain("21136:II.7");
    expect(keys).toContain("21142:I.2");
    expect(plain.total).toBe(plain.hits.length);
    expect(plain.capped).toBe(false);
    // Past maxRanked hits the total is a lower bound (capped) and the page is ranked among those read.
    const capped = await searchReports(db, { q: "tiep cong dan", scope: scopeA, maxRanked: 2, limit: 1 });
    expect([capped.total, capped.capped, capped.hits.length]).toEqual([2, true, 1]);
    expect(keys).toContain(`${capped.hits[0].unit.code}:${capped.hits[0].part}.${capped.hits[0].number}`);
    // A cap at the number of hits changes nothing; a page past the last hit still counts them.
    const atCap = await searchReports(db, { q: "tiep cong dan", scope: scopeA, maxRanked: plain.total });
    expect(atCap).toEqual(plain);
    const past = await searchReports(db, { q: "tiep cong dan", scope: scopeA, offset: 100 });
    expect([past.total, past.capped, past.hits]).toEqual([plain.total, false, []]);
    const phrase = await searchReports(db, { q: '"tiep cong dan"', scope: scopeA });
    expect(phrase.hits.map((h) => `${h.unit.code}:${h.part}.${h.number}`).sort()).toEqual([
      "21136:I.6",
      "21136:II.7",
      "21142:I.2",
    ]);
    expect(phrase.hits[0].unit.code).toBe("21136");
    expect(phrase.hits[0].part).toBe("II"); // three occurrences of the phrase rank first
    expect(phrase.hits.find((h) => h.unit.code === "21142")!.snippet).toContain(
      "<mark>tiếp</mark> <mark>công</mark> <mark>dân</mark>",
    );
    const accented = await searchReports(db, { q: '"tiếp công dân"', scope: scopeA });
    expect(accented.hits.map((h) => h.reportId)).toEqual(phrase.hits.map((h) => h.reportId));
    const topic = await searchReports(db, {
      q: "tiep cong dan",
      scope: scopeA,
      topic: "reception",
      periods: ["2025Q1"],
    });
    expect(topic.hits.every((h) => h.topic === "reception")).toBe(true);

    const reporter = await getUserScope(db, { role: "reporter", unitId: await idOf(db, "2025-06", "21142") });
    const mine = await searchReports(db, { q: "tiep cong dan", scope: reporter });
    expect(mine.hits.map((h) => h.unit.code)).toEqual(["21142"]);
    expect(mine.hits.every((h) => !h.snippet.includes("Phân công lịch"))).toBe(true);

    // However the matches are found (the whole query through the index, none of it: the scope's rows read, or its
    // rarest words through the index and the rows they yield tested), the answer is the same, scope included.
    for (const strategy of [{ indexed: "all" }, { indexed: 0 }, { indexed: 1 }, { indexed: 2 }] as const) {
      expect(await searchReports(db, { q: "tiep cong dan", scope: scopeA, strategy })).toEqual(plain);
      expect(await searchReports(db, { q: '"tiep cong dan"', scope: scopeA, strategy })).toEqual(phrase);
      expect(await searchReports(db, { q: '"tiếp công dân"', scope: scopeA, strategy })).toEqual(accented);
      expect(
        await searchReports(db, {
          q: "tiep cong dan",
          scope: scopeA,
          topic: "reception",
          periods: ["2025Q1"],
          strategy,
        }),
      ).toEqual(topic);
      expect(await searchReports(db, { q: "tiep cong dan", scope: reporter, strategy })).toEqual(mine);
      const past2 = await searchReports(db, { q: "tiep cong dan", scope: scopeA, offset: 100, strategy });
      expect([past2.total, past2.capped, past2.hits]).toEqual([plain.total, false, []]);
    }
    // Capped, only the first cappedRanked matches read are ranked; the total is still maxRanked, a lower bound.
    const firstRanked = await searchReports(db, {
      q: "tiep cong dan",
      scope: scopeA,
      maxRanked: 2,
      cappedRanked: 1,
      limit: 1,
    });
    expect([firstRanked.total, firstRanked.capped, firstRanked.hits.length]).toEqual([2, true, 1]);
    expect(keys).toContain(
      `${firstRanked.hits[0].unit.code}:${firstRanked.hits[0].part}.${firstRanked.hits[0].number}`,
    );
    // With the table's statistics (ANALYZE) the search chooses its way itself: still the same answer.
    await db.execute(sql`analyze narrative_report_items`);
    forgetSearchStats(db);
    expect(await searchReports(db, { q: "tiep cong dan", scope: scopeA })).toEqual(plain);
    expect(await searchReports(db, { q: '"tiếp công dân"', scope: scopeA })).toEqual(accented);
    expect(await searchReports(db, { q: "tiep cong dan", scope: reporter })).toEqual(mine);
    expect(await listReports(db, { scope: reporter })).toHaveLength(1);
    const traTanReport = (await listReports(db, { scope: scopeA, unitCodes: ["21136"] }))[0];
    await expect(getReport(db, { id: traTanReport.id, scope: reporter })).rejects.toMatchObject({ status: 404 });
  });

  it("names the source of recycled text only to readers of that commune", async () => {
    const { db } = get();
    const seedI6 =
      "Công tác tiếp dân, giải quyết đơn thư khiếu nại, tố cáo: Công tác tiếp dân, giải quyết đơn thư, khiếu " +
      "nại, tố cáo công dân được quan tâm lãnh đạo và giải quyết kịp thời những tâm tư, nguyện vọng chính " +
      "đáng của nhân dân. Phân công lịch lãnh đạo tiếp công dân hằng tuần theo quy định.";
    const copy = Buffer.from(
      `Báo cáo công tác dân vận chính quyền quý I năm 2025\nUBND xã Trà Bùi báo cáo:\nI. KẾT QUẢ THỰC HIỆN\n1. ` +
        `${seedI6}\nII. NHIỆM VỤ\n1. Làm tốt hơn.`,
    );
    const buiReporter = { role: "reporter" as const, unitId: await idOf(db, "2025-06", "21142"), email: "bui@test.vn" };
    const asReporter = await runReportImport(db, {
      bytes: copy,
      fileName: "copy.txt",
      mode: "preview",
      user: buiReporter,
      source: "api",
    });
    const hidden = asReporter.repetition.find((r) => r.kind === "other_commune")!;
    expect(hidden).toMatchObject({
      part: "I",
      number: 1,
      source: { reportId: null, unit: { code: "", name: "một xã khác" }, period: "2025Q1", part: "I", number: 6 },
    });
    expect(hidden.share).toBeGreaterThan(0.9);
    const analyst = { role: "analyst" as const, unitId: await idOf(db, "2025-06", "525"), email: "ana@test.vn" };
    const asAnalyst = await runReportImport(db, {
      bytes: copy,
      fileName: "copy.txt",
      mode: "preview",
      user: analyst,
      source: "api",
    });
    expect(asAnalyst.repetition.find((r) => r.kind === "other_commune")?.source.unit).toEqual({
      code: "21136",
      name: "Xã Trà Tân",
    });
  });

  it("shows a topic side by side and the grid of received / missing reports", async () => {
    const { db } = get();
    const analyst = { role: "analyst" as const, unitId: await idOf(db, "2025-06", "525"), email: "ana@test.vn" };
    const scope = await getUserScope(db, analyst);
    const cols = await getTopicSideBySide(db, {
      scope,
      scopeUnitId: analyst.unitId,
      period: "2025Q1",
      topic: "reception",
      part: "results",
    });
    const withText = cols
      .filter((c) => c.items.length)
      .map((c) => [c.unit.code, c.items.map((i) => `${i.part}.${i.number}`)]);
    expect(withText).toEqual([
      ["21118", ["I.2"]],
      ["21136", ["I.6"]],
      ["21142", ["I.2"]],
    ]);
    // Every commune of the district has a column, empty when it sent nothing.
    expect(cols.map((c) => c.unit.code)).toContain("21124");
    const facts = await getNarrativeFacts(db, { scope, scopeUnitId: analyst.unitId, period: "2025Q1" });
    const traTanFacts = facts.find((f) => f.unitName === "Xã Trà Tân")!;
    expect(traTanFacts.topics?.direction?.references).toEqual(["Kế hoạch số 44/KH-UBND"]);
    expect(traTanFacts.topics?.emulation?.figures).toEqual([
      { text: "03 chương trình mục tiêu quốc gia", check: null, submitted: null },
    ]);
    expect(traTanFacts.topics?.coordination?.references).toEqual([
      "Quyết định số 217-QĐ/TW",
      "Quyết định số 218-QĐ/TW",
    ]);
    expect(facts.find((f) => f.unitName === "Xã Trà Hiệp")?.topics).toBeNull();
    const grid = await getReportGrid(db, { scope, scopeUnitId: analyst.unitId, quarters: ["2025Q1", "2025Q2"] });
    const traTan = grid.find((r) => r.unit.code === "21136")!;
    expect(traTan.cells.map((c) => c.state)).toEqual(["late", "missing"]);
  });
});
