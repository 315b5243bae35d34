// The one Postgres schema, shared by embedded PGlite and a real Postgres server.
import "server-only";
import { sql } from "drizzle-orm";
import {
  customType,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Postgres full-text words (drizzle has no built-in column type for them). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Facts about this installation; `installed_at` proves a restart reused the same data. */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed; unique. */
    email: text("email").notNull(),
    name: text("name"),
    /** scrypt hash in PHC-like form; null for accounts that only sign in through OIDC. */
    passwordHash: text("password_hash"),
    isAdmin: boolean("is_admin").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

/** A user's own API in One key, encrypted with AES-256-GCM (one row per user). */
export const apiKeys = pgTable("api_keys", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** base64url of nonce ‖ ciphertext ‖ tag, with a version prefix. */
  ciphertext: text("ciphertext").notNull(),
  /** Last four characters, for the masked display (aio_…1a2b). */
  last4: text("last4").notNull(),
  verifiedAt: timestamp("verified_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Personal tokens for scripts and SDKs; only a hash is stored, the token is shown once. */
export const appTokens = pgTable(
  "app_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** sha256 of the whole token, hex. */
    tokenHash: text("token_hash").notNull(),
    /** The first characters, shown in lists so people can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("app_tokens_hash_unique").on(t.tokenHash),
    index("app_tokens_user_idx")
      .on(t.userId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

export type User = typeof users.$inferSelect;
export type AppToken = typeof appTokens.$inferSelect;

/**
 * One row per task a user created through our mirrored routes. `task_id` is the public id: the
 * upstream's own (or a `local_…` id when a tool answered with its output at once).
 */
export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    taskId: text("task_id").notNull(),
    /** Catalog RouteId: images, videos, music, speech, remove-bg, face-swap, upscale, video-bg-remover. */
    route: text("route").notNull(),
    /** Catalog slug (e.g. "flux-2") and the `model` value as sent, if any (e.g. "imagen4-fast"). */
    modelSlug: text("model_slug").notNull(),
    modelValue: text("model_value"),
    /** The validated request body (the catalog adds no defaults: what the user sent). */
    request: jsonb("request").$type<Record<string, unknown>>().notNull(),
    /** SUBMITTING (stored before the upstream call) | IN_PROGRESS | SUCCESS | FAILED */
    status: text("status").notNull(),
    response: jsonb("response").$type<string[]>().notNull().default([]),
    consumedCredits: doublePrecision("consumed_credits"),
    errorMessage: text("error_message"),
    /** user-key | server-key | demo: which key created it, so status reads use the same one. */
    upstreamMode: text("upstream_mode").notNull(),
    /** First 16 hex of sha256(key): tells whether the user's key changed since, reveals nothing. */
    keyFingerprint: text("key_fingerprint").notNull(),
    /** False for synthetic ids: there is nothing upstream to ask about. */
    pollable: boolean("pollable").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the upstream answered the creation (the task runs there from then); null while SUBMITTING. */
    startedAt: timestamp("started_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Last time the upstream was asked about it (creation counts): "check again" waits a bit after. */
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /**
     * When the tracker has work on this task (a status check, or copying its outputs); null when
     * it has none. The tracker's queue is this column: due rows are leased with SKIP LOCKED.
     */
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
    /** The instance working on the task now, and until when its lease holds (a crash frees it). */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** Status checks made so far (the schedule backs off with it). */
    checks: integer("checks").notNull().default(0),
    /** scheduled | waiting | timed_out | unavailable (see trackingStates); final tasks: done. */
    trackingState: text("tracking_state").notNull().default("scheduled"),
    /** Why the task waits or stopped being checked, for people. */
    trackingNote: text("tracking_note"),
    /** Past this, checks stop and the task shows "timed out — check again". */
    deadlineAt: timestamp("deadline_at", { withTimezone: true }),
    /** sha256 (hex) of the token in the callback URL we sent; null when we sent none. */
    callbackTokenHash: text("callback_token_hash"),
    /** Our copies of the outputs, index-aligned with `response` (the upstream's URLs). */
    outputs: jsonb("outputs").$type<StoredOutput[]>(),
    /** pending | done | failed | off: copying the outputs into our storage. */
    mirrorState: text("mirror_state"),
    /** Starred by its owner in the library. */
    favorite: boolean("favorite").notNull().default(false),
    /** The owner's own name for the task; null until given. */
    title: text("title"),
    /** The request's words (prompt, lyrics, dialogue lines…), filled at insert for the search. */
    searchText: text("search_text"),
    /**
     * What `q` searches: title + search_text as words ('simple': no stemming, no stop words, so a
     * word prefix finds what a person typed). Postgres keeps it current.
     */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce("search_text", ''))`,
    ),
  },
  (t) => [
    uniqueIndex("tasks_user_task_unique").on(t.userId, t.taskId),
    // Keyset pages for the library, newest first: `order by created_at desc, id desc` reads these
    // backwards (ascending columns: a DESC NULLS LAST index would not match that order), one per
    // filter that narrows a lot, each starting (user_id, filter).
    index("tasks_user_created_id_idx").on(t.userId, t.createdAt, t.id),
    index("tasks_user_route_created_idx").on(t.userId, t.route, t.createdAt, t.id),
    index("tasks_user_model_created_idx").on(t.userId, t.modelSlug, t.createdAt, t.id),
    index("tasks_user_status_created_idx").on(t.userId, t.status, t.createdAt, t.id),
    index("tasks_user_favorite_created_idx")
      .on(t.userId, t.createdAt, t.id)
      .where(sql`${t.favorite}`),
    index("tasks_search_idx").using("gin", t.searchVector),
    index("tasks_due_idx")
      .on(t.nextCheckAt)
      .where(sql`${t.nextCheckAt} is not null`),
    index("tasks_updated_idx").on(t.updatedAt),
    index("tasks_lease_idx")
      .on(t.leaseUntil)
      .where(sql`${t.leaseUntil} is not null`),
  ],
);

/**
 * Tasks deleted in the last hour or so, for the live feed of every instance: each one's poller
 * reads these next to recently updated tasks. Written with the delete; older rows are pruned.
 */
export const taskDeletions = pgTable(
  "task_deletions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The public id, as the stream's `task-deleted` event names it. */
    taskId: text("task_id").notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("task_deletions_deleted_at_idx").on(t.deletedAt)],
);

/**
 * What deleted tasks cost, kept for good: /usage sums these with the tasks still there, so that
 * deleting a task never takes its credits out of the spend. Written with the delete.
 */
export const deletedTaskSpend = pgTable(
  "deleted_task_spend",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The task's own created_at: usage files it on that day. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    modelSlug: text("model_slug").notNull(),
    /** Null for a task that cost nothing (failed); it still counts as a task run. */
    credits: doublePrecision("credits"),
  },
  (t) => [index("deleted_task_spend_user_created_idx").on(t.userId, t.createdAt)],
);

/** One output copied into our storage (null `file` when it could not be copied). */
export interface StoredOutput {
  /** The upstream's URL, kept as it was. */
  url: string;
  /** Storage token (served at /files/<token>), or null when not copied. */
  file: string | null;
  contentType: string | null;
  bytes: number | null;
  /** Why it was not copied (a MirrorError reason), for logs and the task page. */
  error?: string;
  /** Copies tried so far, when none succeeded yet. */
  attempts?: number;
}

/**
 * Each upstream key's shared budget (all instances): a pause after the upstream's 429, and the
 * log of recent requests below. Keyed by the key's fingerprint, never the key.
 */
export const keyBudgets = pgTable("key_budgets", {
  keyFingerprint: text("key_fingerprint").primaryKey(),
  pausedUntil: timestamp("paused_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every upstream request of the last minute or so, per key: the sliding window the budget counts. */
export const upstreamCalls = pgTable(
  "upstream_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    keyFingerprint: text("key_fingerprint").notNull(),
    /** submit | poll | chat | check */
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("upstream_calls_key_at_idx").on(t.keyFingerprint, t.at)],
);

/**
 * `Idempotency-Key` claims, per user. The row is inserted before the upstream call, so a
 * concurrent duplicate meets the unique key instead of creating a second charge; `outcome` holds
 * the first answer once there is one.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** sha256 of route + canonical JSON body: the same key with another body is refused. */
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is in flight. */
    outcome: jsonb("outcome").$type<IdempotencyOutcome>(),
    /**
     * The task row the first request stores before it calls the upstream. A claim whose process
     * died with no such row never reached the upstream: it is freed, not settled as "unknown".
     */
    taskRowId: uuid("task_row_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export type IdempotencyOutcome =
  | { kind: "task"; taskId: string; status: string }
  | {
      kind: "error";
      status: number;
      type: string;
      message: string;
      retryAfterSeconds?: number;
      param?: string | null;
      source?: "studio" | "upstream";
      mayHaveBeenCharged?: boolean;
    };

export type TaskRow = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;

/** A conversation on /chat. Its messages form a tree: an edited question starts a sibling branch. */
export const chats = pgTable(
  "chats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** ChatSettings (lib/schemas/chat.ts): system prompt, reasoning, thoughts, JSON mode, tools. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
    /** The newest message of the branch on screen. */
    activeLeafId: uuid("active_leaf_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chats_user_updated_idx").on(t.userId, t.updatedAt, t.id)],
);

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id"),
    /** user | assistant | tool */
    role: text("role").notNull(),
    content: text("content"),
    reasoning: text("reasoning"),
    toolCalls: jsonb("tool_calls").$type<unknown[]>(),
    toolCallId: text("tool_call_id"),
    /** streaming | complete | interrupted | error */
    status: text("status").notNull(),
    error: jsonb("error").$type<Record<string, unknown>>(),
    finishReason: text("finish_reason"),
    usage: jsonb("usage").$type<Record<string, number>>(),
    credits: doublePrecision("credits"),
    durationMs: integer("duration_ms"),
    firstTokenMs: integer("first_token_ms"),
    jsonMode: boolean("json_mode").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Renewed while an answer streams; a "streaming" row whose heartbeat stopped (its server died)
     * reads as interrupted.
     */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [index("chat_messages_chat_created_idx").on(t.chatId, t.createdAt)],
);

/**
 * Every chat completion sent upstream (the Studio's chat and the mirrored route alike), kept for
 * spend: deleting a conversation does not take its credits out of /usage.
 */
export const chatCalls = pgTable(
  "chat_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The stored answer, for calls from /chat (null for the mirrored route, or once deleted). */
    messageId: uuid("message_id"),
    model: text("model").notNull(),
    /** complete | interrupted | error */
    status: text("status").notNull(),
    promptTokens: integer("prompt_tokens"),
    completionTokens: integer("completion_tokens"),
    credits: doublePrecision("credits"),
    durationMs: integer("duration_ms"),
    firstTokenMs: integer("first_token_ms"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("chat_calls_user_created_idx").on(t.userId, t.createdAt)],
);

export type ChatRow = typeof chats.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;

// Saved comparisons live in a file of their own.
export * from "./compare-schema";
