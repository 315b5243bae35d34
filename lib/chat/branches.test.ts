import { describe, expect, it } from "vitest";
import { chatMessageOf, type ChatMessage } from "@/lib/schemas/chat";
import {
  activePath,
  branchPosition,
  branchPositions,
  callAnsweredBy,
  lastAssistant,
  leafForBranch,
  newestLeafUnder,
  unansweredToolCalls,
  withLiveMessages,
} from "./branches";

let clock = 0;
/** Ids are readable names padded into the uuid's place; each message is a second newer. */
function msg(name: string, parent: string | null, extra: Partial<ChatMessage> = {}): ChatMessage {
  clock += 1;
  return chatMessageOf({
    id: name,
    parent_id: parent,
    role: "user",
    content: name,
    status: "complete",
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString(),
    ...extra,
  });
}
const answer = (name: string, parent: string, extra: Partial<ChatMessage> = {}) =>
  msg(name, parent, { role: "assistant", ...extra });

/**
 * q1 ─ a1 ─ q2 ─ a2          (the first question, answered; then a follow-up)
 *         └ q2b ─ a2b ─ q3b  (q2 edited: a second branch, taken further)
 *             └ a2c          (a2b regenerated)
 */
function conversation(): ChatMessage[] {
  const q1 = msg("q1", null);
  const a1 = answer("a1", "q1");
  const q2 = msg("q2", "a1");
  const a2 = answer("a2", "q2");
  const q2b = msg("q2b", "a1");
  const a2b = answer("a2b", "q2b");
  const q3b = msg("q3b", "a2b");
  const a2c = answer("a2c", "q2b");
  // The server's order is by created_at; shuffle to prove nothing relies on array order.
  return [a2c, q2, q1, q3b, a2b, a1, q2b, a2];
}
const ids = (path: ChatMessage[]) => path.map((m) => m.id);

describe("activePath", () => {
  it("walks from the active leaf up to the root", () => {
    expect(ids(activePath(conversation(), "a2"))).toEqual(["q1", "a1", "q2", "a2"]);
    expect(ids(activePath(conversation(), "q3b"))).toEqual(["q1", "a1", "q2b", "a2b", "q3b"]);
  });

  it("falls back to the newest leaf when the leaf is unknown or missing", () => {
    expect(ids(activePath(conversation(), null))).toEqual(["q1", "a1", "q2b", "a2c"]);
    expect(ids(activePath(conversation(), "gone"))).toEqual(["q1", "a1", "q2b", "a2c"]);
  });

  it("is empty for an empty conversation and survives a cycle in bad data", () => {
    expect(activePath([], null)).toEqual([]);
    const loop = [msg("x", "y"), msg("y", "x")];
    expect(ids(activePath(loop, "x"))).toEqual(["y", "x"]);
  });
});

describe("branchPosition", () => {
  it("numbers edits of a question and regenerations of an answer, oldest first", () => {
    const tree = conversation();
    expect(branchPosition(tree, "q2")).toMatchObject({ index: 0, count: 2 });
    expect(branchPosition(tree, "q2b")).toMatchObject({ index: 1, count: 2 });
    expect(branchPosition(tree, "a2c")).toMatchObject({
      index: 1,
      count: 2,
      siblingIds: ["a2b", "a2c"],
    });
    expect(branchPosition(tree, "q1")).toMatchObject({ index: 0, count: 1 });
    const all = branchPositions(tree);
    for (const m of tree) expect(all.get(m.id)).toEqual(branchPosition(tree, m.id));
  });
});

describe("switching branch", () => {
  it("lands on the newest leaf under the chosen sibling", () => {
    const tree = conversation();
    // From q2 to its edit q2b: q2b's newest leaf is a2c (created after q3b).
    expect(leafForBranch(tree, "q2", 1)).toBe("a2c");
    expect(leafForBranch(tree, "q2b", 0)).toBe("a2");
    // Back to the first answer of q2b: the conversation went on from there.
    expect(leafForBranch(tree, "a2c", 0)).toBe("q3b");
    expect(leafForBranch(tree, "a2c", 5)).toBeNull();
  });

  it("returns the message itself when it has no children", () => {
    expect(newestLeafUnder(conversation(), "a2")).toBe("a2");
  });
});

describe("tool calls", () => {
  const call = (id: string) => ({
    id,
    type: "function" as const,
    function: { name: "get_weather", arguments: `{"city":"${id}"}` },
  });

  it("lists the last answer's calls that have no result yet", () => {
    const q = msg("q", null);
    const a = answer("a", "q", { content: null, tool_calls: [call("c1"), call("c2")] });
    expect(unansweredToolCalls([q, a])).toEqual({
      assistantId: "a",
      calls: [call("c1"), call("c2")],
    });
    const t1 = msg("t1", "a", { role: "tool", tool_call_id: "c1" });
    expect(unansweredToolCalls([q, a, t1])).toEqual({ assistantId: "a", calls: [call("c2")] });
    const t2 = msg("t2", "t1", { role: "tool", tool_call_id: "c2" });
    expect(unansweredToolCalls([q, a, t1, t2])).toBeNull();
    expect(callAnsweredBy([q, a, t1, t2], 3)).toEqual(call("c2"));
    expect(callAnsweredBy([q, a, t1, t2], 1)).toBeUndefined();
  });

  it("asks nothing of a stopped answer or one followed by a question", () => {
    const q = msg("q", null);
    const stopped = answer("a", "q", { tool_calls: [call("c1")], status: "interrupted" });
    expect(unansweredToolCalls([q, stopped])).toBeNull();
    const done = answer("b", "q", { tool_calls: [call("c1")] });
    expect(unansweredToolCalls([q, done, msg("q2", "b")])).toBeNull();
  });
});

describe("lastAssistant and withLiveMessages", () => {
  it("finds the answer Regenerate replaces", () => {
    const path = activePath(conversation(), "q3b");
    expect(lastAssistant(path)?.id).toBe("a2b");
  });

  it("lays a live turn over the stored messages and makes its answer the leaf", () => {
    const tree = conversation();
    const streaming = answer("a2", "q2", { status: "streaming", content: "partial" });
    const q4 = msg("q4", "a2");
    const a4 = answer("a4", "q4", { status: "streaming", content: "" });
    const over = withLiveMessages(tree, "a2", [q4, a4]);
    expect(ids(activePath(over.messages, over.leafId))).toEqual([
      "q1",
      "a1",
      "q2",
      "a2",
      "q4",
      "a4",
    ]);
    const replaced = withLiveMessages(tree, "a2", [streaming]);
    expect(replaced.messages).toHaveLength(tree.length);
    expect(activePath(replaced.messages, replaced.leafId).at(-1)?.content).toBe("partial");
    expect(withLiveMessages(tree, "a2", []).leafId).toBe("a2");
  });
});
