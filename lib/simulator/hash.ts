// Deterministic randomness: every simulated output derives from the request, so the same input
// always yields the same bytes (tests and screenshots rely on it).
import { createHash } from "node:crypto";

/** A 32-bit seed from any strings (SHA-256, so nearby inputs give unrelated seeds). */
export function seedFrom(...parts: readonly (string | number)[]): number {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  return digest.readUInt32LE(0);
}

/** A fraction in [0, 1) from any strings. */
export function fractionFrom(...parts: readonly (string | number)[]): number {
  return seedFrom(...parts) / 2 ** 32;
}

export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for pictures and tunes. Returns numbers in [0, 1). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function pick<const T extends readonly [unknown, ...unknown[]]>(
  rng: Rng,
  items: T,
): T[number] {
  return items[Math.floor(rng() * items.length)] ?? items[0];
}

export function between(rng: Rng, min: number, max: number): number {
  return min + rng() * (max - min);
}
