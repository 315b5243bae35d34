import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleDelete, undoWindowMs } from "./pending-delete";

describe("scheduleDelete", () => {
  let sent: { url: string; init: RequestInit }[];
  let page: EventTarget;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    page = new EventTarget();
    vi.stubGlobal("window", page);
    vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return Promise.resolve(new Response(null, { status: 200 }));
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("sends the DELETE when the toast closes, however long it stayed open", async () => {
    const onSent = vi.fn();
    const pending = scheduleDelete("task/1", { onSent });
    // The toast was hovered for a long time: Undo must still be possible.
    vi.advanceTimersByTime(undoWindowMs * 10);
    expect(sent).toHaveLength(0);
    pending.commit();
    pending.commit();
    expect(sent).toEqual([
      { url: "/api/v1/tasks/task%2F1", init: expect.objectContaining({ method: "DELETE" }) },
    ]);
    await vi.waitFor(() => expect(onSent).toHaveBeenCalledWith("deleted"));
  });

  it("sends nothing after Undo", () => {
    const pending = scheduleDelete("t", { onSent: vi.fn() });
    expect(pending.undo()).toBe(true);
    vi.advanceTimersByTime(undoWindowMs * 2);
    page.dispatchEvent(new Event("pagehide"));
    pending.commit();
    expect(sent).toHaveLength(0);
  });

  it("sends at once, with keepalive, when the page is left, and only once", () => {
    const pending = scheduleDelete("t", { onSent: vi.fn() });
    page.dispatchEvent(new Event("pagehide"));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.init.keepalive).toBe(true);
    vi.advanceTimersByTime(undoWindowMs);
    pending.commit();
    expect(pending.undo()).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it("reports a refused delete so the task can come back", async () => {
    vi.stubGlobal("fetch", () => Promise.resolve(new Response(null, { status: 500 })));
    const onSent = vi.fn();
    scheduleDelete("t", { onSent }).commit();
    await vi.waitFor(() => expect(onSent).toHaveBeenCalledWith("failed"));
  });
});
