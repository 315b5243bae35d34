// callback_url delivery: POST the final task (the status reply JSON) once the task ends; retry
// three times with a short backoff on a non-2xx answer or a network error. The backoff is part of
// the simulated timeline, so --speed shortens it too (never below 10 ms). A delivery cut short by
// close() is not done: a simulator with a stateDir delivers it again after its restart.
import type { SimulatorState } from "./state";

export const callbackRetryDelaysMs = [250, 500, 1000] as const;
const minRetryDelayMs = 10;
const attemptTimeoutMs = 5000;

export function deliverCallback(
  state: SimulatorState,
  url: string,
  payload: unknown,
  taskId: string,
  /** Called once the callback was delivered or given up on (not when close() cut it short). */
  onDone: () => void = () => undefined,
): void {
  const body = JSON.stringify(payload);
  const attempt = async (n: number): Promise<void> => {
    if (state.shutdown.signal.aborted) return;
    let outcome: string;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "api-in-one-simulator" },
        body,
        signal: AbortSignal.any([state.shutdown.signal, AbortSignal.timeout(attemptTimeoutMs)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        state.log(`callback ${taskId} → ${res.status} (attempt ${n + 1})`);
        onDone();
        return;
      }
      outcome = `HTTP ${res.status}`;
    } catch (error) {
      if (state.shutdown.signal.aborted) return;
      outcome = error instanceof Error ? error.message : "network error";
    }
    const base = callbackRetryDelaysMs[n];
    if (base === undefined) {
      state.log(`callback ${taskId} gave up after ${n + 1} attempts (${outcome})`);
      onDone();
      return;
    }
    const delay = Math.max(minRetryDelayMs, Math.round(state.scaled(base)));
    state.log(`callback ${taskId} failed (${outcome}), retrying in ${delay} ms`);
    state.schedule(() => void attempt(n + 1), delay);
  };
  void attempt(0);
}
