// Our task and upload HTTP contract (isomorphic): the replies of the mirrored task routes, the task
// list the forms pick earlier outputs from, and the upload reply. Forms and routes share them.
import { z } from "zod";
import { models } from "@/lib/catalog";
import { routeIds, type ModelEntry, type RouteId } from "@/lib/catalog/types";
import { taskCreatedSchema, taskInfoSchema, taskStatuses } from "./api";

/** The IETF draft's header name; the forms send one per submission to stop double charges. */
export const idempotencyKeyHeader = "Idempotency-Key";

/** 1–255 printable ASCII characters (a UUID is the usual choice). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x20-\x7e]{1,255}$/, "must be 1–255 printable ASCII characters");

/**
 * A task id in a path: opaque, but printable ASCII without spaces and of sane length (the upstream's
 * look like "n41xxxx_flux2"). Anything else names no task: 404, never a database error.
 */
export const taskIdSchema = z.string().regex(/^[\x21-\x7e]{1,256}$/, "is not a task id");
export const taskParamsSchema = z.object({ task_id: taskIdSchema });

/** Set to "true" on an answer repeated from an earlier request with the same Idempotency-Key. */
export const idempotentReplayedHeader = "Idempotent-Replayed";

/** `POST /api/v1/<route>`: the upstream's envelope around `{task_id, status}`. */
export const taskCreatedReplySchema = z.object({
  code: z.literal(200),
  message: z.literal("success"),
  data: taskCreatedSchema,
});
export type TaskCreatedReply = z.infer<typeof taskCreatedReplySchema>;

/** `GET /api/v1/tasks/{task_id}`: the upstream's status envelope, answered from our database. */
export const taskStatusReplySchema = z.object({
  code: z.literal(200),
  message: z.literal("success"),
  data: taskInfoSchema,
});

export const outputKinds = ["image", "video", "audio"] as const;

/** What the library files a task under: one kind per route, the four AI tools together. */
export const taskKinds = ["image", "video", "music", "speech", "tool"] as const;
export type TaskKind = (typeof taskKinds)[number];
export const routeKind: Record<RouteId, TaskKind> = {
  images: "image",
  videos: "video",
  music: "music",
  speech: "speech",
  "remove-bg": "tool",
  "face-swap": "tool",
  upscale: "tool",
  "video-bg-remover": "tool",
};
export const routesOfKind = (kind: TaskKind): RouteId[] =>
  routeIds.filter((route) => routeKind[route] === kind);

/**
 * The tracker's view of a task: `submitting` (being created), `scheduled` (the tracker will ask
 * at next_check_at), `waiting` (held back by the key's rate limit or a paused key), `timed_out`
 * (past its model's ceiling: nobody asks until someone presses "check again"), `unavailable` (the
 * key it was created with is gone), `saving` (finished upstream, its outputs being copied into our
 * storage: the task reads IN_PROGRESS until that ends), `done` (final).
 */
export const trackingStates = [
  "submitting",
  "scheduled",
  "waiting",
  "timed_out",
  "unavailable",
  "saving",
  "done",
] as const;
export type TrackingState = (typeof trackingStates)[number];

const mediaControls = new Set(["image-url", "image-urls", "video-url"]);

/**
 * A request's image and video URLs, in the catalog's field order: a list item's `inputs` (a
 * tool card shows the first beside its result).
 */
export function mediaInputsOf(
  request: Readonly<Record<string, unknown>>,
  entry: ModelEntry | undefined,
): string[] {
  if (!entry) return [];
  return entry.fields
    .filter((field) => mediaControls.has(field.control.kind))
    .flatMap((field) => {
      const value = request[field.name];
      return (Array.isArray(value) ? value : [value]).filter(
        (v): v is string => typeof v === "string" && v !== "",
      );
    });
}

/** One of the signed-in user's tasks, as `GET /api/v1/tasks` lists it. */
export const taskListItemSchema = z.object({
  task_id: z.string(),
  route: z.enum(routeIds),
  /** Catalog slug, e.g. "flux-2". */
  model: z.string(),
  /** The `model` value the request carried, e.g. "imagen4-fast"; null when it had none. */
  model_value: z.string().nullable(),
  /** What the outputs are, from the catalog. */
  output: z.enum(outputKinds),
  /** The library's filing: image, video, music, speech or tool (from the route). */
  kind: z.enum(taskKinds),
  /** Starred by its owner (`PATCH /api/v1/tasks/{task_id}`). */
  favorite: z.boolean(),
  /** The owner's own name for it; null until given. */
  title: z.string().nullable(),
  status: z.enum(taskStatuses),
  created_at: z.string(),
  /** When API in One answered its creation and it started running there (ISO); null while it is being created. */
  started_at: z.string().nullable(),
  /** When it reached SUCCESS or FAILED (ISO); null while it runs. */
  completed_at: z.string().nullable(),
  /** Output URLs (empty until SUCCESS). */
  response: z.array(z.string()),
  consumed_credits: z.number().nullable(),
  error_message: z.string().nullable(),
  /** The start of the prompt (or dialogue, or lyrics) for a list label; null for tools. */
  prompt_preview: z.string().nullable(),
  /** The request's image and video URLs (a tool's input, a reference image), in form order. */
  inputs: z.array(z.string()),
  /** The request's `aspect_ratio` ("16:9"), if it had one: a card's shape before its media loads. */
  aspect_ratio: z.string().nullable(),
  /** The upstream's own output URLs; `response` points at our stored copies once mirrored. */
  original_response: z.array(z.string()),
  /** What the server's tracker is doing about this task (why it is not finished yet). */
  tracking: z.object({
    state: z.enum(trackingStates),
    /** When the tracker will next ask the upstream (ISO), if it will. */
    next_check_at: z.string().nullable(),
    /** A sentence for people: why it waits, or why it stopped. */
    note: z.string().nullable(),
  }),
});
export type TaskListItem = z.infer<typeof taskListItemSchema>;

/**
 * A page of tasks, newest first. `next_cursor` reads the page after this one (keyset: stable while
 * new tasks arrive); null on the last page.
 */
export const taskListReplySchema = z.object({
  tasks: z.array(taskListItemSchema),
  next_cursor: z.string().nullable(),
});

/** `POST /api/v1/tasks/{task_id}/check` (202): the task as it stands once the check is asked for. */
export const taskCheckReplySchema = z.object({ task: taskListItemSchema });
export type TaskCheckReply = z.infer<typeof taskCheckReplySchema>;
export type TaskListReply = z.infer<typeof taskListReplySchema>;

export const maxTaskListLimit = 100;

/**
 * Free text without control characters (NUL included) or broken Unicode (a lone surrogate cannot
 * be stored): what a search box or a title may hold.
 */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters")
    .refine((s) => s.isWellFormed(), "is not well-formed Unicode (a lone surrogate)");

/** A day (`2026-12-01`, midnight UTC) or an instant with its offset (`2026-12-01T00:00:00+01:00`). */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with an offset",
});

export const maxSearchLength = 200;

/**
 * `GET /api/v1/tasks`; every filter is optional and they combine. `kind` files tasks as the
 * library does; `model` is a catalog slug; `q` matches every word (as a word prefix) in the
 * prompt, title, lyrics or dialogue; `since` is inclusive, `until` exclusive; `cursor` is the
 * `next_cursor` of the page before (with the same filters).
 */
export const taskListQuerySchema = z.object({
  route: z.enum(routeIds).optional(),
  output: z.enum(outputKinds).optional(),
  kind: z.enum(taskKinds).optional(),
  model: z
    .string()
    .max(64)
    .refine((slug) => models.some((m) => m.slug === slug), "is not a model of the catalog")
    .optional(),
  status: z.enum(taskStatuses).optional(),
  q: plainText(maxSearchLength).optional(),
  favorite: z.enum(["true", "false"]).optional(),
  since: instant.optional(),
  until: instant.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(maxTaskListLimit).default(20),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

export const maxTaskTitleLength = 120;

/** `PATCH /api/v1/tasks/{task_id}`: star it, or name it (null or "" clears the name). */
export const taskPatchSchema = z
  .strictObject({
    favorite: z.boolean().optional(),
    title: plainText(maxTaskTitleLength).nullable().optional(),
  })
  .refine((body) => body.favorite !== undefined || body.title !== undefined, {
    message: "name at least one of favorite, title",
  });
export type TaskPatch = z.infer<typeof taskPatchSchema>;

/** `PATCH /api/v1/tasks/{task_id}` (200): the task as it is now. */
export const taskPatchReplySchema = z.object({ task: taskListItemSchema });

/** `DELETE /api/v1/tasks/{task_id}` (200): the task and its stored files are gone. */
export const taskDeleteReplySchema = z.object({ task_id: z.string(), deleted: z.literal(true) });

/** Uploads: images and videos only (recognised by their bytes, not their name). */
export const maxUploadBytes = 25 * 1024 * 1024;
export const uploadContentTypes = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "video/mp4",
  "video/quicktime",
  "video/webm",
] as const;
export type UploadContentType = (typeof uploadContentTypes)[number];

/** `POST /api/v1/uploads` (201): where the upstream can fetch the file. */
export const uploadReplySchema = z.object({
  /** `${PUBLIC_URL}/files/<token>`: unguessable, public, no expiry. */
  url: z.string(),
  content_type: z.enum(uploadContentTypes),
  size: z.number().int(),
});
export type UploadReply = z.infer<typeof uploadReplySchema>;
