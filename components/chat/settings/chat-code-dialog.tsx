"use client";

import { CodeIcon } from "lucide-react";
import { useMemo } from "react";
import { CodeTabs } from "@/components/generate/code-panel";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { chatRequestBody, replayPath, type ChatRequestBody } from "@/lib/chat/chat-request";
import {
  chatCode,
  chatCodeLanguages,
  studioTarget,
  upstreamTarget,
  type ApiTarget,
} from "@/lib/code-export";
import type { ChatMessage, ChatSettings } from "@/lib/schemas/chat";
import { IntentLink } from "@/components/ui/intent-link";

function Variable({ name }: { name: string }) {
  return <code className="bg-muted rounded px-1 py-0.5 font-mono text-xs">{name}</code>;
}

function Snippets({ id, target, body }: { id: string; target: ApiTarget; body: ChatRequestBody }) {
  const snippets = useMemo(
    () => chatCodeLanguages.map((lang) => ({ ...lang, code: chatCode(lang.id, body, target) })),
    [body, target],
  );
  return <CodeTabs snippets={snippets} testIdPrefix={`chat-code-${id}`} what="program" />;
}

/** The dialog's body; mounted only while open, so it may read the page's origin. */
function ChatCode({
  settings,
  messages,
  studioOrigin,
}: {
  settings: ChatSettings;
  messages: ChatMessage[];
  studioOrigin?: string;
}) {
  const body = useMemo(() => chatRequestBody(settings, replayPath(messages)), [settings, messages]);
  const studio = useMemo(
    () => studioTarget(studioOrigin ?? window.location.origin),
    [studioOrigin],
  );
  return (
    <Tabs defaultValue="upstream" className="flex min-w-0 flex-col gap-3">
      <TabsList aria-label="Send to" className="self-start">
        <TabsTrigger value="upstream">API in One</TabsTrigger>
        <TabsTrigger value="studio" data-testid="chat-code-target-studio">
          This Studio
        </TabsTrigger>
      </TabsList>
      <TabsContent value="upstream" className="flex min-w-0 flex-col gap-3">
        <p className="text-muted-foreground text-sm">
          Straight to API in One. Set <Variable name={upstreamTarget.keyVariable} /> to your API key
          (and <Variable name={upstreamTarget.baseUrlVariable} /> to use another server).
        </p>
        <Snippets id="upstream" target={upstreamTarget} body={body} />
      </TabsContent>
      <TabsContent value="studio" className="flex min-w-0 flex-col gap-3">
        <p className="text-muted-foreground text-sm">
          Through this Studio&apos;s <Variable name="/api/v1" />, with an app token instead of your
          API key. Set <Variable name={studio.keyVariable} /> to an app token from{" "}
          <IntentLink
            href="/settings"
            className="text-foreground font-medium underline underline-offset-4"
          >
            Settings
          </IntentLink>
          .
        </p>
        <Snippets id="studio" target={studio} body={body} />
      </TabsContent>
    </Tabs>
  );
}

/**
 * "Copy as code": the request behind the conversation's last answer, with its current settings,
 * as curl or an `openai` program (TypeScript, Python) that streams the reply.
 */
export function ChatCodeButton({
  settings,
  messages,
  studioOrigin,
}: {
  settings: ChatSettings;
  /** The branch on screen, first message to last. */
  messages: ChatMessage[];
  /** Where this Studio is reached (the server's public origin); the page's own by default. */
  studioOrigin?: string;
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          aria-label="Copy as code"
          disabled={messages.length === 0}
          data-testid="chat-copy-as-code"
        >
          <CodeIcon aria-hidden />
          <span className="hidden sm:inline">Copy as code</span>
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-3xl" data-testid="chat-code-dialog">
        <DialogHeader>
          <DialogTitle>Copy as code</DialogTitle>
          <DialogDescription>
            The request behind the last answer, with this conversation&apos;s settings, as a program
            that streams the reply.
          </DialogDescription>
        </DialogHeader>
        <ChatCode settings={settings} messages={messages} studioOrigin={studioOrigin} />
      </DialogContent>
    </Dialog>
  );
}
