import { describe, expect, it } from "vitest";
import type { TaskRow } from "@/lib/server/db/schema";
import { promptPreview, servedOutputs, toListItem, toTaskInfo } from "./task-views";

const origin = "https://studio.example.com";

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
  startedAt: new Date("2026-02-25T12:00:01Z"),
  updatedAt: new Date("2026-02-25T12:00:05Z"),
  checkedAt: new Date("2026-02-25T12:00:05Z"),
  completedAt: new Date("2026-02-25T12:00:05Z"),
  nextCheckAt: null,
  leaseOwner: null,
  leaseUntil: null,
  checks: 2,
  trackingState: "done",
  trackingNote: null,
  deadlineAt: new Date("2026-02-25T12:15:00Z"),
  callbackTokenHash: null,
  outputs: null,
  mirrorState: null,
  favorite: false,
  title: null,
  searchText: "Hi there. Hello!",
  searchVector: null,
};

const running: TaskRow = {
  ...row,
  status: "IN_PROGRESS",
  response: [],
  consumedCredits: null,
  completedAt: null,
  trackingState: "scheduled",
  nextCheckAt: new Date("2026-02-25T12:00:09Z"),
};

describe("task views", () => {
  it("renders the upstream's status shape", () => {
    expect(toTaskInfo(row, origin)).toEqual({
      task_id: "n58xxxx_tts",
      status: "SUCCESS",
      consumed_credits: 3,
      error_message: null,
      created_at: "2026-02-25T12:00:00.000Z",
      request: row.request,
      response: ["https://cdn.example.com/a.wav"],
    });
  });

  it("renders a list item with the output kind, a preview and the tracker's view", () => {
    expect(toListItem(row, origin)).toMatchObject({
      route: "speech",
      model: "elevenlabs-v3",
      output: "audio",
      prompt_preview: "Hi there. / Hello!",
      original_response: ["https://cdn.example.com/a.wav"],
      tracking: { state: "done", next_check_at: null, note: null },
      started_at: "2026-02-25T12:00:01.000Z",
      inputs: [],
      aspect_ratio: null,
    });
    expect(toListItem({ ...row, status: "SUBMITTING", startedAt: null }, origin).started_at).toBe(
      null,
    );
  });

  it("carries what a card shows without the task's detail: its inputs and aspect ratio", () => {
    const swap = {
      ...row,
      route: "face-swap",
      modelSlug: "face-swap",
      modelValue: "face-swap",
      // Not in form order: the catalog's order wins (target image, then face).
      request: { face_image: "https://x.test/face.png", image: "https://x.test/scene.png" },
    };
    expect(toListItem(swap, origin)).toMatchObject({
      kind: "tool",
      inputs: ["https://x.test/scene.png", "https://x.test/face.png"],
      aspect_ratio: null,
    });
    const edit = {
      ...row,
      route: "images",
      modelSlug: "flux-2",
      modelValue: "flux-2",
      request: {
        model: "flux-2",
        prompt: "a fox",
        aspect_ratio: "16:9",
        input_urls: ["https://x.test/a.png", "https://x.test/b.png"],
      },
    };
    expect(toListItem(edit, origin)).toMatchObject({
      inputs: ["https://x.test/a.png", "https://x.test/b.png"],
      aspect_ratio: "16:9",
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

describe("served outputs", () => {
  const two = ["https://cdn.example.com/0.png", "https://cdn.example.com/1.png"];

  it("points at our stored copy where there is one, at the upstream's URL otherwise", () => {
    const mirrored: TaskRow = {
      ...row,
      response: two,
      outputs: [
        { url: two[0]!, file: "tok_0", contentType: "image/png", bytes: 10 },
        { url: two[1]!, file: null, contentType: null, bytes: null, error: "too_large" },
      ],
      mirrorState: "failed",
    };
    const served = [`${origin}/files/tok_0`, two[1]];
    expect(servedOutputs(mirrored, origin)).toEqual(served);
    expect(toTaskInfo(mirrored, origin).response).toEqual(served);
    expect(toListItem(mirrored, origin)).toMatchObject({
      response: served,
      original_response: two,
    });
    expect(toListItem(mirrored, "http://localhost:3000").response[0]).toBe(
      "http://localhost:3000/files/tok_0",
    );
  });

  it("never serves a copy of another URL than the one the task has now", () => {
    const stale: TaskRow = {
      ...row,
      response: two,
      outputs: [
        { url: "https://cdn.example.com/old.png", file: "tok_old", contentType: null, bytes: 1 },
      ],
    };
    expect(servedOutputs(stale, origin)).toEqual(two);
  });
});

describe("tracking", () => {
  it("shows when a running task is next checked, and why it waits or stopped", () => {
    expect(toListItem(running, origin).tracking).toEqual({
      state: "scheduled",
      next_check_at: "2026-02-25T12:00:09.000Z",
      note: null,
    });
    const waiting = { ...running, trackingState: "waiting", trackingNote: "Waiting for a slot." };
    expect(toListItem(waiting, origin).tracking).toEqual({
      state: "waiting",
      next_check_at: "2026-02-25T12:00:09.000Z",
      note: "Waiting for a slot.",
    });
    const stopped = {
      ...running,
      trackingState: "timed_out",
      trackingNote: "Timed out",
      nextCheckAt: null,
    };
    expect(toListItem(stopped, origin).tracking).toEqual({
      state: "timed_out",
      next_check_at: null,
      note: "Timed out",
    });
  });

  it("shows a finished task as in progress, with no URL, until its outputs' first copy ends", () => {
    const copying: TaskRow = {
      ...row,
      mirrorState: "pending",
      nextCheckAt: new Date("2026-02-25T12:00:06Z"),
    };
    expect(toTaskInfo(copying, origin)).toMatchObject({ status: "IN_PROGRESS", response: [] });
    expect(toListItem(copying, origin)).toMatchObject({
      status: "IN_PROGRESS",
      response: [],
      original_response: [],
      completed_at: null,
      tracking: { state: "saving", next_check_at: null, note: null },
    });
    // The first attempt ended: our copy where it worked, the upstream's URL where it did not
    // (another try comes later, and does not hold the task back).
    const url = row.response[0]!;
    const tried: TaskRow = {
      ...copying,
      outputs: [{ url, file: null, contentType: null, bytes: null, error: "network" }],
    };
    expect(toListItem(tried, origin)).toMatchObject({
      status: "SUCCESS",
      response: [url],
      tracking: { state: "done", next_check_at: null },
    });
    const copied: TaskRow = {
      ...copying,
      mirrorState: "done",
      outputs: [{ url, file: "tok_a", contentType: "audio/wav", bytes: 9 }],
    };
    expect(toTaskInfo(copied, origin)).toMatchObject({
      status: "SUCCESS",
      response: [`${origin}/files/tok_a`],
    });
    const failed = { ...copying, status: "FAILED", errorMessage: "no" };
    expect(toListItem(failed, origin)).toMatchObject({
      status: "FAILED",
      tracking: { state: "done" },
    });
  });

  it("shows a task being created as submitting, and an odd stored state as scheduled", () => {
    const submitting = { ...running, status: "SUBMITTING", trackingState: "scheduled" };
    expect(toListItem(submitting, origin)).toMatchObject({
      status: "IN_PROGRESS",
      tracking: { state: "submitting", next_check_at: null },
    });
    for (const odd of ["done", "bogus"]) {
      expect(toListItem({ ...running, trackingState: odd }, origin).tracking.state).toBe(
        "scheduled",
      );
    }
  });
});
