// What each kind of message shows, rendered on the server (the browser view is covered by e2e).
// Rendered with prerender, which waits for the Markdown renderer that the page loads on use.
import { createElement } from "react";
import { prerender } from "react-dom/static";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/schemas/chat";
import { ChatMessageItem, type ChatMessageProps } from "./chat-message";

const base: ChatMessage = {
  id: "00000000-0000-4000-8000-000000000001",
  parent_id: null,
  role: "assistant",
  content: null,
  reasoning: null,
  tool_calls: null,
  tool_call_id: null,
  status: "complete",
  error: null,
  finish_reason: "stop",
  usage: null,
  credits: null,
  duration_ms: null,
  first_token_ms: null,
  json_mode: false,
  created_at: "2026-12-03T15:00:00.000Z",
};

async function render(message: Partial<ChatMessage>, props: Partial<ChatMessageProps> = {}) {
  const { prelude } = await prerender(
    createElement(ChatMessageItem, { message: { ...base, ...message }, busy: false, ...props }),
  );
  // Without the comments React leaves for hydration (Suspense boundaries, text separators), as
  // renderToStaticMarkup writes it.
  return (await new Response(prelude).text()).replace(/<!--[^]*?-->/g, "");
}

const call = {
  id: "call_1",
  type: "function" as const,
  function: { name: "get_weather", arguments: '{"city":"Paris"}' },
};

describe("ChatMessageItem", () => {
  it("shows a user's text as text, in an article labelled for screen readers", async () => {
    const html = await render({ role: "user", content: "<b>hi</b>\n  **there**" });
    expect(html).toMatch(
      /<article aria-label="You said"[^>]*data-role="user"[^>]*data-status="complete"/,
    );
    expect(html).toContain("&lt;b&gt;hi&lt;/b&gt;\n  **there**");
    expect(html).toContain("whitespace-pre-wrap");
    expect(html).not.toContain('aria-label="Edit message"');
    expect(await render({ role: "user", content: "x" }, { onEdit: () => {} })).toContain(
      'aria-label="Edit message"',
    );
  });

  it("renders an answer as Markdown with its stats and actions", async () => {
    const html = await render(
      {
        content: "Hello **world**",
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        credits: 1,
        duration_ms: 1500,
        first_token_ms: 200,
      },
      { onRegenerate: () => {} },
    );
    expect(html).toMatch(/aria-label="Gemini said"/);
    expect(html).toMatch(/<span class="font-semibold"[^>]*>world<\/span>/);
    expect(html).toMatch(/data-testid="message-stats"/);
    expect(html).toContain("10 in / 5 out tokens");
    expect(html).toContain("1 credit");
    expect(html).toContain("first token 200 ms");
    expect(html).toContain('aria-label="Copy message"');
    expect(html).toContain('aria-label="Regenerate answer"');
  });

  it("while streaming: busy, a thinking block open, no stats, no verdict, no aria-live", async () => {
    const html = await render({ status: "streaming", reasoning: "Let me see", json_mode: true });
    expect(html).toContain('aria-busy="true"');
    expect(html).toMatch(
      /data-testid="chat-thoughts"[^>]*data-state="open"|data-state="open"[^>]*data-testid="chat-thoughts"/,
    );
    expect(html).toContain("Thinking…");
    expect(html).not.toContain("message-stats");
    expect(html).not.toContain("json-verdict");
    expect(html).not.toContain("aria-live");
    expect(await render({ status: "streaming" })).toContain('data-testid="message-waiting"');
  });

  it("folds the thoughts of a finished answer", async () => {
    const html = await render({ reasoning: "Because.", content: "Answer." });
    expect(html).toMatch(/data-testid="chat-thoughts"/);
    expect(html).toContain("Thoughts");
    expect(html).not.toContain("Thinking…");
    expect(html).toMatch(/data-state="closed"/);
  });

  it("checks a JSON answer", async () => {
    const valid = await render({ json_mode: true, content: '```json\n{"a":1}\n```' });
    expect(valid).toMatch(/data-testid="json-verdict" data-valid="true"/);
    expect(valid).toContain("Valid JSON");
    const invalid = await render({ json_mode: true, content: "{oops" });
    expect(invalid).toMatch(/data-testid="json-verdict" data-valid="false"/);
    expect(invalid).toContain("Not valid JSON");
    expect(invalid).toContain("{oops");
  });

  it("shows tool calls, with a result form only for a pending call", async () => {
    const pending = await render(
      { tool_calls: [call], finish_reason: "tool_calls" },
      { pendingToolCalls: [call], onToolResult: () => {} },
    );
    expect(pending).toMatch(/data-testid="tool-call"[^>]*data-pending="true"/);
    expect(pending).toContain("get_weather");
    expect(pending).toContain("&quot;city&quot;: &quot;Paris&quot;");
    expect(pending).toContain("Send result");
    const answered = await render(
      { tool_calls: [call] },
      { pendingToolCalls: [], onToolResult: () => {} },
    );
    expect(answered).not.toContain("Send result");
    const partial = await render({
      status: "streaming",
      tool_calls: [{ ...call, function: { name: "get_weather", arguments: '{"ci' } }],
    });
    expect(partial).toContain("{&quot;ci");
  });

  it("shows a tool message as the result of its call", async () => {
    const html = await render(
      { role: "tool", content: '{"t":21}', tool_call_id: "call_1" },
      { answeredCall: call },
    );
    expect(html).toMatch(/data-role="tool"/);
    expect(html).toContain("Result of");
    expect(html).toContain("get_weather");
  });

  it("explains an interrupted or failed answer without a stack trace", async () => {
    const stopped = await render({ status: "interrupted", content: "Half" });
    expect(stopped).toContain("Stopped — the answer was cut short.");
    const failed = await render({
      status: "error",
      error: {
        type: "insufficient_credits",
        message: "Balance too low\n    at charge (/srv/app.js:1:1)",
        source: "upstream",
      },
    });
    expect(failed).toContain('role="alert"');
    expect(failed).toContain("Not enough credits");
    expect(failed).toContain("Balance too low");
    expect(failed).not.toContain("/srv/app.js");
  });

  it("switches versions with labelled buttons, disabled at the ends and while busy", async () => {
    const html = await render(
      { content: "v2" },
      { branch: { index: 1, count: 3, onSelect: () => {} } },
    );
    expect(html).toContain('data-testid="branch-switcher"');
    expect(html).toMatch(/aria-label="Previous version"(?![^>]*disabled)/);
    expect(html).toContain("2 / 3");
    const busy = await render(
      { content: "v1" },
      { busy: true, branch: { index: 0, count: 2, onSelect: () => {} } },
    );
    expect(busy).toMatch(
      /disabled=""[^>]*aria-label="Next version"|aria-label="Next version"[^>]*disabled=""/,
    );
  });
});
