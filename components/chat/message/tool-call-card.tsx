"use client";

import { CornerDownLeftIcon, SendIcon, WrenchIcon } from "lucide-react";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { readJsonAnswer } from "@/lib/chat/json-answer";
import type { ChatToolCall } from "@/lib/schemas/chat";
import { cn } from "@/lib/utils/cn";

/** JSON text re-indented when it parses; as sent otherwise (arguments still streaming). */
function prettyJsonText(text: string): string {
  const json = readJsonAnswer(text);
  return json.valid ? json.pretty : text;
}

function CodeText({ text, label, className }: { text: string; label: string; className?: string }) {
  return (
    <pre
      className={cn(
        "bg-muted/60 max-h-64 overflow-auto rounded-lg border p-3 font-mono text-xs leading-relaxed whitespace-pre",
        "focus-visible:ring-ring/50 outline-none focus-visible:ring-[3px]",
        className,
      )}
      tabIndex={0}
      aria-label={label}
    >
      <code>{text}</code>
    </pre>
  );
}

/** One function call the model asked for: its name, its arguments, and a form for the result. */
export function ToolCallCard({
  call,
  pending,
  busy,
  onResult,
}: {
  call: ChatToolCall;
  /** No tool message answers it yet on this path. */
  pending: boolean;
  /** An answer is streaming: the form keeps what was typed but cannot send yet. */
  busy: boolean;
  /** Absent: results cannot be sent from here (no form). */
  onResult?: (content: string) => void;
}) {
  const name = call.function.name || "function";
  const args = call.function.arguments;
  return (
    <section
      className="bg-card flex min-w-0 flex-col gap-2.5 rounded-xl border p-3 shadow-xs sm:p-4"
      aria-label={`Tool call ${name}`}
      data-testid="tool-call"
      data-tool-call-id={call.id}
      data-pending={pending ? "true" : "false"}
    >
      <div className="flex flex-wrap items-center gap-2">
        <WrenchIcon className="text-muted-foreground size-4" aria-hidden />
        <span className="text-muted-foreground text-xs">Calls</span>
        <code className="min-w-0 font-mono text-sm font-semibold [overflow-wrap:anywhere]">
          {name}
        </code>
        {pending ? (
          <Badge variant="warning" className="ml-auto">
            Waiting for a result
          </Badge>
        ) : null}
      </div>
      {args.trim() === "" ? (
        <p className="text-muted-foreground text-xs">No arguments.</p>
      ) : (
        <CodeText text={prettyJsonText(args)} label={`Arguments of ${name}`} />
      )}
      {pending && onResult ? <ToolResultForm name={name} busy={busy} onResult={onResult} /> : null}
    </section>
  );
}

function ToolResultForm({
  name,
  busy,
  onResult,
}: {
  name: string;
  busy: boolean;
  onResult: (content: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const ready = text.trim() !== "" && !busy;
  const send = () => {
    if (ready) onResult(text);
  };
  return (
    <form
      className="flex flex-col gap-2 border-t pt-3"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Label htmlFor={id}>Result of {name}</Label>
      <Textarea
        id={id}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
        placeholder='{"temperature": 21, "unit": "celsius"}'
        className="min-h-16 font-mono text-xs"
        aria-describedby={`${id}-hint`}
        data-testid="tool-result-input"
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {busy
            ? "You can send it when the current answer finishes."
            : "What the tool returned, usually JSON. Enter sends, Shift+Enter adds a line."}
        </p>
        <Button type="submit" size="sm" disabled={!ready}>
          <SendIcon aria-hidden /> Send result
        </Button>
      </div>
    </form>
  );
}

/** A tool message: what a tool returned, compact. */
export function ToolResultCard({ content, name }: { content: string; name: string | null }) {
  const title = name ? `Result of ${name}` : "Tool result";
  return (
    <div
      className="bg-muted/30 flex min-w-0 flex-col gap-2 rounded-xl border border-dashed p-3"
      data-testid="tool-result"
    >
      <p className="text-muted-foreground flex items-center gap-1.5 text-xs">
        <CornerDownLeftIcon className="size-3.5" aria-hidden />
        <span>
          Result of{" "}
          {name ? (
            <code className="text-foreground font-mono font-semibold">{name}</code>
          ) : (
            "a tool call"
          )}
        </span>
      </p>
      {content === "" ? (
        <p className="text-muted-foreground text-xs">Empty result.</p>
      ) : (
        <CodeText text={prettyJsonText(content)} label={title} className="max-h-48" />
      )}
    </div>
  );
}
