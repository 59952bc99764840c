CREATE TABLE "data_elements" (
	"code" text PRIMARY KEY NOT NULL,
	"label_vi" text NOT NULL,
	"label_en" text NOT NULL,
	"group" text NOT NULL,
	"kind" text NOT NULL,
	"sort_order" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_values" (
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"element_code" text NOT NULL,
	"value" integer NOT NULL,
	"import_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_values_unit_id_period_element_code_pk" PRIMARY KEY("unit_id","period","element_code"),
	CONSTRAINT "data_values_value_ck" CHECK ("data_values"."value" >= 0),
	CONSTRAINT "data_values_period_ck" CHECK ("data_values"."period" ~ '^[0-9]{4}Q[1-4]$')
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"source" text NOT NULL,
	"file_name" text,
	"file_size" integer,
	"sha256" text,
	"shape" text,
	"status" text NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"value_count" integer DEFAULT 0 NOT NULL,
	"new_count" integer DEFAULT 0 NOT NULL,
	"changed_count" integer DEFAULT 0 NOT NULL,
	"unchanged_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"reverts_import_id" integer,
	"reverted_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"indicator_code" text PRIMARY KEY NOT NULL,
	"target" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"code" text PRIMARY KEY NOT NULL,
	"label_vi" text NOT NULL,
	"label_en" text NOT NULL,
	"kind" text NOT NULL,
	"numerator" text[] NOT NULL,
	"denominator" text[] NOT NULL,
	"default_target" double precision,
	"sort_order" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_merges" (
	"old_unit_id" integer NOT NULL,
	"new_unit_id" integer NOT NULL,
	CONSTRAINT "unit_merges_old_unit_id_new_unit_id_pk" PRIMARY KEY("old_unit_id","new_unit_id")
);
--> statement-breakpoint
CREATE TABLE "unit_structures" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"structure" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_id" integer,
	"province_code" text NOT NULL,
	CONSTRAINT "units_level_ck" CHECK ("units"."level" in ('province', 'district', 'commune'))
);
--> statement-breakpoint
CREATE TABLE "value_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"element_code" text NOT NULL,
	"old_value" integer,
	"new_value" integer,
	"import_id" integer NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_element_code_data_elements_code_fk" FOREIGN KEY ("element_code") REFERENCES "public"."data_elements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_code_indicators_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."indicators"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_merges" ADD CONSTRAINT "unit_merges_old_unit_id_units_id_fk" FOREIGN KEY ("old_unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_merges" ADD CONSTRAINT "unit_merges_new_unit_id_units_id_fk" FOREIGN KEY ("new_unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_structure_unit_structures_code_fk" FOREIGN KEY ("structure") REFERENCES "public"."unit_structures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_history" ADD CONSTRAINT "value_history_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_values_period_element_idx" ON "data_values" USING btree ("period","element_code");--> statement-breakpoint
CREATE INDEX "data_values_import_idx" ON "data_values" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "imports_created_idx" ON "imports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "unit_merges_new_idx" ON "unit_merges" USING btree ("new_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_structure_code_uq" ON "units" USING btree ("structure","code");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "value_history_import_idx" ON "value_history" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "value_history_unit_period_idx" ON "value_history" USING btree ("unit_id","period");