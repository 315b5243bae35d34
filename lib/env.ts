// One validated view of the process environment. Plain Node (no "server-only"): next.config,
// scripts and the simulator CLI load it too. Secrets that may be generated live in lib/server/secrets.
import path from "node:path";
import { z } from "zod";
import { assertTestProcess } from "./assert-test-process";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    schema.optional(),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().default("./.data"),
  DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        "must be a postgres:// or postgresql:// URL (unset = embedded)",
      ),
  ),
  /** Signs sessions. Instances sharing one database must share it. Unset: DATA_DIR/secrets.json. */
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters (unset = generated)")),
  /**
   * Encrypts users' saved API keys: one or more keys separated by commas, newest first. New writes
   * use the first; the others still decrypt what they wrote (rotation). Unset: DATA_DIR/secrets.json.
   */
  VAULT_KEY: optional(
    z
      .string()
      .transform((list) => list.split(",").map((key) => key.trim()))
      .pipe(
        z
          .array(
            z
              .string()
              .min(32, "each key must be at least 32 characters (e.g. openssl rand -base64 32)")
              .regex(/^\S+$/, "a key must not contain spaces"),
          )
          .refine((keys) => new Set(keys).size === keys.length, "lists the same key twice"),
      ),
  ),
  AIO_BASE_URL: z.url().default("https://apiin.one/api/v1"),
  AIO_API_KEY: optional(z.string().regex(/^\S+$/, "must not contain spaces")),
  PUBLIC_URL: optional(z.url()),
  /** Largest JSON request body the API reads (bytes); larger ones get 413 before being read. */
  MAX_JSON_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** "closed" turns self-registration off (operators add users with `npm run admin`). */
  AUTH_REGISTRATION: z.enum(["open", "closed"]).default("open"),
  AUTH_OIDC_ISSUER: optional(z.url()),
  AUTH_OIDC_CLIENT_ID: optional(z.string()),
  AUTH_OIDC_CLIENT_SECRET: optional(z.string()),
  /** The sign-in button's label for the OIDC provider. */
  AUTH_OIDC_NAME: z.string().default("Single sign-on"),
  /** Demo mode's simulator divides every task duration by this (1 = realistic). */
  DEMO_SIM_SPEED: z.coerce.number().positive().max(1000).default(4),
  /** The quietest lines the server still logs: info (all), warn, error, or silent (tests). */
  LOG_LEVEL: z.enum(["info", "warn", "error", "silent"]).default("info"),
  /** Uploaded inputs are deleted this many days after they were uploaded. */
  UPLOAD_RETENTION_DAYS: z.coerce.number().int().positive().default(7),
  /** Each user's live uploads may take at most this many megabytes together. */
  UPLOAD_QUOTA_MB: z.coerce.number().int().positive().default(500),
  /**
   * Where stored files live (uploads and mirrored outputs). Instances sharing one database must
   * share it (a shared volume). Unset: DATA_DIR. Ignored when S3_BUCKET is set.
   */
  FILES_DIR: optional(z.string()),
  /** S3-compatible object storage for stored files instead of FILES_DIR (all of S3_* as needed). */
  S3_BUCKET: optional(z.string()),
  S3_ENDPOINT: optional(z.url()),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: optional(z.string()),
  S3_SECRET_ACCESS_KEY: optional(z.string()),
  /** Path-style URLs (bucket in the path), as MinIO and most self-hosted stores need. */
  S3_FORCE_PATH_STYLE: z.enum(["0", "1"]).default("1"),
  /** "0" keeps only the upstream's output URLs; by default outputs are copied into our storage. */
  MIRROR_OUTPUTS: z.enum(["0", "1"]).default("1"),
  /** Largest output file copied into our storage, in megabytes; larger ones keep their upstream URL. */
  MIRROR_MAX_MB: z.coerce.number().int().positive().max(10_000).default(500),
  /**
   * Requests per minute each upstream key may make (submissions, status checks and chat together,
   * across every instance). API in One's default is 60. Per-key overrides: UPSTREAM_KEY_LIMITS.
   */
  UPSTREAM_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  /**
   * Per-key limits, "fingerprint=limit" pairs separated by commas; the fingerprint of a key is
   * shown in Settings (first 16 hex of its sha256).
   */
  UPSTREAM_KEY_LIMITS: optional(
    z
      .string()
      .transform((list) =>
        list
          .split(",")
          .map((pair) => pair.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^[0-9a-f]{16}=\d{1,6}$/,
              "each entry is <16-hex fingerprint>=<requests per minute>",
            ),
        ),
      )
      .transform((pairs) =>
        Object.fromEntries(
          pairs.map((pair) => {
            const [fingerprint = "", limit = "0"] = pair.split("=");
            return [fingerprint, Number(limit)] as const;
          }),
        ),
      ),
  ),
  /**
   * Divides the tracker's schedule (tests against a fast simulator). Demo mode's own tasks are
   * scheduled with DEMO_SIM_SPEED instead.
   */
  TRACKER_SPEED: z.coerce.number().positive().max(1000).default(1),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string };

let cached: Env | undefined;

/** Parses process.env once; throws one readable error naming every bad variable. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (source === process.env && cached) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  const env = { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
  if (source === process.env) cached = env;
  return env;
}

/**
 * Tests only: getEnv() answers `env` (parse one with getEnv({ ... })) for the rest of this
 * process; undefined goes back to parsing process.env.
 */
export function setEnvForTests(env: Env | undefined): void {
  assertTestProcess("setEnvForTests");
  cached = env;
}
