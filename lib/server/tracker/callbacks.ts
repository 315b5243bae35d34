// Callbacks: where the model takes one, the upstream is handed a URL carrying a per-task token it
// POSTs to when the task changes. We keep only the token's hash; a callback with the right token
// makes the tracker check the task at once (one GET, within the budget), and polling stays the
// fallback for callbacks that never come.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ModelEntry } from "@/lib/catalog";
import { getEnv } from "@/lib/env";
import { publicOrigin } from "@/lib/server/public-origin";
import type { UpstreamTarget } from "@/lib/server/upstream-target";

export const callbackPath = "/api/callbacks/tasks";
export const callbackTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function hashCallbackToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * The callback to send with a new task, or null: only for models that take one, when the user
 * set none of their own, and when the upstream can reach us (PUBLIC_URL; in demo mode the
 * simulator runs in this process and reaches us on localhost).
 */
export function callbackFor(
  rowId: string,
  model: Pick<ModelEntry, "webhook">,
  body: Readonly<Record<string, unknown>>,
  target: Pick<UpstreamTarget, "mode">,
): { url: string; tokenHash: string } | null {
  if (!model.webhook || body.callback_url !== undefined) return null;
  if (target.mode !== "demo" && !getEnv().PUBLIC_URL) return null;
  const token = randomBytes(32).toString("base64url");
  return {
    url: `${publicOrigin()}${callbackPath}/${rowId}/${token}`,
    tokenHash: hashCallbackToken(token),
  };
}

/** True when `token` is the one whose hash was stored (constant time). */
export function callbackTokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash || !callbackTokenPattern.test(token)) return false;
  const given = Buffer.from(hashCallbackToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
