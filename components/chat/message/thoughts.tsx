"use client";

import { BrainIcon, ChevronRightIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Collapsible, CollapsibleContent, CollapsibleTrigger } from "@/components/ui/collapsible";
import { ChatMarkdown } from "./chat-markdown";

/**
 * Seconds the model spent thinking, as seen here: from the first thought on screen to the first
 * word of the answer. Unknown (null) for a message that was not watched while it thought.
 */
function useThinkingSeconds(thinking: boolean): number | null {
  const startedAt = useRef<number | null>(null);
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    if (thinking) {
      startedAt.current ??= performance.now();
      return;
    }
    if (startedAt.current === null) return;
    const elapsed = (performance.now() - startedAt.current) / 1000;
    startedAt.current = null;
    // Measured once, when the thinking phase ends: an effect is where that moment is observed.
    setSeconds(Math.max(1, Math.round(elapsed)));
  }, [thinking]);
  return seconds;
}

/**
 * The model's thoughts, apart from its answer: open while it thinks, folded once the answer
 * starts (unless the reader chose otherwise), and rendered as safely as the answer.
 */
export function Thoughts({
  reasoning,
  streaming,
  answerStarted,
}: {
  reasoning: string;
  /** The message is still streaming. */
  streaming: boolean;
  /** Content or a tool call has arrived. */
  answerStarted: boolean;
}) {
  const thinking = streaming && !answerStarted;
  const seconds = useThinkingSeconds(thinking);
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? thinking;
  const label = thinking ? "Thinking…" : seconds !== null ? `Thought for ${seconds} s` : "Thoughts";
  return (
    <Collapsible
      open={open}
      onOpenChange={setChosen}
      className="group/thoughts min-w-0"
      data-testid="chat-thoughts"
      data-thinking={thinking ? "true" : "false"}
    >
      <CollapsibleTrigger className="text-muted-foreground hover:text-foreground focus-visible:ring-ring/50 -ml-1.5 inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-sm outline-none focus-visible:ring-[3px]">
        <BrainIcon
          className={thinking ? "size-4 animate-pulse motion-reduce:animate-none" : "size-4"}
          aria-hidden
        />
        <span>{label}</span>
        <ChevronRightIcon
          className="size-4 transition-transform group-data-[state=open]/thoughts:rotate-90 motion-reduce:transition-none"
          aria-hidden
        />
      </CollapsibleTrigger>
      <CollapsibleContent className="text-muted-foreground mt-1 border-l-2 pl-3">
        <ChatMarkdown text={reasoning} streaming={thinking} className="text-[13px]" />
      </CollapsibleContent>
    </Collapsible>
  );
}
