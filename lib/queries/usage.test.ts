import { QueryClient, QueryObserver, environmentManager } from "@tanstack/react-query";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { UsageReply } from "@/lib/schemas/usage";
import { taskItem } from "./task-item-fixture";
import { taskKeys } from "./tasks";
import {
  createFinishWatch,
  parseUsageRange,
  refreshUsageOnFinish,
  tasksInCache,
  usagePath,
  usageQuery,
} from "./usage";

const usage: UsageReply = {
  tz: "Europe/Paris",
  days: [{ date: "2026-12-03", credits: 5, tasks: 1, by_model: { "flux-2": 5 } }],
  models: [{ model: "flux-2", credits: 5, tasks: 1 }],
  totals: { today: 5, week: 5, month: 5, range: 5 },
};

function serve(reply: unknown, status = 200) {
  const fetch = vi.fn((_url: string) =>
    Promise.resolve(new Response(JSON.stringify(reply), { status })),
  );
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("usage range", () => {
  it("takes the offered ranges from the URL and falls back to 30 days", () => {
    expect(parseUsageRange("7")).toBe(7);
    expect(parseUsageRange("90")).toBe(90);
    for (const bad of [null, undefined, "", "8", "-7", "30x", "365"]) {
      expect(parseUsageRange(bad)).toBe(30);
    }
  });

  it("asks for the range in the user's zone, escaped", () => {
    expect(usagePath(7, "America/Argentina/Buenos_Aires")).toBe(
      "/api/v1/usage?days=7&tz=America%2FArgentina%2FBuenos_Aires",
    );
  });
});

describe("usage query", () => {
  let client: QueryClient;
  beforeAll(() => environmentManager.setIsServer(() => false));
  afterAll(() => environmentManager.setIsServer(() => true));
  beforeEach(() => {
    client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });
  afterEach(() => {
    client.clear();
    vi.unstubAllGlobals();
  });

  it("reads the reply in the contract's shape", async () => {
    const fetch = serve(usage);
    await expect(client.fetchQuery(usageQuery(30, "Europe/Paris"))).resolves.toEqual(usage);
    expect(fetch).toHaveBeenCalledWith("/api/v1/usage?days=30&tz=Europe%2FParis", {
      headers: {},
      body: undefined,
    });
  });

  it("turns an error answer into its fields, and a malformed answer into a server error", async () => {
    const error = {
      code: 400,
      type: "invalid_request",
      message: "tz: is not an IANA time zone",
      param: "tz",
      source: "studio",
      may_have_been_charged: false,
      request_id: "req_1",
    };
    serve({ error }, 400);
    await expect(client.fetchQuery(usageQuery(30, "Nowhere/Land"))).rejects.toMatchObject({
      status: 400,
      type: "invalid_request",
      param: "tz",
    });
    serve({ totals: { today: "five" } });
    await expect(client.fetchQuery(usageQuery(7, "UTC"))).rejects.toMatchObject({
      status: 502,
      type: "server_error",
    });
  });

  it("is read again when a task the tab watched finishes, and not for anything else", async () => {
    const fetch = serve(usage);
    const observer = new QueryObserver(client, usageQuery(1, "UTC"));
    const stop = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const unsubscribe = refreshUsageOnFinish(client);

    const list = (status: "IN_PROGRESS" | "SUCCESS") => ({
      next_cursor: null,
      tasks: [taskItem({ task_id: "a", status }), taskItem({ task_id: "old", status: "SUCCESS" })],
    });
    // A page showing finished tasks, and a running one, changes no spend.
    client.setQueryData(taskKeys.list({ limit: 8 }), list("IN_PROGRESS"));
    client.setQueryData(taskKeys.list({ limit: 8 }), list("IN_PROGRESS"));
    await new Promise((r) => setTimeout(r, 20));
    expect(fetch).toHaveBeenCalledTimes(1);

    // It finishes, as seen in another view (a library page): the spend is read again, once.
    const library = { pages: [list("SUCCESS")], pageParams: [null] };
    client.setQueryData(taskKeys.library({}), library);
    client.setQueryData(taskKeys.list({ limit: 8 }), list("SUCCESS"));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(fetch).toHaveBeenCalledTimes(2);

    unsubscribe();
    stop();
  });
});

describe("finish watch", () => {
  it("finds tasks in lists, library pages and one task's status reply", () => {
    const item = taskItem({ task_id: "a" });
    expect(tasksInCache({ tasks: [item] })).toEqual([item]);
    expect(tasksInCache({ pages: [{ tasks: [item] }, { tasks: [] }] })).toEqual([item]);
    const detail = { code: 200, data: { task_id: "b", status: "SUCCESS" } };
    expect(tasksInCache(detail)).toEqual([detail.data]);
    expect(tasksInCache(undefined)).toEqual([]);
    expect(tasksInCache({ something: "else" })).toEqual([]);
  });

  it("fires for a task seen running then final, once; never for one first seen final", () => {
    const saw = createFinishWatch();
    expect(saw([{ task_id: "done-before", status: "SUCCESS" }])).toBe(false);
    expect(saw([{ task_id: "a", status: "IN_PROGRESS" }])).toBe(false);
    expect(saw([{ task_id: "a", status: "FAILED" }])).toBe(true);
    expect(saw([{ task_id: "a", status: "FAILED" }])).toBe(false);
  });
});
