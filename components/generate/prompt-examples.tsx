"use client";

import { HistoryIcon, SparklesIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { PromptExample } from "@/lib/catalog/examples";
import { cn } from "@/lib/utils/cn";
import { usePromptHistory } from "./use-prompt-history";

function exampleText(example: PromptExample): string {
  return "text" in example ? example.text : example.lines.map((l) => l.text).join("\n");
}

/** One-click starting points: small chips that replace the field's text with an example. */
export function PromptExamples({
  examples,
  onPick,
  className,
}: {
  examples: readonly PromptExample[];
  onPick: (example: PromptExample) => void;
  className?: string;
}) {
  if (examples.length === 0) return null;
  return (
    <div
      className={cn("flex min-w-0 flex-wrap items-center gap-1.5", className)}
      role="group"
      aria-label="Examples"
      data-testid="prompt-examples"
    >
      <span className="text-muted-foreground flex items-center gap-1 text-xs">
        <SparklesIcon className="size-3.5" aria-hidden /> Try
      </span>
      {examples.map((example) => (
        <button
          key={example.label}
          type="button"
          onClick={() => onPick(example)}
          title={exampleText(example)}
          aria-label={`Use example: ${example.label}`}
          className="bg-muted/60 text-foreground/80 hover:bg-accent hover:text-accent-foreground focus-visible:ring-ring/50 h-7 max-w-48 truncate rounded-full border px-2.5 text-xs transition-colors outline-none focus-visible:ring-[3px]"
          data-testid="prompt-example"
        >
          {example.label}
        </button>
      ))}
    </div>
  );
}

/** "Recent": the last prompts run with this model in this field; picking one fills the field. */
export function PromptHistoryMenu({
  slug,
  field,
  onPick,
}: {
  slug: string;
  field: string;
  onPick: (text: string) => void;
}) {
  const history = usePromptHistory(slug, field);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="text-muted-foreground h-7 px-2"
          aria-label="Recent runs"
          title="What you ran before with this model"
          data-testid="prompt-history"
        >
          <HistoryIcon aria-hidden /> Recent
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent
        align="end"
        collisionPadding={8}
        className="max-h-[min(24rem,var(--radix-dropdown-menu-content-available-height))] w-[min(28rem,calc(100vw-1rem))] overflow-y-auto"
      >
        <DropdownMenuLabel className="text-muted-foreground text-xs font-medium">
          Your recent runs with this model
        </DropdownMenuLabel>
        {history.length === 0 ? (
          <p className="text-muted-foreground px-2 py-3 text-sm">
            Nothing yet: what you run here shows up in this list.
          </p>
        ) : (
          history.map((text) => (
            <DropdownMenuItem
              key={text}
              onSelect={() => onPick(text)}
              data-testid="prompt-history-item"
            >
              <span className="line-clamp-2 text-sm">{text}</span>
            </DropdownMenuItem>
          ))
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
