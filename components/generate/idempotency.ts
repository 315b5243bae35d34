// One Idempotency-Key per distinct submission. Re-sending the same body reuses the key while the
// first attempt is in flight and right after it (a double click, a repeated Ctrl+Enter), so our
// route answers with the first task instead of charging twice. A new body, or the same body run
// again on purpose later, gets a new key: our route replays a stored outcome for a reused key,
// failures included, so keeping the key longer would make a deliberate retry impossible.

export interface SubmissionMemory {
  fingerprint: string;
  key: string;
  state: "pending" | "succeeded" | "failed";
  /** When the attempt settled (ms); 0 while pending. */
  settledAt: number;
}

export const doubleSubmitWindowMs = 3_000;

export function pickIdempotencyKey(
  memory: SubmissionMemory | null,
  fingerprint: string,
  now: number,
  makeKey: () => string,
): string {
  if (memory?.fingerprint === fingerprint) {
    if (memory.state === "pending") return memory.key;
    if (now - memory.settledAt < doubleSubmitWindowMs) return memory.key;
  }
  return makeKey();
}

/** A random UUID v4; crypto.randomUUID exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
