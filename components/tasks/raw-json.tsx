"use client";

import { ChevronRightIcon } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";

/** A JSON document behind a disclosure, pretty-printed and copyable. */
export function RawJson({
  title,
  caption,
  value,
  testId,
}: {
  title: string;
  caption: string;
  value: unknown;
  testId: string;
}) {
  const text = JSON.stringify(value, null, 2);
  return (
    <details className="group rounded-lg border" data-testid={testId}>
      <summary className="hover:bg-accent/50 focus-visible:ring-ring/50 flex cursor-pointer list-none items-center gap-2 rounded-lg px-3 py-2.5 text-sm font-medium outline-none focus-visible:ring-[3px] [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon
          className="text-muted-foreground size-4 transition-transform group-open:rotate-90 motion-reduce:transition-none"
          aria-hidden
        />
        {title}
        <span className="text-muted-foreground ml-auto hidden truncate text-xs font-normal sm:inline">
          {caption}
        </span>
      </summary>
      <div className="relative border-t p-3">
        <CopyButton text={text} label={title} className="absolute top-5 right-5" />
        <pre
          className="bg-muted/60 max-h-[28rem] overflow-auto rounded-lg border p-3 pr-24 font-mono text-xs leading-relaxed"
          tabIndex={0}
          aria-label={title}
        >
          <code>{text}</code>
        </pre>
      </div>
    </details>
  );
}
