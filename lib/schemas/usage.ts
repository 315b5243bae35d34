// `GET /api/v1/usage`: what the signed-in user's tasks cost, by day and by model, in their time
// zone (isomorphic: the route answers it, the Usage page and the header's spend read it).
import { z } from "zod";

/**
 * An IANA zone name ("Europe/Paris", "UTC", "Etc/GMT+1"). Offsets like "+01:00" are refused even
 * where Intl takes them: Postgres reads them as POSIX zones, east and west inverted.
 */
const zoneNamePattern = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

function isTimeZone(name: string): boolean {
  if (!zoneNamePattern.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const maxUsageDays = 366;

/** `?days=30&tz=Europe/Paris`: the last `days` days (today included) in the IANA zone `tz`. */
export const usageQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(maxUsageDays).default(30),
  tz: z
    .string()
    .max(64)
    .refine(isTimeZone, "is not an IANA time zone (e.g. Europe/Paris)")
    .default("UTC"),
});
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** Credits are counted on the day a task was created, in `tz`; tasks without a cost count 0. */
export const usageReplySchema = z.object({
  tz: z.string(),
  /** Every day of the range, oldest first, days without tasks included (credits 0). */
  days: z.array(
    z.object({
      /** YYYY-MM-DD in `tz`. */
      date: z.string(),
      credits: z.number(),
      tasks: z.number().int(),
      /** Catalog slug → credits that day (models with a cost only). */
      by_model: z.record(z.string(), z.number()),
    }),
  ),
  /** Over the range, most credits first. */
  models: z.array(z.object({ model: z.string(), credits: z.number(), tasks: z.number().int() })),
  /** Today, this week (from Monday) and this month so far in `tz`, and the whole range. */
  totals: z.object({
    today: z.number(),
    week: z.number(),
    month: z.number(),
    range: z.number(),
  }),
});
export type UsageReply = z.infer<typeof usageReplySchema>;
