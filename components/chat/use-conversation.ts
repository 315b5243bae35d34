"use client";

// The conversation on screen: which one (the URL, or the one just created from /chat), what it
// holds (the stored tree with the turn on its way laid over it), and what can be done to it.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams, useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { toast } from "sonner";
import { useCountdown, type Block } from "@/components/generate/use-countdown";
import { chatModel } from "@/lib/catalog/chat";
import { activePath, leafForBranch, withLiveMessages } from "@/lib/chat/branches";
import { announcement } from "@/lib/chat/live-turn";
import { useChatTurn, type ChatTurnFailure } from "./use-chat-turn";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { applyChat, chatKeys, chatQuery, createChat, patchChat } from "./chat-queries";
import { chatIdSchema, type Chat, type ChatMessage, type ChatTurn } from "@/lib/schemas/chat";
import { describeChatError } from "./describe-chat-error";
import type { MessageActions } from "./message-list";
import { useChatSettings } from "./use-chat-settings";

/** The id in the URL, or the conversation created from /chat until the URL names it. */
function useChatId(): { chatId: string | null; adopt: (id: string) => void } {
  const params = useParams<{ id?: string }>();
  const routeId = typeof params.id === "string" ? params.id : null;
  const [created, setCreated] = useState<{ from: string | null; id: string } | null>(null);
  const [seenRoute, setSeenRoute] = useState(routeId);
  if (seenRoute !== routeId) {
    // Any navigation ends the hand-over (React's "adjust state on a prop change" pattern).
    setSeenRoute(routeId);
    setCreated(null);
  }
  const adopt = useCallback((id: string) => setCreated({ from: routeId, id }), [routeId]);
  return { chatId: created?.from === routeId ? created.id : routeId, adopt };
}

export function useConversation() {
  const client = useQueryClient();
  const router = useRouter();
  const { chatId, adopt } = useChatId();
  const validId = chatId !== null && chatIdSchema.safeParse(chatId).success;
  const turn = useChatTurn();
  // Settling (the answer is complete, being read back) already counts as done: Send is back.
  const ownTurn =
    (turn.phase === "sending" || turn.phase === "streaming") && turn.live?.chatId === chatId;
  const query = useQuery({ ...chatQuery(chatId ?? "", ownTurn), enabled: validId });
  const chat = validId ? query.data : undefined;
  const settings = useChatSettings(chatId, chat);
  const [createError, setCreateError] = useState<ChatTurnFailure | null>(null);
  const [block, setBlock] = useState<Block | null>(null);
  const [spoken, setSpoken] = useState("");
  const [scrollSignal, setScrollSignal] = useState(0);

  const { dismissFailure } = turn;
  const endBlock = useCallback(() => {
    setBlock(null);
    dismissFailure();
  }, [dismissFailure]);
  const secondsLeft = useCountdown(block, endBlock);

  const view = useMemo(() => {
    const live = turn.live && turn.live.chatId === chatId ? turn.live : null;
    const liveMessages = live ? [live.question, live.answer].filter((m) => m !== null) : [];
    return withLiveMessages(chat?.messages ?? [], chat?.active_leaf_id ?? null, liveMessages);
  }, [chat, turn.live, chatId]);
  const path = useMemo(() => activePath(view.messages, view.leafId), [view]);

  const { send } = turn;
  const jsonMode = settings.value.json_mode;
  const { flush } = settings;
  const runTurn = useCallback(
    async (id: string, body: ChatTurn) => {
      setCreateError(null);
      setScrollSignal((n) => n + 1);
      await flush();
      const outcome = await send(id, body, { jsonMode });
      const retry = outcome.failure && describeChatError(outcome.failure).retryAfterSeconds;
      if (retry) setBlock({ until: Date.now() + retry * 1000, seconds: retry });
      if (outcome.result === "answered" && outcome.answer) {
        setSpoken(announcement(chatModel.label, outcome.answer));
      }
      return outcome;
    },
    [flush, send, jsonMode],
  );

  /** Sends a new question under the end of the path, creating the conversation first on /chat. */
  const ask = useCallback(
    async (content: string): Promise<boolean> => {
      let id = chatId;
      if (!id) {
        try {
          const created = await createChat(settings.value);
          client.setQueryData(chatKeys.detail(created.id), created);
          void client.invalidateQueries({ queryKey: chatKeys.lists });
          adopt(created.id);
          settings.resetDraft();
          router.replace(`/chat/${created.id}`);
          id = created.id;
        } catch (error) {
          setCreateError(
            error instanceof ApiRequestError ? { kind: "refused", error } : { kind: "network" },
          );
          return false;
        }
      }
      const outcome = await runTurn(id, {
        parent_id: path.at(-1)?.id ?? null,
        message: { role: "user", content },
      });
      // Refused before the server kept it (invalid, a conflict, the connection down): the
      // question goes back into the composer instead of vanishing.
      const lost =
        outcome.result === "failed" &&
        (outcome.failure?.kind === "network" ||
          (outcome.failure?.kind === "refused" && !outcome.questionStored));
      return !lost;
    },
    [chatId, client, adopt, settings, router, runTurn, path],
  );

  const actions = useMemo<MessageActions>(() => {
    const stored = chat ? activePath(chat.messages, chat.active_leaf_id) : [];
    return {
      switchBranch: (messageId, index) => {
        if (!chat) return;
        const leaf = leafForBranch(chat.messages, messageId, index);
        if (!leaf || leaf === chat.active_leaf_id) return;
        const key = chatKeys.detail(chat.id);
        client.setQueryData<Chat>(key, (old) => old && { ...old, active_leaf_id: leaf });
        patchChat(chat.id, { active_leaf_id: leaf }).then(
          (next) => applyChat(client, next),
          () => {
            client.setQueryData<Chat>(
              key,
              (old) => old && { ...old, active_leaf_id: chat.active_leaf_id },
            );
            toast.error("Could not switch to that version", { description: "Try again." });
          },
        );
      },
      edit: (message: ChatMessage, content: string) => {
        if (chat)
          void runTurn(chat.id, {
            parent_id: message.parent_id,
            message: { role: "user", content },
          });
      },
      regenerate: (message: ChatMessage) => {
        if (chat) void runTurn(chat.id, { parent_id: message.parent_id });
      },
      toolResult: (toolCallId: string, content: string) => {
        const parent = stored.at(-1)?.id ?? null;
        if (chat) {
          void runTurn(chat.id, {
            parent_id: parent,
            message: { role: "tool", tool_call_id: toolCallId, content },
          });
        }
      },
    };
  }, [chat, client, runTurn]);

  const failure = turn.failure ?? createError;
  const notFound =
    (chatId !== null && !validId) ||
    (query.error instanceof ApiRequestError && query.error.status === 404);

  return {
    chatId,
    chat,
    query,
    notFound,
    path,
    tree: view.messages,
    turn,
    ownTurn,
    settings,
    actions,
    ask,
    failure,
    dismissFailure: () => {
      setCreateError(null);
      endBlock();
    },
    secondsLeft,
    blocked: block !== null && secondsLeft > 0,
    spoken,
    scrollSignal,
  };
}
