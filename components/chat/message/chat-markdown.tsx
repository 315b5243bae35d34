"use client";

import { lazy, Suspense, type ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

// The Markdown renderer (streamdown, Shiki's highlighter and the sanitizer) is most of the Chat
// page's JavaScript: it loads on its own, after the page, instead of with it. Until it is there,
// the text shows as plain text (React escapes it), so nothing jumps but the formatting.
const Renderer = lazy(() => import("./markdown").then((m) => ({ default: m.ChatMarkdown })));

type Props = ComponentProps<typeof Renderer>;

/** A model's Markdown (see markdown.tsx), loaded on first use. */
export function ChatMarkdown(props: Props) {
  return (
    <Suspense
      fallback={
        <div
          className={cn(
            "min-w-0 text-sm leading-relaxed [overflow-wrap:anywhere] whitespace-pre-wrap",
            props.className,
          )}
          data-markdown="loading"
        >
          {props.text}
        </div>
      }
    >
      <Renderer {...props} />
    </Suspense>
  );
}
