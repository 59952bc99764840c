/**
 * Narrative reports: the prose report a commune sends each period (docx/doc/pdf/txt), as read by
 * lib/reports, with every version kept (one current per commune and period) and its numbered items
 * indexed for full-text search without diacritics (a stored tsvector of f_unaccent(text), GIN).
 * The function f_unaccent and the text search configuration vn_unaccent are created by migration 0002.
 * Re-exported by db/schema.ts.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { units } from "./schema";

const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/** One version of one commune's report for one period (a quarter, 6 months, 9 months or a year). */
export const narrativeReports = pgTable(
  "narrative_reports",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    period: text("period").notNull(),
    version: smallint("version").notNull(),
    isCurrent: boolean("is_current").notNull().default(true),
    sha256: text("sha256").notNull(),
    fileName: text("file_name"),
    fileSize: integer("file_size"),
    format: text("format", { enum: ["docx", "doc", "pdf", "txt"] }).notNull(),
    legacyFont: text("legacy_font"),
    title: text("title").notNull(),
    preamble: text("preamble").notNull().default(""),
    closing: text("closing").notNull().default(""),
    /** Cited documents, stated figures (with the submitted figure at storage time), coverage, warnings: lib/reports types. */
    references: jsonb("references").notNull().default([]),
    figures: jsonb("figures").notNull().default([]),
    coverage: jsonb("coverage").notNull().default({}),
    warnings: jsonb("warnings").notNull().default([]),
    source: text("source", { enum: ["web", "api", "cli", "demo"] }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("narrative_reports_current_uq")
      .on(t.unitId, t.period)
      .where(sql`${t.isCurrent}`),
    index("narrative_reports_period_unit_idx").on(t.period, t.unitId),
    check("narrative_reports_period_ck", sql`${t.period} ~ '^[0-9]{4}(Q[1-4]|S[12]|N9)?$'`),
  ],
);

/** A numbered item of a report (part I item 3 …), with its topic and the text it recycles. */
export const narrativeReportItems = pgTable(
  "narrative_report_items",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => narrativeReports.id, { onDelete: "cascade" }),
    /** Copied from the report so that search filters without a join. */
    unitId: integer("unit_id").notNull(),
    period: text("period").notNull(),
    isCurrent: boolean("is_current").notNull().default(true),
    position: smallint("position").notNull(),
    part: text("part").notNull(),
    partKind: text("part_kind").notNull(),
    number: smallint("number").notNull(),
    title: text("title").notNull(),
    topic: text("topic").notNull(),
    text: text("text").notNull(),
    footnotes: jsonb("footnotes").notNull().default([]),
    repetition: jsonb("repetition").notNull().default([]),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, public.f_unaccent(title || ' ' || text))`),
  },
  (t) => [
    index("narrative_report_items_report_idx").on(t.reportId),
    index("narrative_report_items_search_idx").using("gin", t.search),
    index("narrative_report_items_period_topic_idx")
      .on(t.period, t.topic, t.unitId)
      .where(sql`${t.isCurrent}`),
    index("narrative_report_items_unit_period_idx").on(t.unitId, t.period),
  ],
);

export type NarrativeReportRow = typeof narrativeReports.$inferSelect;
export type NarrativeReportItemRow = typeof narrativeReportItems.$inferSelect;
