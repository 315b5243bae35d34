// /chat and /chat/[id] — the chat workspace lives in this layout, not in the pages, so a turn that
// starts on /chat keeps streaming when the URL becomes /chat/{id} (a layout stays mounted).
import { ChatWorkspace } from "@/components/chat/chat-workspace";

export default function ChatLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <ChatWorkspace />
      {children}
    </>
  );
}
