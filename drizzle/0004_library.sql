DROP INDEX "tasks_user_created_idx";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "favorite" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "search_text" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce("search_text", ''))) STORED;--> statement-breakpoint
CREATE INDEX "tasks_user_created_id_idx" ON "tasks" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_user_route_created_idx" ON "tasks" USING btree ("user_id","route","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_user_model_created_idx" ON "tasks" USING btree ("user_id","model_slug","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_user_status_created_idx" ON "tasks" USING btree ("user_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_user_favorite_created_idx" ON "tasks" USING btree ("user_id","created_at","id") WHERE "tasks"."favorite";--> statement-breakpoint
CREATE INDEX "tasks_search_idx" ON "tasks" USING gin ("search_vector");--> statement-breakpoint
-- Tasks from before the library: the words the app stores at insert (searchTextOf in
-- lib/server/tasks/task-search.ts), read from the stored request.
UPDATE "tasks" SET "search_text" = nullif(concat_ws(E'\n',
  nullif(btrim(CASE WHEN jsonb_typeof("request"->'prompt') = 'string' THEN "request"->>'prompt' END), ''),
  nullif(btrim(CASE WHEN jsonb_typeof("request"->'gpt_description_prompt') = 'string' THEN "request"->>'gpt_description_prompt' END), ''),
  nullif(btrim(CASE WHEN jsonb_typeof("request"->'title') = 'string' THEN "request"->>'title' END), ''),
  nullif(btrim(CASE WHEN jsonb_typeof("request"->'style') = 'string' THEN "request"->>'style' END), ''),
  (SELECT string_agg(nullif(btrim("item"->>'text'), ''), E'\n') FROM jsonb_array_elements(CASE WHEN jsonb_typeof("request"->'dialogue') = 'array' THEN "request"->'dialogue' ELSE '[]'::jsonb END) AS "item" WHERE jsonb_typeof("item"->'text') = 'string'),
  (SELECT string_agg(nullif(btrim("item"->>'prompt'), ''), E'\n') FROM jsonb_array_elements(CASE WHEN jsonb_typeof("request"->'multi_prompt') = 'array' THEN "request"->'multi_prompt' ELSE '[]'::jsonb END) AS "item" WHERE jsonb_typeof("item"->'prompt') = 'string')
), '');
