"use client";

// Delete with undo: the conversation leaves the list at once; the DELETE goes when the undo toast
// closes (its timer pauses while hovered), or at once, with keepalive, when the tab is left first.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { chatKeys, deleteChat, removeChatFromLists } from "./chat-queries";
import type { ChatSummary } from "@/lib/schemas/chat";

const undoWindowMs = 6000;

export function useDeleteChat({ onDeleteActive }: { onDeleteActive: (chatId: string) => void }) {
  const client = useQueryClient();
  // Lists read while the undo window is open still hold the conversation: these ids are skipped.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());

  const show = useCallback((chatId: string) => {
    setHidden((ids) => new Set([...ids].filter((id) => id !== chatId)));
  }, []);

  const remove = useCallback(
    (summary: ChatSummary) => {
      const chatId = summary.id;
      let state: "waiting" | "sent" | "undone" = "waiting";
      const send = (keepalive: boolean) => {
        if (state !== "waiting") return;
        state = "sent";
        window.removeEventListener("pagehide", onLeave);
        deleteChat(chatId, keepalive).then(
          async () => {
            client.removeQueries({ queryKey: chatKeys.detail(chatId) });
            await client.invalidateQueries({ queryKey: chatKeys.lists });
            show(chatId);
          },
          (error: unknown) => {
            // Already gone (another tab) is what the user wanted.
            if (error instanceof Error && "status" in error && error.status === 404) return;
            toast.error("Could not delete the conversation", {
              description: "It is back in your list.",
            });
            show(chatId);
          },
        );
      };
      const onLeave = () => send(true);
      window.addEventListener("pagehide", onLeave);

      setHidden((ids) => new Set(ids).add(chatId));
      removeChatFromLists(client, chatId);
      onDeleteActive(chatId);
      toast(`Deleted “${summary.title}”`, {
        duration: undoWindowMs,
        action: {
          label: "Undo",
          onClick: () => {
            if (state !== "waiting") return;
            state = "undone";
            window.removeEventListener("pagehide", onLeave);
            show(chatId);
            void client.invalidateQueries({ queryKey: chatKeys.lists });
          },
        },
        onDismiss: () => send(false),
        onAutoClose: () => send(false),
        testId: "chat-delete-toast",
      });
    },
    [client, onDeleteActive, show],
  );

  return { hidden, remove };
}
