CREATE TABLE "entry_drafts" (
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entry_drafts_unit_id_period_pk" PRIMARY KEY("unit_id","period"),
	CONSTRAINT "entry_drafts_period_ck" CHECK ("entry_drafts"."period" ~ '^[0-9]{4}Q[1-4]$')
);
--> statement-breakpoint
ALTER TABLE "period_approvals" ADD COLUMN "comment" text;--> statement-breakpoint
ALTER TABLE "entry_drafts" ADD CONSTRAINT "entry_drafts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;