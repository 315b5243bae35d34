import { describe, expect, it } from "vitest";
import {
  addToHistory,
  historyKey,
  historyLimit,
  promptsOfRequest,
  readHistory,
  writeHistory,
} from "./prompt-history";

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe("prompt history", () => {
  it("puts the newest first, once, trimmed, and keeps the last 20", () => {
    let list: string[] = [];
    for (let i = 0; i < 25; i++) list = addToHistory(list, `prompt ${i}`);
    expect(list).toHaveLength(historyLimit);
    expect(list[0]).toBe("prompt 24");
    list = addToHistory(list, "  prompt 10 ");
    expect(list[0]).toBe("prompt 10");
    expect(list.filter((p) => p === "prompt 10")).toHaveLength(1);
    expect(addToHistory(list, "   ")).toEqual(list);
  });

  it("is kept per account, model and field, and survives bad storage", () => {
    const storage = memoryStorage();
    const key = historyKey("u1", "flux-2", "prompt");
    expect(key).not.toBe(historyKey("u2", "flux-2", "prompt"));
    writeHistory(storage, key, ["a fox"]);
    expect(readHistory(storage, key)).toEqual(["a fox"]);
    storage.setItem(key, "{not json");
    expect(readHistory(storage, key)).toEqual([]);
    storage.setItem(key, JSON.stringify(["ok", 3, null]));
    expect(readHistory(storage, key)).toEqual(["ok"]);
    expect(readHistory(undefined, key)).toEqual([]);
  });

  it("records the prompt fields of the model a request was for", () => {
    expect(promptsOfRequest("images", { model: "imagen4-fast", prompt: "a koi", seed: 1 })).toEqual(
      { slug: "imagen-4", prompts: [{ field: "prompt", text: "a koi" }] },
    );
    expect(
      promptsOfRequest("music", { model: "chirp-v4-5", gpt_description_prompt: "a shanty" }),
    ).toEqual({ slug: "suno", prompts: [{ field: "gpt_description_prompt", text: "a shanty" }] });
    expect(promptsOfRequest("images", { model: "nope", prompt: "x" })).toBeUndefined();
  });
});
