// The traffic maxima behind /__sim/stats, on a clock the test controls.
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { RequestStats } from "./request-stats";

/** Stands in for a response: "close" is all the stats listen for. */
function response(): ServerResponse & { finish: () => void } {
  const res = new EventEmitter() as ServerResponse & { finish: () => void };
  res.finish = () => res.emit("close");
  return res;
}

describe("RequestStats", () => {
  it("finds the busiest sliding 60-second window, wherever it falls", () => {
    const stats = new RequestStats();
    const at = (ms: number): void => stats.count("GET /tasks/{task_id}", "aio_k", ms);
    // Three in the first minute, then four more that straddle the minute mark.
    for (const ms of [0, 10_000, 20_000, 70_000, 75_000, 79_000, 85_000]) at(ms);
    // The busiest window, (19 s, 79 s], holds 20 000, 70 000, 75 000 and 79 000.
    expect(stats.report().keys.aio_k?.peak_per_minute).toBe(4);
    // Requests exactly 60 s apart are never in one window.
    at(200_000);
    at(260_000);
    expect(stats.report().keys.aio_k).toMatchObject({ requests: 9, peak_per_minute: 4 });
    stats.reset();
    at(300_000);
    expect(stats.report().keys.aio_k).toMatchObject({ requests: 1, peak_per_minute: 1 });
    expect(stats.report()).toMatchObject({
      total: 1,
      requests: { "GET /tasks/{task_id}": { aio_k: 1 } },
    });
  });

  it("counts status checks in flight per task, per key and overall", () => {
    const stats = new RequestStats();
    const a1 = response();
    const a2 = response();
    const b1 = response();
    stats.trackStatusCheck("aio_k", "A", a1);
    stats.trackStatusCheck("aio_k", "A", a2);
    stats.trackStatusCheck("aio_k", "B", b1);
    a1.finish();
    a2.finish();
    const other = response();
    // Another key polling the same id is another task (ids are per key).
    stats.trackStatusCheck("aio_other", "A", other);
    expect(stats.report()).toMatchObject({
      keys: {
        aio_k: { max_concurrent_status_checks: 2, max_in_flight_status_checks: 3 },
        aio_other: { max_concurrent_status_checks: 1, max_in_flight_status_checks: 1 },
      },
      max_concurrent_status_checks: 2,
      max_in_flight_status_checks: 3,
    });
    // A reset restarts the maxima from what is still in flight (b1 and other).
    stats.reset();
    expect(stats.report()).toMatchObject({
      keys: { aio_k: { max_concurrent_status_checks: 1, max_in_flight_status_checks: 1 } },
      max_in_flight_status_checks: 2,
    });
    b1.finish();
    other.finish();
    const again = response();
    stats.trackStatusCheck("aio_k", "B", again);
    expect(stats.report().keys.aio_k?.max_in_flight_status_checks).toBe(1);
  });
});
