// Saved comparisons (/compare): one prompt run on several models side by side. Re-exported from
// schema.ts, so drizzle-kit and every query see one schema.
import "server-only";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./schema";

/** One column as stored: the request it sends, then the task it became (or why it did not). */
export interface StoredComparisonColumn {
  /** Catalog slug of the column's model. */
  model: string;
  /** The validated request body, exactly as sent to our task creation. */
  body: Record<string, unknown>;
  /** The public task id once the task exists; null before (or when its creation failed). */
  taskId: string | null;
  /** Why the task could not be created (the error body's fields); null otherwise. */
  error: { type: string; message: string } | null;
  /** A chat column's answer (chat comparisons have no tasks); absent on the task routes. */
  answer?: StoredComparisonAnswer | null;
}

/** What a chat column's call left: written when the call starts and again when it ends. */
export interface StoredComparisonAnswer {
  status: "streaming" | "complete" | "interrupted" | "error";
  content: string;
  reasoning: string | null;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  credits: number | null;
  durationMs: number | null;
  error: { type: string; message: string } | null;
}

export const comparisons = pgTable(
  "comparisons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What every column runs on: images, videos, music, speech (tasks) or chat (answers). */
    route: text("route").notNull(),
    prompt: text("prompt").notNull(),
    /** Model names hidden until a favourite is picked (columns are stored shuffled). */
    blind: boolean("blind").notNull().default(false),
    /** In the order shown (Column A first). */
    columns: jsonb("columns").$type<StoredComparisonColumn[]>().notNull(),
    /** Index into `columns` of the owner's pick; null until picked. */
    favoriteColumn: integer("favorite_column"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comparisons_user_created_idx").on(t.userId, t.createdAt, t.id)],
);

export type ComparisonRow = typeof comparisons.$inferSelect;
