// A conversation is a tree of messages (an edited question or a regenerated answer starts a
// branch beside the old one); the screen shows one path through it, root → active leaf. Pure and
// isomorphic: every rule the page follows about branches is here, and tested.
import type { ChatMessage, ChatToolCall } from "@/lib/schemas/chat";

type Tree = readonly ChatMessage[];

/** Oldest first; created_at ties keep the server's order. */
function byAge(a: ChatMessage, b: ChatMessage): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0;
}

/** Each message's children, oldest first (the key null holds the roots). */
export function childrenByParent(messages: Tree): Map<string | null, ChatMessage[]> {
  const children = new Map<string | null, ChatMessage[]>();
  for (const message of messages) {
    const list = children.get(message.parent_id) ?? [];
    list.push(message);
    children.set(message.parent_id, list);
  }
  for (const list of children.values()) list.sort(byAge);
  return children;
}

/**
 * The newest leaf under `start` (itself when it has no children): the last thing said in that
 * branch, so switching to a branch brings back where it was left. Ties go to the deeper one.
 */
export function newestLeafUnder(messages: Tree, startId: string): string {
  const children = childrenByParent(messages);
  const start = messages.find((m) => m.id === startId);
  if (!start) return startId;
  let best: { message: ChatMessage; depth: number } | undefined;
  const stack = [{ message: start, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kids = children.get(node.message.id) ?? [];
    if (kids.length === 0) {
      const newer = best ? byAge(node.message, best.message) : 1;
      if (newer > 0 || (newer === 0 && node.depth > (best?.depth ?? 0))) best = node;
    }
    for (const kid of kids) stack.push({ message: kid, depth: node.depth + 1 });
  }
  return best?.message.id ?? startId;
}

/**
 * The messages on screen, root first: from the active leaf up through its parents. Without a
 * usable leaf (null, or gone) the newest leaf of the whole conversation stands in.
 */
export function activePath(messages: Tree, leafId: string | null): ChatMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  let leaf = leafId ? byId.get(leafId) : undefined;
  if (!leaf) {
    const roots = childrenByParent(messages).get(null) ?? [];
    const newestRoot = roots.at(-1);
    if (!newestRoot) return [];
    leaf = byId.get(newestLeafUnder(messages, newestRoot.id));
  }
  const path: ChatMessage[] = [];
  const seen = new Set<string>();
  // `seen` guards against a cycle in corrupt data: the page must render something, not hang.
  for (let m = leaf; m && !seen.has(m.id); m = m.parent_id ? byId.get(m.parent_id) : undefined) {
    seen.add(m.id);
    path.push(m);
  }
  return path.reverse();
}

export interface BranchPosition {
  /** 0-based place among its siblings, oldest first. */
  index: number;
  count: number;
  /** The siblings' ids in that order. */
  siblingIds: string[];
}

/** Where a message sits among the alternatives sharing its parent. */
export function branchPosition(messages: Tree, messageId: string): BranchPosition {
  const message = messages.find((m) => m.id === messageId);
  if (!message) return { index: 0, count: 1, siblingIds: [messageId] };
  const siblings = childrenByParent(messages).get(message.parent_id) ?? [message];
  const siblingIds = siblings.map((m) => m.id);
  return { index: siblingIds.indexOf(messageId), count: siblingIds.length, siblingIds };
}

/** The active leaf after choosing sibling `index` of `messageId`. */
export function leafForBranch(messages: Tree, messageId: string, index: number): string | null {
  const { siblingIds } = branchPosition(messages, messageId);
  const target = siblingIds[index];
  return target ? newestLeafUnder(messages, target) : null;
}

export interface PendingToolCalls {
  /** The assistant message that asked for them. */
  assistantId: string;
  calls: ChatToolCall[];
}

/**
 * Tool calls the path's last assistant message made and no tool message after it answered: the
 * conversation cannot go on until each has a result. Null when nothing is waiting.
 */
export function unansweredToolCalls(path: readonly ChatMessage[]): PendingToolCalls | null {
  let i = path.length - 1;
  const answered = new Set<string>();
  while (i >= 0 && path[i]!.role === "tool") {
    const id = path[i]!.tool_call_id;
    if (id) answered.add(id);
    i -= 1;
  }
  const assistant = path[i];
  if (!assistant || assistant.role !== "assistant" || !assistant.tool_calls?.length) return null;
  // A failed or stopped answer's calls may be cut short: only a finished one asks for results.
  if (assistant.status !== "complete") return null;
  const calls = assistant.tool_calls.filter((call) => !answered.has(call.id));
  return calls.length > 0 ? { assistantId: assistant.id, calls } : null;
}

/** The call a tool message answers, from the nearest assistant message before it on the path. */
export function callAnsweredBy(
  path: readonly ChatMessage[],
  index: number,
): ChatToolCall | undefined {
  const tool = path[index];
  if (!tool || tool.role !== "tool" || !tool.tool_call_id) return undefined;
  for (let i = index - 1; i >= 0; i -= 1) {
    const m = path[i]!;
    if (m.role === "assistant")
      return m.tool_calls?.find((call) => call.id === tool.tool_call_id) ?? undefined;
  }
  return undefined;
}

/** The last assistant message on the path, the one Regenerate answers again. */
export function lastAssistant(path: readonly ChatMessage[]): ChatMessage | undefined {
  return path.findLast((m) => m.role === "assistant");
}

/**
 * The conversation with a turn still arriving laid over what the server stored: the live
 * messages replace stored ones with the same id, and the live answer is the active leaf.
 */
export function withLiveMessages(
  messages: Tree,
  leafId: string | null,
  live: readonly ChatMessage[],
): { messages: ChatMessage[]; leafId: string | null } {
  if (live.length === 0) return { messages: [...messages], leafId };
  const liveIds = new Set(live.map((m) => m.id));
  return {
    messages: [...messages.filter((m) => !liveIds.has(m.id)), ...live],
    leafId: live.at(-1)!.id,
  };
}

/** Every message's place among its siblings, computed once for the whole tree. */
export function branchPositions(messages: Tree): Map<string, BranchPosition> {
  const positions = new Map<string, BranchPosition>();
  for (const siblings of childrenByParent(messages).values()) {
    const siblingIds = siblings.map((m) => m.id);
    siblingIds.forEach((id, index) =>
      positions.set(id, { index, count: siblingIds.length, siblingIds }),
    );
  }
  return positions;
}
