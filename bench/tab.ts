// A browser tab as the tracker bench plays it: on load it reads GET /api/v1/tasks, then listens to
// GET /api/v1/tasks/events and stamps every `task` event as it arrives. A dropped stream is
// reopened after the server's `retry` delay, and the list read again, as the page does.
import { createParser } from "eventsource-parser";
import { taskListItemSchema, taskListReplySchema, type TaskListItem } from "@/lib/schemas/tasks";
import { sleep } from "./app-server";

export interface TabSighting {
  item: TaskListItem;
  /** Epoch ms this process received it. */
  at: number;
  via: "event" | "list";
}

export interface Tab {
  /** Tasks the list showed on each load. */
  listed: number[];
  events: number;
  /** Streams that ended without being closed by us. */
  drops: number;
  /** Reads the list again, as reloading the page would. */
  reload(): Promise<void>;
  close(): void;
}

export async function openTab(
  baseUrl: string,
  token: string,
  onSighting: (sighting: TabSighting) => void,
): Promise<Tab> {
  const headers = { Authorization: `Bearer ${token}` };
  const controller = new AbortController();
  let retryMs = 3_000;

  const load = async () => {
    const res = await fetch(`${baseUrl}/api/v1/tasks?limit=100`, {
      headers,
      signal: controller.signal,
    });
    if (!res.ok) throw new Error(`GET /api/v1/tasks answered ${res.status}`);
    const at = Date.now();
    const { tasks } = taskListReplySchema.parse(await res.json());
    tab.listed.push(tasks.length);
    for (const item of tasks) onSighting({ item, at, via: "list" });
  };

  const connect = async () => {
    const res = await fetch(`${baseUrl}/api/v1/tasks/events`, {
      headers: { ...headers, Accept: "text/event-stream" },
      signal: controller.signal,
    });
    if (!res.ok || !res.body) throw new Error(`GET /api/v1/tasks/events answered ${res.status}`);
    return res.body;
  };

  const read = async (body: ReadableStream<Uint8Array>) => {
    const parser = createParser({
      onEvent(message) {
        if (message.event !== "task") return;
        const at = Date.now();
        tab.events++;
        onSighting({ item: taskListItemSchema.parse(JSON.parse(message.data)), at, via: "event" });
      },
      onRetry(ms) {
        retryMs = ms;
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
  };

  const tab: Tab = {
    listed: [],
    events: 0,
    drops: 0,
    reload: load,
    close: () => controller.abort(),
  };
  await load();
  const first = await connect();
  void (async () => {
    let body = first;
    while (!controller.signal.aborted) {
      try {
        await read(body);
      } catch {
        // dropped, or closed by us
      }
      if (controller.signal.aborted) return;
      tab.drops++;
      await sleep(retryMs);
      try {
        body = await connect();
        await load();
      } catch {
        if (controller.signal.aborted) return;
      }
    }
  })();
  return tab;
}
