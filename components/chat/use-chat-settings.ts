"use client";

// A conversation's settings as the panel edits them: kept here while typing, saved (PATCH) once
// the edits pause, and saved at once before a turn is sent so the turn uses them. A conversation
// not yet created keeps them as a draft, sent with its creation.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { applyChat, patchChat } from "./chat-queries";
import { defaultChatSettings, type Chat, type ChatSettings } from "@/lib/schemas/chat";

const saveAfterMs = 600;

interface Unsaved {
  chatId: string;
  settings: ChatSettings;
}

export function useChatSettings(chatId: string | null, chat: Chat | undefined) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<ChatSettings>(defaultChatSettings);
  const [unsaved, setUnsaved] = useState<Unsaved | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<Unsaved | null>(null);

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    const edit = latest.current;
    if (!edit) return;
    latest.current = null;
    try {
      applyChat(client, await patchChat(edit.chatId, { settings: edit.settings }));
    } catch {
      toast.error("Could not save the chat settings", { description: "They are back as saved." });
    }
    // Newer edits made while this one was saving stay on screen.
    setUnsaved((current) => (current?.settings === edit.settings ? null : current));
  }, [client]);

  // Leaving the page (or the conversation) saves what was typed.
  useEffect(() => () => void save(), [save, chatId]);

  const onChange = useCallback(
    (settings: ChatSettings) => {
      if (!chatId) {
        setDraft(settings);
        return;
      }
      const edit = { chatId, settings };
      latest.current = edit;
      setUnsaved(edit);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), saveAfterMs);
    },
    [chatId, save],
  );

  const value =
    chatId === null
      ? draft
      : unsaved?.chatId === chatId
        ? unsaved.settings
        : (chat?.settings ?? defaultChatSettings);

  return {
    value,
    onChange,
    /** Saves pending edits now (before a turn). */
    flush: save,
    /** A new conversation starts from the defaults. */
    resetDraft: useCallback(() => setDraft(defaultChatSettings), []),
  };
}
