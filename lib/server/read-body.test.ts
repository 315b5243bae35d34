import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { exceedsDepth, readBoundedBytes, readJsonBody } from "./read-body";

function streamOf(chunks: number, size: number, onPull: () => void): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      onPull();
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/v1/x", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);

describe("readBoundedBytes", () => {
  it("refuses a declared length over the cap before the body arrives", async () => {
    // A body that never comes: the answer must not wait for it.
    const never = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
    const req = post(never, { "content-length": String(100 * 1024 * 1024) });
    const err = await refusal(readBoundedBytes(req, 1024));
    expect(err).toMatchObject({ status: 413, param: "body" });
  });

  it("cuts a stream without a length at the cap instead of reading it all", async () => {
    let pulls = 0;
    const req = post(streamOf(10_000, 64 * 1024, () => pulls++));
    const err = await refusal(readBoundedBytes(req, 1024 * 1024));
    expect(err.status).toBe(413);
    // 1 MB in 64 KB chunks: refused after the 17th of 10,000 (what follows is dropped unread-into-memory).
    expect(pulls).toBeLessThan(20);
  });
});

describe("readJsonBody", () => {
  it("refuses nesting past the cap before parsing, naming the body", async () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    expect(exceedsDepth(deep, 64)).toBe(true);
    expect(await refusal(readJsonBody(post(deep), 1024 * 1024))).toMatchObject({
      status: 400,
      param: "body",
    });
  });

  it("counts only structure, not brackets inside strings", () => {
    expect(exceedsDepth(JSON.stringify({ prompt: "[".repeat(500) + '\\"{' }), 2)).toBe(false);
    expect(exceedsDepth('{"a":{"b":{"c":1}}}', 2)).toBe(true);
  });

  it("refuses invalid UTF-8, an empty body and invalid JSON with 400", async () => {
    for (const body of [new Uint8Array([0x7b, 0xff, 0x7d]), "", "{nope"]) {
      expect((await refusal(readJsonBody(post(body), 1024))).status).toBe(400);
    }
  });

  it("parses a body within the limits", async () => {
    expect(await readJsonBody(post('{"prompt":"a fox 🦊"}'), 1024)).toEqual({ prompt: "a fox 🦊" });
  });
});
