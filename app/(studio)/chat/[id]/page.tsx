// /chat/[id] — one conversation: the workspace (in the chat layout) reads it from
// GET /api/v1/chats/{id} and shows a not-found state for an unknown or someone else's id.
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Chat" };

export default function ChatPage() {
  return null;
}
