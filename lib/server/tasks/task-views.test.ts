import { describe, expect, it } from "vitest";
import type { TaskRow } from "@/lib/server/db/schema";
import { promptPreview, toListItem, toTaskInfo } from "./task-views";

const row: TaskRow = {
  id: "5d0f1d4e-4a43-4a55-9b0c-1f0d6b1f6b1a",
  userId: "0b8a2f4e-2f1e-4a55-9b0c-1f0d6b1f6b1a",
  taskId: "n58xxxx_tts",
  route: "speech",
  modelSlug: "elevenlabs-v3",
  modelValue: "elevenlabs-v3",
  request: { model: "elevenlabs-v3", dialogue: [{ text: "Hi there." }, { text: "Hello!" }] },
  status: "SUCCESS",
  response: ["https://cdn.example.com/a.wav"],
  consumedCredits: 3,
  errorMessage: null,
  upstreamMode: "user-key",
  keyFingerprint: "0123456789abcdef",
  pollable: true,
  createdAt: new Date("2026-02-25T12:00:00Z"),
  updatedAt: new Date("2026-02-25T12:00:05Z"),
  checkedAt: new Date("2026-02-25T12:00:05Z"),
  completedAt: new Date("2026-02-25T12:00:05Z"),
};

describe("task views", () => {
  it("renders the upstream's status shape", () => {
    expect(toTaskInfo(row)).toEqual({
      task_id: "n58xxxx_tts",
      status: "SUCCESS",
      consumed_credits: 3,
      error_message: null,
      created_at: "2026-02-25T12:00:00.000Z",
      request: row.request,
      response: ["https://cdn.example.com/a.wav"],
    });
  });

  it("renders a list item with the output kind and a preview", () => {
    expect(toListItem(row)).toMatchObject({
      route: "speech",
      model: "elevenlabs-v3",
      output: "audio",
      prompt_preview: "Hi there. / Hello!",
    });
  });

  it("previews prompts, inspiration prompts and nothing for tools", () => {
    expect(promptPreview({ prompt: "  a   red\nfox " })).toBe("a red fox");
    expect(promptPreview({ gpt_description_prompt: "a sea shanty" })).toBe("a sea shanty");
    expect(promptPreview({ image: "https://x/a.png" })).toBeNull();
    const long = promptPreview({ prompt: "x".repeat(500) });
    expect(long).toHaveLength(120);
    expect(long?.endsWith("…")).toBe(true);
  });
});
