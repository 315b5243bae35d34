// /chat — a new conversation: the workspace (in the layout) shows the welcome and the composer;
// the first Send creates the conversation and moves to /chat/{id}.
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Chat" };

export default function NewChatPage() {
  return null;
}
