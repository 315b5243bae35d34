// Polling for something another part of the system does in its own time (a tracker tick, a
// callback delivery). It returns the last value instead of throwing, so the test's own expect
// says what was wrong when time runs out.

/** Calls `fn` every 25 ms until `ok` holds for its value or `ms` have passed; returns the last value. */
export async function until<T>(
  fn: () => Promise<T>,
  ok: (value: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}
