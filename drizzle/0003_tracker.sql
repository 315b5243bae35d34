CREATE TABLE "key_budgets" (
	"key_fingerprint" text PRIMARY KEY NOT NULL,
	"paused_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upstream_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key_fingerprint" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "next_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "checks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "tracking_state" text DEFAULT 'scheduled' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "tracking_note" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "callback_token_hash" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "outputs" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "mirror_state" text;--> statement-breakpoint
CREATE INDEX "upstream_calls_key_at_idx" ON "upstream_calls" USING btree ("key_fingerprint","at");--> statement-breakpoint
CREATE INDEX "tasks_due_idx" ON "tasks" USING btree ("next_check_at") WHERE "tasks"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "tasks_updated_idx" ON "tasks" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "tasks_lease_idx" ON "tasks" USING btree ("lease_until") WHERE "tasks"."lease_until" is not null;--> statement-breakpoint
-- Tasks from before the tracker: unfinished ones are checked at once, final ones are done.
UPDATE "tasks" SET "next_check_at" = now() WHERE "status" = 'IN_PROGRESS' AND "pollable";--> statement-breakpoint
UPDATE "tasks" SET "tracking_state" = 'done' WHERE "status" IN ('SUCCESS', 'FAILED');
