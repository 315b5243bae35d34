"use client";

import { useQueryClient } from "@tanstack/react-query";
import { MoreHorizontalIcon, PencilIcon, Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { applyChat, patchChat } from "./chat-queries";
import type { ChatSummary } from "@/lib/schemas/chat";
import { cn } from "@/lib/utils/cn";
import { IntentLink } from "@/components/ui/intent-link";

function RenameField({ summary, onDone }: { summary: ChatSummary; onDone: () => void }) {
  const client = useQueryClient();
  const [title, setTitle] = useState(summary.title);
  const save = () => {
    const next = title.trim();
    onDone();
    if (!next || next === summary.title) return;
    patchChat(summary.id, { title: next }).then(
      (chat) => applyChat(client, chat),
      () => toast.error("Could not rename the conversation", { description: "Try again." }),
    );
  };
  return (
    <input
      // The field replaces the link the user just chose to rename: focus follows.
      autoFocus
      value={title}
      maxLength={200}
      aria-label="Conversation title"
      data-testid="chat-rename-input"
      onChange={(event) => setTitle(event.target.value)}
      onBlur={save}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          save();
        } else if (event.key === "Escape") {
          event.preventDefault();
          onDone();
        }
      }}
      className="border-ring bg-card ring-ring/50 h-9 w-full min-w-0 rounded-md border px-2 text-sm ring-[3px] outline-none"
    />
  );
}

/** One conversation in the sidebar: open it, rename it in place, delete it (with undo). */
export function ChatListItem({
  summary,
  active,
  onOpen,
  onDelete,
}: {
  summary: ChatSummary;
  active: boolean;
  onOpen?: () => void;
  onDelete: (summary: ChatSummary) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  if (renaming) {
    return (
      <li className="px-1 py-0.5">
        <RenameField summary={summary} onDone={() => setRenaming(false)} />
      </li>
    );
  }
  return (
    <li
      className={cn(
        "group/item hover:bg-sidebar-accent/70 relative flex items-center rounded-md",
        active && "bg-sidebar-accent text-sidebar-accent-foreground",
      )}
      data-testid="chat-list-item"
      data-chat-id={summary.id}
    >
      <IntentLink
        href={`/chat/${summary.id}`}
        onClick={onOpen}
        aria-current={active ? "page" : undefined}
        className="focus-visible:ring-ring/50 flex h-9 min-w-0 flex-1 items-center rounded-md pr-9 pl-2.5 text-sm outline-none focus-visible:ring-[3px]"
      >
        <span className={cn("truncate", active && "font-medium")}>{summary.title}</span>
      </IntentLink>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <button
            type="button"
            aria-label={`Actions for “${summary.title}”`}
            data-testid="chat-item-menu"
            className={cn(
              "text-muted-foreground hover:text-foreground hover:bg-accent focus-visible:ring-ring/50 data-[state=open]:bg-accent absolute right-1 grid size-7 place-items-center rounded-md outline-none focus-visible:ring-[3px] data-[state=open]:opacity-100",
              // On a wide screen the menu shows on hover or focus; a phone has no hover.
              !active &&
                "lg:opacity-0 lg:group-focus-within/item:opacity-100 lg:group-hover/item:opacity-100",
            )}
          >
            <MoreHorizontalIcon className="size-4" aria-hidden />
          </button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setRenaming(true)} data-testid="chat-rename">
            <PencilIcon aria-hidden /> Rename
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem
            onSelect={() => onDelete(summary)}
            className="text-destructive focus:text-destructive"
            data-testid="chat-delete"
          >
            <Trash2Icon aria-hidden /> Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </li>
  );
}
