import { expect, it } from "vitest";
import { describeEachEngine, tablesChecksum } from "../test-utils";
import { queryRows } from "../client";
import { countRow } from "../columns";
import { sql } from "drizzle-orm";
import { getTargets, listTargets, upsertTarget } from "./targets";
import { indicators } from "@/lib/indicators/catalogue";
import { ValidationError } from "@/lib/errors";

describeEachEngine(
  "targets",
  (get) => {
    it("lists every indicator with its catalogue default while nothing is stored", async () => {
      const rows = await listTargets(get().db);
      expect(rows.map((r) => r.code)).toEqual(indicators.map((i) => i.code));
      expect(rows.find((r) => r.code === "online_rate")).toEqual({
        code: "online_rate",
        labelVi: "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
        labelEn: "Case files received online",
        kind: "rate",
        defaultTarget: 80,
        target: 80,
        overridden: false,
        updatedAt: null,
        updatedBy: null,
      });
      expect(rows.find((r) => r.code === "meetings")).toMatchObject({
        kind: "count",
        defaultTarget: null,
        target: null,
        overridden: false,
      });
      expect(rows.find((r) => r.code === "reception")).toMatchObject({ defaultTarget: 12, target: 12 });
    });

    it("stores a target, updates it, and puts it back on the default with null", async () => {
      const { db } = get();
      const set = await upsertTarget(db, { indicator: "online_rate", target: 85, updatedBy: "Nguyễn Văn A" });
      expect(set).toMatchObject({
        code: "online_rate",
        defaultTarget: 80,
        target: 85,
        overridden: true,
        updatedBy: "Nguyễn Văn A",
      });
      expect(set.updatedAt).toBeInstanceOf(Date);
      expect((await getTargets(db)).get("online_rate")).toBe(85);
      // A target for an indicator without a default, and a count target of 0.
      expect(await upsertTarget(db, { indicator: "meetings", target: 30, updatedBy: "B" })).toMatchObject({
        defaultTarget: null,
        target: 30,
        overridden: true,
      });
      expect((await upsertTarget(db, { indicator: "reception", target: 0, updatedBy: "B" })).target).toBe(0);
      const again = await upsertTarget(db, { indicator: "online_rate", target: 87.5, updatedBy: "C" });
      expect(again).toMatchObject({ target: 87.5, updatedBy: "C" });
      expect(again.updatedAt!.getTime()).toBeGreaterThanOrEqual(set.updatedAt!.getTime());
      const [{ n }] = await queryRows(db, sql`select count(*)::int as n from indicator_targets`, countRow);
      expect(n).toBe(3);

      for (const code of ["online_rate", "meetings", "reception"])
        await upsertTarget(db, { indicator: code, target: null, updatedBy: "C" });
      const back = await getTargets(db);
      expect([back.get("online_rate"), back.get("meetings"), back.get("reception")]).toEqual([80, null, 12]);
      expect((await listTargets(db)).every((r) => !r.overridden && r.updatedAt === null && r.updatedBy === null)).toBe(
        true,
      );
      // Resetting what is not stored changes nothing.
      expect(await upsertTarget(db, { indicator: "online_rate", target: null, updatedBy: "C" })).toMatchObject({
        target: 80,
        overridden: false,
      });
    });

    it("refuses a rate above 100, a negative count, an unknown indicator, writing nothing", async () => {
      const database = get();
      await upsertTarget(database.db, { indicator: "dialogues", target: 2, updatedBy: "A" });
      const before = await tablesChecksum(database, ["indicator_targets"]);
      const cases: [string, number, string][] = [
        ["online_rate", 100.5, "target"],
        ["on_time_rate", -1, "target"],
        ["dialogues", -2, "target"],
        ["no_such_indicator", 10, "indicator"],
      ];
      for (const [indicator, target, column] of cases) {
        const err = await upsertTarget(database.db, { indicator, target, updatedBy: "A" }).catch((e: unknown) => e);
        expect(err, `${indicator} ${target}`).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).status).toBe(422);
        expect((err as ValidationError).problems.map((p) => p.column)).toEqual([column]);
      }
      expect(await tablesChecksum(database, ["indicator_targets"])).toBe(before);
      await upsertTarget(database.db, { indicator: "dialogues", target: null, updatedBy: "A" });
    });
  },
  { demoUnits: false },
);
