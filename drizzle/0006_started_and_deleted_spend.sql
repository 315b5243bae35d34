CREATE TABLE "deleted_task_spend" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"model_slug" text NOT NULL,
	"credits" double precision
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deleted_task_spend" ADD CONSTRAINT "deleted_task_spend_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deleted_task_spend_user_created_idx" ON "deleted_task_spend" USING btree ("user_id","created_at");--> statement-breakpoint
-- Tasks from before started_at: the upstream answered their creation about when they were stored.
UPDATE "tasks" SET "started_at" = "created_at" WHERE "status" <> 'SUBMITTING';
