"use client";

// One turn of a conversation: POST it, show the answer as it streams, and when the stream ends
// (completely, by Stop, or broken) read the stored conversation again: the server's row is the
// truth. Not a query (STYLE.md): the hook owns the AbortController and the live messages.
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  answerFromStream,
  endStatus,
  optimisticTurn,
  withStoredIds,
  type LiveTurn,
} from "@/lib/chat/live-turn";
import {
  ChatStreamAccumulator,
  createChatSseReader,
  type ChatStreamError,
} from "@/lib/chat/stream-accumulator";
import { ApiRequestError, readApiFailure } from "@/lib/queries/api-fetch";
import { chatKeys, chatMessagesPath } from "./chat-queries";
import { refreshUsage } from "@/lib/queries/usage";
import { chatTurnHeaders, type Chat, type ChatMessage, type ChatTurn } from "@/lib/schemas/chat";

export type ChatTurnFailure =
  /** Refused before any answer streamed: a real status and our JSON error body. */
  | { kind: "refused"; error: ApiRequestError }
  /** The stream started, then reported an error in-band. */
  | { kind: "stream"; error: ChatStreamError }
  /** No answer at all, or the connection broke mid-stream. */
  | { kind: "network" };

export type ChatTurnPhase = "idle" | "sending" | "streaming" | "settling";

export interface ChatTurnOutcome {
  /** "stored": a tool result that waits for the other calls' results (201, no answer yet). */
  result: "answered" | "stopped" | "failed" | "stored";
  /** The answer as the stream left it (null when none streamed). */
  answer: ChatMessage | null;
  failure: ChatTurnFailure | null;
  /** A refusal before the stream: whether the server had stored the question first. */
  questionStored?: boolean;
}

export interface UseChatTurn {
  /** The turn on its way, to lay over the stored conversation `live.chatId`. */
  live: LiveTurn | null;
  phase: ChatTurnPhase;
  busy: boolean;
  failure: ChatTurnFailure | null;
  dismissFailure: () => void;
  send: (
    chatId: string,
    turn: ChatTurn,
    options?: { jsonMode?: boolean },
  ) => Promise<ChatTurnOutcome>;
  /** Aborts the request: the server aborts the upstream one and keeps what had arrived. */
  stop: () => void;
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return undefined;
  }
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

/**
 * Reads the stored conversation again, a few times while the server is still finishing the
 * answer's row (it is written as the stream ends, a moment after the last byte reached us).
 */
async function settle(client: QueryClient, chatId: string, answerId: string | null) {
  const key = chatKeys.detail(chatId);
  for (let attempt = 0; attempt < 6; attempt += 1) {
    await client.invalidateQueries({ queryKey: key });
    const stored = client.getQueryData<Chat>(key)?.messages.find((m) => m.id === answerId);
    if (!answerId || !stored || stored.status !== "streaming") break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  void client.invalidateQueries({ queryKey: chatKeys.lists });
  void refreshUsage(client);
}

export function useChatTurn(): UseChatTurn {
  const client = useQueryClient();
  const [live, setLive] = useState<LiveTurn | null>(null);
  const [phase, setPhase] = useState<ChatTurnPhase>("idle");
  const [failure, setFailure] = useState<ChatTurnFailure | null>(null);
  const controller = useRef<AbortController | null>(null);
  /** While the finished turn is read back: a new send waits for it instead of being dropped. */
  const settling = useRef<Promise<void> | null>(null);

  const send = useCallback(
    async (chatId: string, turn: ChatTurn, options: { jsonMode?: boolean } = {}) => {
      // A turn sent while the last one is only being read back waits for that; one still on its
      // way blocks it (a second Enter does nothing).
      if (controller.current && settling.current) await settling.current;
      if (controller.current) {
        return { result: "failed", answer: null, failure: null } satisfies ChatTurnOutcome;
      }
      const abort = new AbortController();
      controller.current = abort;
      setFailure(null);
      let current = optimisticTurn(chatId, turn, {
        jsonMode: options.jsonMode ?? false,
        newId: () => crypto.randomUUID(),
        now: new Date(),
      });
      setLive(current);
      setPhase("sending");

      const finish = async (outcome: ChatTurnOutcome, answerId: string | null) => {
        setPhase("settling");
        const done = (async () => {
          try {
            await settle(client, chatId, answerId);
          } finally {
            controller.current = null;
            settling.current = null;
            setLive(null);
            setPhase("idle");
          }
        })();
        settling.current = done;
        await done;
        return outcome;
      };

      let res: Response;
      try {
        res = await fetch(chatMessagesPath(chatId), {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          body: JSON.stringify(turn),
          signal: abort.signal,
        });
      } catch (error) {
        if (isAbort(error)) return finish({ result: "stopped", answer: null, failure: null }, null);
        const failure = { kind: "network" } as const;
        setFailure(failure);
        return finish({ result: "failed", answer: null, failure }, null);
      }

      if (!res.ok) {
        const data = parseJson(await res.text().catch(() => ""));
        const error = readApiFailure(res.status, data, res.headers.get("retry-after"), "POST");
        const failure = { kind: "refused", error } as const;
        setFailure(failure);
        const questionStored = res.headers.has(chatTurnHeaders.userMessageId);
        return finish({ result: "failed", answer: null, failure, questionStored }, null);
      }
      const type = res.headers.get("content-type") ?? "";
      if (!type.includes("text/event-stream") || !res.body) {
        // A tool result while other calls still wait: stored, nothing to answer yet.
        await res.text().catch(() => "");
        return finish({ result: "stored", answer: null, failure: null }, null);
      }

      current = withStoredIds(current, {
        questionId: res.headers.get(chatTurnHeaders.userMessageId),
        answerId: res.headers.get(chatTurnHeaders.assistantMessageId),
      });
      setLive(current);
      setPhase("streaming");
      // The server has titled a new conversation from its first question by now.
      void client.invalidateQueries({ queryKey: chatKeys.lists });

      const accumulator = new ChatStreamAccumulator();
      let frame = 0;
      const paint = () => {
        frame = 0;
        current = { ...current, answer: answerFromStream(current.answer, accumulator.state) };
        setLive(current);
      };
      // At most one render per frame however fast tokens arrive (a hidden tab paints at the end).
      const sse = createChatSseReader((data) => {
        if (accumulator.push(data) && frame === 0) frame = requestAnimationFrame(paint);
      });
      let broken = false;
      try {
        const reader = res.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          sse.feed(value);
        }
        sse.end();
      } catch (error) {
        broken = !isAbort(error) && !abort.signal.aborted;
      }
      cancelAnimationFrame(frame);
      const stopped = abort.signal.aborted;
      const status = broken ? "interrupted" : endStatus(accumulator.state, stopped);
      const answer = answerFromStream(current.answer, accumulator.state, status);
      current = { ...current, answer };
      setLive(current);
      const failure: ChatTurnFailure | null = accumulator.state.error
        ? { kind: "stream", error: accumulator.state.error }
        : broken
          ? { kind: "network" }
          : null;
      if (failure) setFailure(failure);
      const result = stopped ? "stopped" : status === "complete" ? "answered" : "failed";
      return finish({ result, answer, failure }, answer.id);
    },
    [client],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  // Leaving the chat stops its answer, as a reload does: nobody is left able to press Stop.
  useEffect(() => () => controller.current?.abort(), []);
  const dismissFailure = useCallback(() => setFailure(null), []);

  return { live, phase, busy: phase !== "idle", failure, dismissFailure, send, stop };
}
