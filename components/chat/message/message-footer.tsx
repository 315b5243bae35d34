"use client";

import { CoinsIcon, HashIcon, RotateCcwIcon, TimerIcon, ZapIcon } from "lucide-react";
import type { ReactNode } from "react";
import { BranchSwitcher, type BranchInfo } from "./branch-switcher";
import { CopyMessageButton, MessageAction } from "./message-actions";
import type { MessageStat } from "./message-format";

const statIcons = {
  tokens: HashIcon,
  credits: CoinsIcon,
  duration: TimerIcon,
  "first-token": ZapIcon,
};

/**
 * The row under a message: versions, Copy, Regenerate, and (for a finished answer) its tokens,
 * credits and timings in muted type.
 */
export function MessageFooter({
  branch,
  busy,
  copyText,
  onRegenerate,
  stats,
  extra,
  align = "start",
  reserve = false,
}: {
  branch?: BranchInfo;
  busy: boolean;
  /** Null: nothing to copy. */
  copyText: string | null;
  onRegenerate?: () => void;
  stats: MessageStat[];
  /** More actions (Edit). */
  extra?: ReactNode;
  align?: "start" | "end";
  /** Keep the row's height even when it has nothing to show (while an answer streams). */
  reserve?: boolean;
}) {
  const empty =
    !(branch && branch.count > 1) && !extra && copyText === null && !onRegenerate && !stats.length;
  if (empty && !reserve) return null;
  return (
    <div
      className={
        align === "end"
          ? "flex min-h-8 flex-wrap items-center justify-end gap-x-1 gap-y-1"
          : "flex min-h-8 flex-wrap items-center gap-x-1 gap-y-1"
      }
    >
      {branch ? <BranchSwitcher branch={branch} disabled={busy} /> : null}
      {extra}
      {copyText !== null ? <CopyMessageButton text={copyText} /> : null}
      {onRegenerate ? (
        <MessageAction
          label="Regenerate answer"
          onClick={onRegenerate}
          disabled={busy}
          testId="regenerate"
        >
          <RotateCcwIcon aria-hidden />
        </MessageAction>
      ) : null}
      {stats.length > 0 ? (
        <p
          className="text-muted-foreground ml-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs tabular-nums"
          data-testid="message-stats"
        >
          {stats.map(({ kind, text }) => {
            const Icon = statIcons[kind];
            return (
              <span key={kind} className="inline-flex items-center gap-1 whitespace-nowrap">
                <Icon className="size-3" aria-hidden />
                {text}
              </span>
            );
          })}
        </p>
      ) : null}
    </div>
  );
}
