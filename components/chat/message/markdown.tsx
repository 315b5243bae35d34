"use client";

import { code } from "@streamdown/code";
import { Streamdown, type StreamdownProps } from "streamdown";
import { cn } from "@/lib/utils/cn";
import { chatMarkdownComponents, chatRehypePlugins, chatUrlTransform } from "./markdown-safety";

const plugins: StreamdownProps["plugins"] = { code };
const controls: StreamdownProps["controls"] = {
  code: { copy: true, download: false },
  table: { copy: true, download: false, fullscreen: false },
  image: false,
  mermaid: false,
};
// GitHub's current themes: their colours keep 4.5:1 contrast on our code background (card).
const shikiTheme: StreamdownProps["shikiTheme"] = ["github-light-default", "github-dark-default"];
const linkSafety: StreamdownProps["linkSafety"] = { enabled: false };
const translations: StreamdownProps["translations"] = { copyCode: "Copy code", copied: "Copied" };

/**
 * A model's Markdown, rendered as it streams: unfinished syntax is closed for display while
 * `streaming`, code is highlighted by Shiki with a copy button, and nothing the model writes can
 * run or load (see markdown-safety.tsx).
 */
export function ChatMarkdown({
  text,
  streaming = false,
  unfinished = streaming,
  className,
}: {
  text: string;
  streaming?: boolean;
  /** Text cut off mid-way (still streaming, or stopped): its open syntax is closed for display. */
  unfinished?: boolean;
  className?: string;
}) {
  return (
    <Streamdown
      className={cn(
        "min-w-0 text-sm leading-relaxed [overflow-wrap:anywhere]",
        // Headings sized for a chat column, not a document page.
        "[&_h1]:text-xl [&_h2]:text-lg [&_h3]:text-base [&_h4]:text-sm [&_h5]:text-sm [&_h6]:text-sm",
        // Code scrolls inside its block instead of widening the message on a phone.
        "[&_[data-streamdown=code-block]]:max-w-full [&_pre]:min-w-0",
        "[&_[data-streamdown=code-block-body]]:bg-card [&_[data-streamdown=code-block-body]_pre]:bg-transparent",
        "[&_[data-streamdown=code-block-body]]:focus-visible:ring-ring/50 [&_[data-streamdown=code-block-body]]:outline-none [&_[data-streamdown=code-block-body]]:focus-visible:ring-[3px]",
        className,
      )}
      mode="streaming"
      isAnimating={streaming}
      parseIncompleteMarkdown={unfinished}
      caret={streaming ? "block" : undefined}
      plugins={plugins}
      shikiTheme={shikiTheme}
      controls={controls}
      linkSafety={linkSafety}
      translations={translations}
      rehypePlugins={chatRehypePlugins}
      urlTransform={chatUrlTransform}
      components={chatMarkdownComponents}
      lineNumbers={false}
    >
      {text}
    </Streamdown>
  );
}
