// The one Postgres schema, shared by embedded PGlite and a real Postgres server.
import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Facts about this installation; `installed_at` proves a restart reused the same data. */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
