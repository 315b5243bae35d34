import { describe, expect, it } from "vitest";
import { formatTools, parseTools } from "@/lib/chat/parse-tools";
import { toolExamples } from "@/lib/chat/tool-examples";
import type { ChatTool } from "@/lib/schemas/chat";
import { editDraft, reconcileDraft, type DraftParse, type DraftState } from "./use-text-draft";

function parse(text: string): DraftParse<ChatTool[]> {
  const result = parseTools(text);
  return result.ok ? { ok: true, value: result.tools } : result;
}
const [weather, search] = toolExamples.map((example) => example.tool) as [ChatTool, ChatTool];
const key = (tools: ChatTool[]) => JSON.stringify(tools);
const start = (tools: ChatTool[]): DraftState => ({
  text: formatTools(tools),
  seen: key(tools),
  emitted: key(tools),
});

describe("tools draft", () => {
  it("hands valid edits to the parent and keeps invalid text without handing anything", () => {
    const typedValid = editDraft(start([]), JSON.stringify([weather]), parse);
    expect(typedValid.emit).toEqual([weather]);
    const typedInvalid = editDraft(
      typedValid.state,
      `${typedValid.state.text.slice(0, -1)},`,
      parse,
    );
    expect(typedInvalid.emit).toBeUndefined();
    expect(typedInvalid.state.text.endsWith(",")).toBe(true);
  });

  it("does not hand the same tools again for a change of spacing", () => {
    const state = start([weather]);
    expect(editDraft(state, JSON.stringify([weather]), parse).emit).toBeUndefined();
  });

  it("keeps what is being typed when the parent's value is our own edit coming back", () => {
    const typed = editDraft(start([]), JSON.stringify([weather]), parse).state;
    const broken = editDraft(typed, "[ {", parse).state;
    // The save of [weather] lands after the person went on typing.
    expect(reconcileDraft(broken, key([weather]), [weather], parse, formatTools).text).toBe("[ {");
    // The same tools, written the person's way, are not reformatted either.
    const compact = editDraft(start([weather]), JSON.stringify([weather]), parse).state;
    expect(reconcileDraft(compact, key([weather]), [weather], parse, formatTools)).toBe(compact);
  });

  it("shows another conversation's tools when the value changes from outside", () => {
    const broken = editDraft(start([weather]), "[ {", parse).state;
    const next = reconcileDraft(broken, key([search]), [search], parse, formatTools);
    expect(next.text).toBe(formatTools([search]));
    expect(parseTools(next.text)).toEqual({ ok: true, tools: [search] });
  });

  it("shows the saved tools again when a save was refused and rolled back", () => {
    const typed = editDraft(start([weather]), formatTools([weather, search]), parse).state;
    const broken = editDraft(typed, `${typed.text}x`, parse).state;
    // The parent took [weather, search], then went back to [weather] (save refused).
    const seenEdit = reconcileDraft(
      broken,
      key([weather, search]),
      [weather, search],
      parse,
      formatTools,
    );
    expect(seenEdit.text).toBe(broken.text);
    const rolledBack = reconcileDraft(seenEdit, key([weather]), [weather], parse, formatTools);
    expect(rolledBack.text).toBe(formatTools([weather]));
  });
});
