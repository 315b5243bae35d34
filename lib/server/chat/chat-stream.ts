// One chat completion through the Studio: the key's budget, the upstream request, and then its SSE
// bytes passed on as they arrive (no buffering, no re-chunking, no compression) while a copy is
// read on the side to record what the answer said and cost. Nothing is sent to the client before
// the upstream answered, so a refusal keeps its real status and JSON body.
import "server-only";
import {
  ChatStreamAccumulator,
  createChatSseReader,
  inBandErrorEvent,
} from "@/lib/chat/stream-accumulator";
import type { ChatStreamState } from "@/lib/chat/stream-accumulator";
import { ApiError } from "@/lib/server/api-error";
import type { Database } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { upstreamFailure } from "@/lib/server/tasks/upstream-failure";
import { keyFingerprint } from "@/lib/server/tasks/task-target";
import { defaultPauseMs, pauseKey } from "@/lib/server/tracker/budget";
import { spendBudgetOrRefuse } from "@/lib/server/tracker/budget-lease";
import { parseRetryAfterMs } from "@/lib/server/tracker/retry-after";
import { isUpstreamError, type ChatRequestBody, type UpstreamClient } from "@/lib/server/upstream";
import type { UpstreamTarget } from "@/lib/server/upstream-target";

/** How a call ended, for the record: the accumulated answer plus timings. */
export interface ChatOutcome {
  status: "complete" | "interrupted" | "error";
  state: ChatStreamState;
  durationMs: number;
  firstTokenMs: number | null;
}

export interface ChatRecorder {
  /** The answer so far, at most every `progressEveryMs` while it streams. */
  progress?(state: ChatStreamState): void;
  /** Once, when the call ends in any way. Never throws into the stream. */
  finish(outcome: ChatOutcome): Promise<void>;
}

export interface ChatCallOptions {
  db: Database;
  upstream: { client: UpstreamClient; target: UpstreamTarget };
  body: ChatRequestBody;
  /** The caller's request: its abort (a closed tab, Stop) aborts the upstream request at once. */
  signal: AbortSignal;
  requestId: string;
  recorder: ChatRecorder;
  progressEveryMs?: number;
  /** A stream that sends nothing for this long is given up on (default 60 s). */
  idleTimeoutMs?: number;
}

export const sseHeaders = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: Next would gzip the stream otherwise, which delays every event.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

/**
 * The upstream's failure before any byte of an answer, as our error (the budget learns of a 429).
 * `clientSignal` is the caller's: a call it aborted ended because the client left, not by a fault.
 */
export async function failureOf(
  err: unknown,
  db: Database,
  fingerprint: string,
  target: UpstreamTarget,
  clientSignal: AbortSignal,
) {
  if (err instanceof ApiError) return err;
  if (isUpstreamError(err)) {
    if (err.type === "rate_limit") {
      const pause = parseRetryAfterMs(err.retryAfterSeconds) ?? defaultPauseMs;
      await pauseKey(db, fingerprint, pause).catch(() => undefined);
    }
    return upstreamFailure(err, target.mode);
  }
  if (clientSignal.aborted) {
    logger.info("chat completion: the client left before an answer arrived");
    return new ApiError(502, "server_error", "The client left before an answer arrived.", {
      source: "upstream",
      mayHaveBeenCharged: true,
    });
  }
  logger.error("chat completion failed unexpectedly");
  return new ApiError(502, "server_error", "The chat request failed before an answer arrived.", {
    source: "upstream",
    mayHaveBeenCharged: true,
  });
}

/**
 * Sends the completion upstream and returns our streamed answer, or throws an ApiError (recorded
 * through `recorder.finish` first) when the upstream refuses before answering.
 */
export async function streamChatCall(options: ChatCallOptions): Promise<Response> {
  const { db, upstream, body, signal, requestId, recorder } = options;
  const fingerprint = keyFingerprint(upstream.target.apiKey);
  const accumulator = new ChatStreamAccumulator();
  const startedAt = performance.now();
  let firstTokenMs: number | null = null;
  let finished = false;
  const finish = async (status: ChatOutcome["status"]) => {
    if (finished) return;
    finished = true;
    const durationMs = Math.round(performance.now() - startedAt);
    try {
      await recorder.finish({ status, state: accumulator.state, durationMs, firstTokenMs });
    } catch {
      logger.error("chat completion: recording its outcome failed");
    }
  };

  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });

  let opened;
  try {
    await spendBudgetOrRefuse(db, fingerprint, "chat");
    opened = await upstream.client.chat.stream(body, { signal: controller.signal });
  } catch (err) {
    signal.removeEventListener("abort", onAbort);
    const failure = await failureOf(err, db, fingerprint, upstream.target, signal);
    accumulator.state.error = {
      type: failure.type,
      message: failure.message,
      source: failure.source,
    };
    await finish(signal.aborted ? "interrupted" : "error");
    throw failure;
  }

  const isJson = opened.contentType.includes("json");
  const reader = opened.body.getReader();
  const sse = createChatSseReader((data) => {
    if (accumulator.push(data) && firstTokenMs === null && accumulator.state.started) {
      firstTokenMs = Math.round(performance.now() - startedAt);
    }
  });
  let jsonText = "";
  const decoder = new TextDecoder();
  const progressEvery = options.progressEveryMs ?? 500;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  let stalled = false;
  // The first progress write comes a while after the start, never with the first chunk.
  let lastProgress = performance.now();
  const reportProgress = () => {
    const now = performance.now();
    if (!recorder.progress || now - lastProgress < progressEvery) return;
    lastProgress = now;
    recorder.progress(accumulator.state);
  };
  const read = (bytes: Uint8Array) => {
    if (isJson) jsonText += decoder.decode(bytes, { stream: true });
    else sse.feed(bytes);
    reportProgress();
  };
  const end = () => {
    if (isJson) {
      accumulator.push(jsonText + decoder.decode());
      if (firstTokenMs === null) firstTokenMs = Math.round(performance.now() - startedAt);
    } else sse.end();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(out) {
        try {
          // A stalled upstream must not hold the reader (and a budget's worth of patience) forever.
          const idle = setTimeout(() => {
            stalled = true;
            controller.abort(new DOMException("idle", "TimeoutError"));
          }, idleTimeoutMs);
          const { done, value } = await reader.read().finally(() => clearTimeout(idle));
          if (done) {
            end();
            signal.removeEventListener("abort", onAbort);
            out.close();
            const s = accumulator.state;
            await finish(s.error ? "interrupted" : "complete");
            return;
          }
          // One write per upstream chunk, as it came.
          out.enqueue(value);
          read(value);
        } catch {
          end();
          signal.removeEventListener("abort", onAbort);
          if (signal.aborted) {
            await finish("interrupted");
            out.close();
            return;
          }
          // The upstream broke off mid-answer: say so in-band, as OpenAI clients expect.
          const error = {
            code: 502,
            type: "server_error",
            message: stalled
              ? `API in One sent nothing for ${Math.round(idleTimeoutMs / 1000)} s; the answer was given up on.`
              : "API in One's stream broke off before the answer was complete.",
            source: "upstream" as const,
          };
          accumulator.state.error = {
            type: error.type,
            message: error.message,
            source: error.source,
          };
          out.enqueue(new TextEncoder().encode(`\n\n${inBandErrorEvent({ ...error, requestId })}`));
          out.close();
          await finish("interrupted");
        }
      },
      async cancel(reason) {
        // The client went away (reload, Stop): the upstream request goes with it.
        controller.abort(reason);
        signal.removeEventListener("abort", onAbort);
        await reader.cancel(reason).catch(() => undefined);
        end();
        await finish("interrupted");
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, {
    status: 200,
    headers: isJson
      ? { "Content-Type": "application/json", "Cache-Control": "no-store, no-transform" }
      : sseHeaders,
  });
}
