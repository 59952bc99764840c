/**
 * The database schema. Tables are plural, snake_case in SQL. Every large table (data values,
 * value history) carries `unit_id` so it can later be partitioned or distributed by unit.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** An administrative structure: the state of units on a date (before / after the 1 July 2025 reform). */
export const unitStructures = pgTable("unit_structures", {
  code: text("code").primaryKey(), // "2025-06", "2025-07"
  nameVi: text("name_vi").notNull(),
  nameEn: text("name_en").notNull(),
  validFrom: date("valid_from").notNull(),
  validTo: date("valid_to"),
});

/** Administrative units as a tree of any depth, one tree per structure. */
export const units = pgTable(
  "units",
  {
    id: serial("id").primaryKey(),
    structure: text("structure")
      .notNull()
      .references(() => unitStructures.code),
    code: text("code").notNull(), // official GSO code, leading zeros kept
    name: text("name").notNull(),
    level: text("level", { enum: ["province", "district", "commune"] }).notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => units.id),
    provinceCode: text("province_code").notNull(),
  },
  (t) => [
    uniqueIndex("units_structure_code_uq").on(t.structure, t.code),
    index("units_parent_idx").on(t.parentId),
    check("units_level_ck", sql`${t.level} in ('province', 'district', 'commune')`),
  ],
);

/** The official old → new mapping of 1 July 2025 (many-to-many). */
export const unitMerges = pgTable(
  "unit_merges",
  {
    oldUnitId: integer("old_unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
    newUnitId: integer("new_unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.oldUnitId, t.newUnitId] }), index("unit_merges_new_idx").on(t.newUnitId)],
);

/** Data elements, seeded from lib/indicators/catalogue.ts. */
export const dataElements = pgTable("data_elements", {
  code: text("code").primaryKey(),
  labelVi: text("label_vi").notNull(),
  labelEn: text("label_en").notNull(),
  group: text("group").notNull(),
  kind: text("kind", { enum: ["stock", "flow"] }).notNull(),
  sortOrder: smallint("sort_order").notNull(),
});

/** Indicators, seeded from lib/indicators/catalogue.ts; the formula is data (element lists). */
export const indicators = pgTable("indicators", {
  code: text("code").primaryKey(),
  labelVi: text("label_vi").notNull(),
  labelEn: text("label_en").notNull(),
  kind: text("kind", { enum: ["count", "rate"] }).notNull(),
  numerator: text("numerator").array().notNull(),
  denominator: text("denominator").array().notNull(),
  defaultTarget: doublePrecision("default_target"),
  sortOrder: smallint("sort_order").notNull(),
});

/** Targets set by an administrator; the catalogue default applies where there is no row. */
export const indicatorTargets = pgTable("indicator_targets", {
  indicatorCode: text("indicator_code")
    .primaryKey()
    .references(() => indicators.code),
  target: doublePrecision("target"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by"),
});

/** One row per upload (and per revert): who, when, what file, what came of it. */
export const imports = pgTable(
  "imports",
  {
    id: serial("id").primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
    source: text("source", { enum: ["web", "api", "cli", "demo", "revert", "form"] }).notNull(),
    fileName: text("file_name"),
    fileSize: integer("file_size"),
    sha256: text("sha256"),
    shape: text("shape"),
    status: text("status", { enum: ["committed", "unchanged", "rejected", "reverted"] }).notNull(),
    rowCount: integer("row_count").notNull().default(0),
    valueCount: integer("value_count").notNull().default(0),
    newCount: integer("new_count").notNull().default(0),
    changedCount: integer("changed_count").notNull().default(0),
    unchangedCount: integer("unchanged_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** For a revert: the import it undid. */
    revertsImportId: integer("reverts_import_id"),
    revertedAt: timestamp("reverted_at", { withTimezone: true }),
    note: text("note"),
  },
  (t) => [index("imports_created_idx").on(t.createdAt)],
);

/** The current figure of one element for one commune and quarter. Empty = absent row (not reported). */
export const dataValues = pgTable(
  "data_values",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    period: text("period").notNull(), // quarter code, e.g. 2025Q1
    elementCode: text("element_code")
      .notNull()
      .references(() => dataElements.code),
    value: integer("value").notNull(),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.period, t.elementCode] }),
    index("data_values_period_element_idx").on(t.period, t.elementCode),
    index("data_values_import_idx").on(t.importId),
    check("data_values_value_ck", sql`${t.value} >= 0`),
    check("data_values_period_ck", sql`${t.period} ~ '^[0-9]{4}Q[1-4]$'`),
  ],
);

/** Every change of a value: old → new (null old = added, null new = removed), by which import. */
export const valueHistory = pgTable(
  "value_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    unitId: integer("unit_id").notNull(),
    period: text("period").notNull(),
    elementCode: text("element_code").notNull(),
    oldValue: integer("old_value"),
    newValue: integer("new_value"),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("value_history_import_idx").on(t.importId),
    index("value_history_unit_period_idx").on(t.unitId, t.period),
  ],
);

/**
 * The data-entry form's draft of one commune's quarter (app/units/[code]/[period]): the officer's
 * inputs as typed (field → text), kept while they do not pass the rules. A draft is never counted:
 * only a valid save goes through the import store and becomes figures; it then deletes the draft.
 */
export const entryDrafts = pgTable(
  "entry_drafts",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    period: text("period").notNull(),
    inputs: jsonb("inputs").$type<Record<string, string>>().notNull(),
    errorCount: integer("error_count").notNull().default(0),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.period] }),
    check("entry_drafts_period_ck", sql`${t.period} ~ '^[0-9]{4}Q[1-4]$'`),
  ],
);

/** Small key/value settings kept in the database so every app instance sees the same. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The data version: one row, bumped by a statement trigger on every table a figure depends on (migration
 * 0003), so a computed result stored under a version is served only while nothing it read has changed.
 */
export const dataVersion = pgTable("data_version", {
  id: integer("id").primaryKey().default(1),
  version: bigint("version", { mode: "number" }).notNull().default(1),
});

/**
 * Computed results (indicator tables, completeness) shared by every app instance, keyed by what was asked
 * and who asked, valid for one data version (db/queries/result-cache.ts).
 */
export const resultCache = pgTable("result_cache", {
  key: text("key").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull(),
  // The result as JSON text: an API answer sends it as it is, without parsing and serializing it again.
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export * from "./schema-auth";
export * from "./schema-reports";

export type Unit = typeof units.$inferSelect;
