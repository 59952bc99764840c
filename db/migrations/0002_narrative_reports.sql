-- Search without diacritics ("tiep cong dan" finds "tiếp công dân"): unaccent, an immutable wrapper the
-- stored tsvector can use, and a text search configuration ts_headline highlights accented text with.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vn_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION public.vn_unaccent (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION public.vn_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, simple;
  END IF;
END $$;--> statement-breakpoint
CREATE TABLE "narrative_report_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"position" smallint NOT NULL,
	"part" text NOT NULL,
	"part_kind" text NOT NULL,
	"number" smallint NOT NULL,
	"title" text NOT NULL,
	"topic" text NOT NULL,
	"text" text NOT NULL,
	"footnotes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"repetition" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, public.f_unaccent(title || ' ' || text))) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "narrative_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"version" smallint NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text,
	"file_size" integer,
	"format" text NOT NULL,
	"legacy_font" text,
	"title" text NOT NULL,
	"preamble" text DEFAULT '' NOT NULL,
	"closing" text DEFAULT '' NOT NULL,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"figures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"coverage" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replaced_at" timestamp with time zone,
	CONSTRAINT "narrative_reports_period_ck" CHECK ("narrative_reports"."period" ~ '^[0-9]{4}(Q[1-4]|S[12]|N9)?$')
);
--> statement-breakpoint
ALTER TABLE "narrative_report_items" ADD CONSTRAINT "narrative_report_items_report_id_narrative_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."narrative_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "narrative_reports" ADD CONSTRAINT "narrative_reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "narrative_report_items_report_idx" ON "narrative_report_items" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "narrative_report_items_search_idx" ON "narrative_report_items" USING gin ("search");--> statement-breakpoint
CREATE INDEX "narrative_report_items_period_topic_idx" ON "narrative_report_items" USING btree ("period","topic","unit_id") WHERE "narrative_report_items"."is_current";--> statement-breakpoint
CREATE INDEX "narrative_report_items_unit_period_idx" ON "narrative_report_items" USING btree ("unit_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "narrative_reports_current_uq" ON "narrative_reports" USING btree ("unit_id","period") WHERE "narrative_reports"."is_current";--> statement-breakpoint
CREATE INDEX "narrative_reports_period_unit_idx" ON "narrative_reports" USING btree ("period","unit_id");