// The chat comparison's setup: each column is the chat page's own request for one message, checked
// as the server checks it, and summarised in the settings panel's words.
import { describe, expect, it } from "vitest";
import { defaultChatSettings } from "@/lib/schemas/chat";
import { maxCompareColumns } from "@/lib/schemas/compare";
import {
  addChatColumn,
  chatColumnBody,
  chatSettingsSummary,
  initialChatColumns,
  validateChatSetup,
} from "./chat-compare-state";

describe("chat comparison setup", () => {
  it("starts with two columns that differ by reasoning effort", () => {
    const columns = initialChatColumns();
    expect(columns.map((c) => c.settings.reasoning_effort)).toEqual(["low", "high"]);
    expect(new Set(columns.map((c) => c.key)).size).toBe(2);
  });

  it("adds columns like the last one, up to the limit", () => {
    let columns = initialChatColumns();
    while (columns.length < maxCompareColumns + 2) {
      const next = addChatColumn(columns);
      if (next === columns) break;
      columns = next;
    }
    expect(columns).toHaveLength(maxCompareColumns);
    expect(columns.at(-1)?.settings.reasoning_effort).toBe("high");
  });

  it("sends the system prompt first, then the shared message, as one JSON answer", () => {
    const body = chatColumnBody(
      { ...defaultChatSettings, system_prompt: "Answer in French.", json_mode: true },
      "Name three colours.",
    );
    expect(body).toMatchObject({
      model: "gemini",
      stream: false,
      messages: [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Name three colours." },
      ],
      response_format: { type: "json_object" },
    });
    // A plain column sends a plain body: no system message, no response_format.
    const plain = chatColumnBody(defaultChatSettings, "Hi");
    expect(plain.messages).toEqual([{ role: "user", content: "Hi" }]);
    expect(plain).not.toHaveProperty("response_format");
  });

  it("finds what the server would refuse, in the column it is in", () => {
    const columns = initialChatColumns();
    expect(validateChatSetup(columns, "Hello")).toEqual([]);
    const problems = validateChatSetup(columns, "bad \u0000 byte");
    expect(problems.map((p) => [p.column, p.field])).toEqual([
      [0, "prompt"],
      [1, "prompt"],
    ]);
    expect(problems[0]?.message).not.toMatch(/messages\[/);
  });

  it("names a column by what sets it apart", () => {
    const body = chatColumnBody(
      {
        ...defaultChatSettings,
        reasoning_effort: "low",
        system_prompt: "Be brief.",
        include_thoughts: false,
        json_mode: true,
      },
      "Hi",
    );
    expect(chatSettingsSummary(body)).toBe("Low effort · system prompt · no thinking · JSON");
    expect(chatSettingsSummary(chatColumnBody(defaultChatSettings, "Hi"))).toBe("High effort");
  });
});
