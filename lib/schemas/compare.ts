// Comparisons (/compare): one prompt, up to four models of one kind side by side. Isomorphic: the
// Compare page and the /api/v1/comparisons routes share these schemas.
import { z } from "zod";
import { textSchema } from "@/lib/catalog/text";
import { chatMessageStatuses, chatUsageSchema } from "./chat";
import { taskListItemSchema } from "./tasks";

/**
 * The routes a comparison can run on: one kind of output, several models. A chat comparison has
 * one model with different settings per column, answered in place (no task).
 */
export const compareRoutes = ["images", "videos", "music", "speech", "chat"] as const;
export type CompareRoute = (typeof compareRoutes)[number];
/** The routes whose columns become tasks. */
export type TaskCompareRoute = Exclude<CompareRoute, "chat">;

export const minCompareColumns = 2;
export const maxCompareColumns = 4;
export const maxComparePromptLength = 5000;

/** Column letters, as blind mode names the columns. */
export const columnLetter = (index: number) => String.fromCharCode(65 + index);

/**
 * `POST /api/v1/comparisons`. Each column is a complete request body for `route` (the same body
 * the mirrored route takes); `prompt` is the text they share, kept for the list and the page.
 */
export const comparisonCreateSchema = z.strictObject({
  route: z.enum(compareRoutes),
  // The catalog's text rule: no NUL or other control character, no lone surrogate (neither can
  // be stored), line breaks and tabs allowed.
  prompt: textSchema({
    kind: "multiline",
    min: 1,
    max: maxComparePromptLength,
    notBlank: true,
  }),
  blind: z.boolean().default(false),
  columns: z
    .array(z.record(z.string(), z.unknown()))
    .min(minCompareColumns, `at least ${minCompareColumns} columns`)
    .max(maxCompareColumns, `at most ${maxCompareColumns} columns`),
});
export type ComparisonCreate = z.input<typeof comparisonCreateSchema>;

/** `PATCH /api/v1/comparisons/{id}`: the favourite column (which reveals a blind comparison). */
export const comparisonPatchSchema = z.strictObject({
  favorite_column: z
    .number()
    .int()
    .min(0)
    .max(maxCompareColumns - 1)
    .nullable(),
});
export type ComparisonPatch = z.infer<typeof comparisonPatchSchema>;

export const comparisonParamsSchema = z.object({ id: z.uuid("is not a comparison id") });

export const comparisonListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/**
 * A chat column's answer as it stands: `streaming` while the call runs (the page polls our
 * database), then complete, error or interrupted (a restart cut it off) with what arrived.
 */
export const comparisonAnswerSchema = z.object({
  status: z.enum(chatMessageStatuses),
  content: z.string(),
  reasoning: z.string().nullable(),
  usage: chatUsageSchema.nullable(),
  credits: z.number().nullable(),
  duration_ms: z.number().nullable(),
  error: z.object({ type: z.string(), message: z.string() }).nullable(),
});
export type ComparisonAnswer = z.infer<typeof comparisonAnswerSchema>;

export const comparisonColumnSchema = z.object({
  /** Catalog slug of the column's model. */
  model: z.string(),
  /** The request body the column sent. */
  body: z.record(z.string(), z.unknown()),
  /** The task it became; null when its creation failed (see `error`) or has not happened yet. */
  task_id: z.string().nullable(),
  /** Why its task could not be created. */
  error: z.object({ type: z.string(), message: z.string() }).nullable(),
  /** The task as `GET /api/v1/tasks` lists it; null without one (or once it was deleted). */
  task: taskListItemSchema.nullable(),
  /** A chat column's answer; null on the task routes. */
  answer: comparisonAnswerSchema.nullable(),
});
export type ComparisonColumn = z.infer<typeof comparisonColumnSchema>;

export const comparisonSchema = z.object({
  id: z.string(),
  route: z.enum(compareRoutes),
  prompt: z.string(),
  blind: z.boolean(),
  /** Index of the picked column; null until one is picked. */
  favorite_column: z.number().int().nullable(),
  created_at: z.string(),
  /** In the order shown; a blind comparison's are shuffled when it is created. */
  columns: z.array(comparisonColumnSchema),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const comparisonReplySchema = z.object({ comparison: comparisonSchema });
export const comparisonListReplySchema = z.object({ comparisons: z.array(comparisonSchema) });
export type ComparisonListReply = z.infer<typeof comparisonListReplySchema>;
export const comparisonDeleteReplySchema = z.object({ id: z.string(), deleted: z.literal(true) });

/** Model names may be shown: not blind, or a favourite has been picked. */
export const namesRevealed = (c: Pick<Comparison, "blind" | "favorite_column">) =>
  !c.blind || c.favorite_column !== null;
