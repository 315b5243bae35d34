import { BrainIcon, BracesIcon, MessagesSquareIcon, SendIcon, WrenchIcon } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Chat" };

const features = [
  {
    icon: BrainIcon,
    title: "Thoughts",
    text: "See the model's reasoning stream in before its answer.",
  },
  { icon: WrenchIcon, title: "Tools", text: "Declare functions and watch the model call them." },
  { icon: BracesIcon, title: "JSON mode", text: "Ask for a JSON object and get one that parses." },
];

export default function ChatPage() {
  return (
    <>
      <PageHeader
        title="Chat"
        description="OpenAI-compatible chat with Gemini, streamed token by token."
        icon={MessagesSquareIcon}
        actions={<Badge variant="outline">gemini</Badge>}
      />
      <Card className="flex min-h-[28rem] flex-1 flex-col overflow-hidden">
        <div className="flex flex-1 flex-col items-center justify-center gap-6 p-6 text-center">
          <div>
            <p className="text-lg font-medium">Start a conversation</p>
            <p className="text-muted-foreground mt-1 text-sm">
              Your chats are kept on this server, only for you.
            </p>
          </div>
          <div className="grid w-full max-w-2xl gap-3 sm:grid-cols-3">
            {features.map((f) => (
              <div key={f.title} className="bg-background rounded-lg border p-4 text-left">
                <f.icon className="text-primary size-4" />
                <p className="mt-2 text-sm font-medium">{f.title}</p>
                <p className="text-muted-foreground mt-1 text-xs">{f.text}</p>
              </div>
            ))}
          </div>
        </div>
        <form
          className="bg-background/50 flex items-end gap-2 border-t p-3"
          aria-label="Message composer"
        >
          <label htmlFor="chat-input" className="sr-only">
            Message
          </label>
          <textarea
            id="chat-input"
            rows={1}
            disabled
            placeholder="The chat panel is not connected yet"
            className="bg-card placeholder:text-muted-foreground focus-visible:ring-ring/50 min-h-10 flex-1 resize-none rounded-md border px-3 py-2 text-sm outline-none focus-visible:ring-[3px] disabled:cursor-not-allowed disabled:opacity-60"
          />
          <Button type="submit" size="icon" disabled aria-label="Send">
            <SendIcon />
          </Button>
        </form>
      </Card>
    </>
  );
}
