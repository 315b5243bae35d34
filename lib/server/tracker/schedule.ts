// When the tracker asks the upstream about a task: first near the model's expected finish, then
// backing off, each time jittered so tasks started together do not stay in step; and a ceiling
// after which it stops asking until someone presses "check again".
import "server-only";

export interface ScheduleModel {
  /** Typical duration in seconds [min, max] from the catalog (SPEC §6.5). */
  typicalSeconds: readonly [number, number];
}

export interface ScheduleOptions {
  /** Divides every delay (a simulator running faster than life); 1 = real time. */
  speed: number;
  /** [0, 1); defaults to Math.random. */
  random?: () => number;
}

const second = 1000;
/** Never sooner than this after the previous check… */
const minGapMs = 2 * second;
/** …nor later than this while the task is within its ceiling. */
const maxGapMs = 5 * 60 * second;
/** ±15 % jitter on every delay. */
const jitter = 0.15;

function jittered(ms: number, random: () => number): number {
  return ms * (1 - jitter + 2 * jitter * random());
}

/**
 * Delay after creation (checks = 0) or after the previous check (checks ≥ 1). The first three
 * checks split the typical range in thirds (a flux-2 image, 3–15 s: at 7, 11 and 15 s), so a task
 * that finishes anywhere in it is seen within a third of the range, with at most three checks;
 * past the range the gap grows by half each time, from a third of the range (at least 4 s).
 */
export function nextCheckDelayMs(
  model: ScheduleModel,
  checks: number,
  { speed, random = Math.random }: ScheduleOptions,
): number {
  const [min, max] = model.typicalSeconds;
  const third = (Math.max(0, max - min) * second) / 3;
  let ms: number;
  if (checks <= 0) ms = min * second + third;
  else if (checks <= 2) ms = Math.max(third, minGapMs);
  else ms = Math.min(maxGapMs, Math.max(third, 4 * second) * 1.5 ** (checks - 2));
  return Math.max(minGapMs / speed, jittered(ms, random) / speed);
}

/**
 * How long after creation (or after a manual "check again") the tracker keeps asking: ten times
 * the slowest typical duration, and at least 15 minutes in real time (5 for a fast simulator).
 */
export function ceilingMs(model: ScheduleModel, { speed }: Pick<ScheduleOptions, "speed">): number {
  const [, max] = model.typicalSeconds;
  return Math.max(10 * max * second, 15 * 60 * second) / speed;
}

/** Delay before asking about a task whose key is gone or failed to answer (network, 5xx). */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  return jittered(Math.min(maxGapMs, 5 * second * 2 ** Math.min(failures, 6)), random);
}
