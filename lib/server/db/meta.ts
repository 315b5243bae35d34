// Installation facts kept in the database (first start time), shown in Settings.
import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "./open";
import { appMeta } from "./schema";

/** Records the first start once; returns when this installation was created. */
export async function ensureInstalledAt(db: Database): Promise<Date> {
  await db
    .insert(appMeta)
    .values({ key: "installed_at", value: new Date().toISOString() })
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(appMeta)
    .where(sql`${appMeta.key} = 'installed_at'`);
  return new Date(rows[0]?.value ?? Date.now());
}
