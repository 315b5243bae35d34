// The SSE side of /chat/completions: writes a planned timeline of deltas on schedule, in the
// request's framing, then the usage chunk and [DONE]; or cuts it short ([sim:drop]) or ends it
// with an in-band error ([sim:stream-error]). Every outcome is counted in /__sim/stats.
import { envelope, errorBody } from "../schemas/api";
import { SseWriter, type Framing } from "./chat-framing";
import type { ApiContext } from "./context";

type Delta = Record<string, unknown>;
export interface StreamEvent {
  atMs: number;
  delta: Delta;
}

export interface StreamInput {
  events: StreamEvent[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  id: string;
  created: number;
  model: string;
  finishReason: string;
  enveloped: boolean;
  /** Half-way: "drop" destroys the socket, "error" sends an error event and ends cleanly. */
  cut: "drop" | "error" | null;
  framing: Framing;
  /** Deterministic choices of the framing (where split cuts fall) derive from it. */
  seed: string;
  /** Settles the hold once the stream completes; returns the credits charged. */
  settle: () => number;
}

export function streamChat(ctx: ApiContext, input: StreamInput): void {
  const { res, state } = ctx;
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    // no-transform: proxies (and Next) must not compress or buffer the stream.
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.flushHeaders();
  const ended = state.stats.chat.start(ctx.key, true);
  const out = new SseWriter(res, input.framing, input.seed, (fn, ms) => state.schedule(fn, ms));
  const chunk = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown => {
    const data = {
      id: input.id,
      object: "chat.completion.chunk",
      created: input.created,
      model: input.model,
      choices: [choice],
      ...extra,
    };
    return input.enveloped ? envelope(data) : data;
  };
  const cutAfter = input.cut ? Math.max(1, Math.floor(input.events.length / 2)) : Infinity;
  const started = Date.now();
  let next = 0;
  let timer: NodeJS.Timeout | undefined;

  const cut = (): void => {
    if (input.cut === "drop") {
      state.log(`chat ${input.id} dropped mid-stream ([sim:drop])`);
      // Destroyed once what was written has reached the socket: the client sees half a reply.
      out.destroy(() => ended("dropped"));
      return;
    }
    state.log(`chat ${input.id} failed mid-stream ([sim:stream-error])`);
    // Too late for a status code: the error goes in-band, as upstreams do, and the hold is kept.
    out.data(errorBody("server_error", "Simulated upstream failure mid-stream"));
    out.end(() => ended("errored"));
  };

  const pump = (): void => {
    const elapsed = Date.now() - started;
    // Several tokens may be due in one tick at high speed: write them all to stay on schedule.
    while (next < input.events.length && (input.events[next]?.atMs ?? 0) <= elapsed) {
      const event = input.events[next];
      next++;
      if (event) out.data(chunk({ index: 0, delta: event.delta, finish_reason: null }));
      if (next >= cutAfter) return cut();
    }
    const upcoming = input.events[next];
    if (upcoming) {
      timer = state.schedule(pump, upcoming.atMs - elapsed);
      return;
    }
    const credits = input.settle();
    out.data(
      chunk(
        { index: 0, delta: {}, finish_reason: input.finishReason },
        { usage: input.usage, credits_consumed: credits },
      ),
    );
    out.finish(() => ended("completed"));
  };
  res.on("close", () => {
    state.cancel(timer);
    // A no-op when the stream already ended one of the ways above.
    ended("aborted", out.eventsWritten);
  });
  timer = state.schedule(pump, input.events[0]?.atMs ?? 0);
}
