// A chat completion with `stream: false`: the whole answer as one JSON body, in the bare OpenAI
// shape whichever envelope the upstream used (SPEC §12.3), so OpenAI clients read it as is.
import "server-only";
import { ChatStreamAccumulator } from "@/lib/chat/stream-accumulator";
import type { Database } from "@/lib/server/db";
import { jsonAnswer } from "@/lib/server/json-answer";
import { keyFingerprint } from "@/lib/server/tasks/task-target";
import type { ChatRequestBody, UpstreamClient } from "@/lib/server/upstream";
import type { UpstreamTarget } from "@/lib/server/upstream-target";
import { spendBudgetOrRefuse } from "@/lib/server/tracker/budget-lease";
import { failureOf, type ChatRecorder } from "./chat-stream";

export async function completeChatCall(options: {
  db: Database;
  upstream: { client: UpstreamClient; target: UpstreamTarget };
  body: ChatRequestBody;
  signal: AbortSignal;
  recorder: ChatRecorder;
}): Promise<Response> {
  const { db, upstream, recorder } = options;
  const fingerprint = keyFingerprint(upstream.target.apiKey);
  const startedAt = performance.now();
  const accumulator = new ChatStreamAccumulator();
  const elapsed = () => Math.round(performance.now() - startedAt);
  try {
    await spendBudgetOrRefuse(db, fingerprint, "chat");
    const completion = await upstream.client.chat.complete(options.body, {
      signal: options.signal,
    });
    accumulator.push(JSON.stringify(completion));
    const ms = elapsed();
    await recorder
      .finish({ status: "complete", state: accumulator.state, durationMs: ms, firstTokenMs: ms })
      .catch(() => undefined);
    return jsonAnswer(completion);
  } catch (err) {
    const failure = await failureOf(err, db, fingerprint, upstream.target, options.signal);
    accumulator.state.error = {
      type: failure.type,
      message: failure.message,
      source: failure.source,
    };
    await recorder
      .finish({
        status: options.signal.aborted ? "interrupted" : "error",
        state: accumulator.state,
        durationMs: elapsed(),
        firstTokenMs: null,
      })
      .catch(() => undefined);
    throw failure;
  }
}
