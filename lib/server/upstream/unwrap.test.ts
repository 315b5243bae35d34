import { describe, expect, it } from "vitest";
import {
  embeddedError,
  extractOutputUrls,
  extractTaskId,
  parseChatCompletion,
  parseTaskCreated,
  parseTaskInfo,
  readErrorBody,
} from "./unwrap";

const mint = () => "local_minted";
const observed = "2026-01-01T00:00:00.000Z";

function created(json: unknown) {
  const result = parseTaskCreated(json, mint);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

function info(json: unknown, id = "requested") {
  const result = parseTaskInfo(json, id, observed);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe("parseTaskCreated: every creation shape of SPEC §3 / §12 item 1", () => {
  it("enveloped {code,message,data:{task_id,status}}", () => {
    expect(
      created({
        code: 200,
        message: "success",
        data: { task_id: "n41xxxx_flux2", status: "IN_PROGRESS" },
      }),
    ).toEqual({ task_id: "n41xxxx_flux2", status: "IN_PROGRESS" });
  });

  it("bare {id, status:'pending'}", () => {
    expect(
      created({
        id: "task_abc123",
        status: "pending",
        model: "kling-3",
        created_at: "2026-02-24T12:00:00Z",
      }),
    ).toEqual({ task_id: "task_abc123", status: "IN_PROGRESS" });
  });

  it("bare {task_id, status:'pending'} (Suno)", () => {
    expect(
      created({ task_id: "gen123abc456def789ksv", status: "pending", model: "suno-v4-5" }),
    ).toEqual({
      task_id: "gen123abc456def789ksv",
      status: "IN_PROGRESS",
    });
  });

  it("enveloped without status (remove-bg, upload-cover) → IN_PROGRESS", () => {
    expect(
      created({ code: 200, message: "success", data: { task_id: "upl987654321bksv" } }),
    ).toEqual({
      task_id: "upl987654321bksv",
      status: "IN_PROGRESS",
    });
  });

  it("{code,msg,data:{taskId}} (Suno cover art)", () => {
    expect(
      created({ code: 200, msg: "success", data: { taskId: "cover123123213213b880d2" } }),
    ).toEqual({
      task_id: "cover123123213213b880d2",
      status: "IN_PROGRESS",
    });
  });

  it("lower-case and other spellings are normalised", () => {
    expect(created({ data: { task_id: "a", status: "in_progress" } }).status).toBe("IN_PROGRESS");
    expect(created({ data: { task_id: "a", status: "completed" } }).status).toBe("SUCCESS");
    expect(created({ data: { task_id: "a", status: "Failed", error_message: "nsfw" } })).toEqual({
      task_id: "a",
      status: "FAILED",
      error_message: "nsfw",
    });
  });

  it("numeric ids become strings", () => {
    expect(created({ id: 12345 }).task_id).toBe("12345");
  });

  it("a reply that already holds the media is a SUCCESS task carrying it (§12 item 5)", () => {
    expect(
      created({
        code: 200,
        message: "success",
        data: { task_id: "n33_fs", response: ["https://cdn.x/a.jpg"] },
      }),
    ).toEqual({ task_id: "n33_fs", status: "SUCCESS", response: ["https://cdn.x/a.jpg"] });
  });

  it("media without any task id gets a local, flagged id", () => {
    expect(
      created({ code: 200, message: "success", data: { image_url: "https://cdn.x/cut.png" } }),
    ).toEqual({
      task_id: "local_minted",
      status: "SUCCESS",
      response: ["https://cdn.x/cut.png"],
      synthetic_id: true,
    });
    expect(created({ output: { url: "https://cdn.x/o.png" }, status: "processing" })).toMatchObject(
      {
        status: "SUCCESS",
        synthetic_id: true,
      },
    );
  });

  it("media with an explicit running status and a task id keeps polling", () => {
    expect(
      created({ task_id: "t", status: "first", response: ["https://cdn.x/partial.mp3"] }),
    ).toEqual({
      task_id: "t",
      status: "IN_PROGRESS",
      response: ["https://cdn.x/partial.mp3"],
    });
  });

  it("credits are carried when present", () => {
    expect(created({ data: { task_id: "t", consumed_credits: "5" } }).consumed_credits).toBe(5);
  });

  it("rejects replies with neither id nor media", () => {
    expect(parseTaskCreated({ code: 200, message: "success", data: {} }, mint)).toEqual({
      ok: false,
      reason: "task reply has no task id",
    });
    expect(parseTaskCreated("just text", mint).ok).toBe(false);
    expect(parseTaskCreated([{ task_id: "x" }], mint).ok).toBe(false);
    expect(parseTaskCreated(null, mint).ok).toBe(false);
    expect(parseTaskCreated({ task_id: "" }, mint).ok).toBe(false);
  });
});

describe("parseTaskInfo", () => {
  it("the founding-document status reply", () => {
    expect(
      info({
        code: 200,
        message: "success",
        data: {
          task_id: "n41xxxx_flux2",
          status: "SUCCESS",
          consumed_credits: 5,
          error_message: null,
          created_at: "2026-02-25T12:00:00Z",
          request: { model: "flux-2", prompt: "A serene Japanese garden..." },
          response: ["https://cdn.example.com/generated-image.png"],
        },
      }),
    ).toEqual({
      task_id: "n41xxxx_flux2",
      status: "SUCCESS",
      consumed_credits: 5,
      error_message: null,
      created_at: "2026-02-25T12:00:00Z",
      request: { model: "flux-2", prompt: "A serene Japanese garden..." },
      response: ["https://cdn.example.com/generated-image.png"],
    });
  });

  it("fills what a sparse reply leaves out", () => {
    expect(info({ status: "pending" }, "abc")).toEqual({
      task_id: "abc",
      status: "IN_PROGRESS",
      consumed_credits: null,
      error_message: null,
      created_at: observed,
      request: {},
      response: [],
    });
  });

  it("a failed task keeps its reason; empty reasons become null", () => {
    expect(info({ data: { status: "failed", error_message: "content policy" } })).toMatchObject({
      status: "FAILED",
      error_message: "content policy",
    });
    expect(info({ data: { status: "ERROR", error_message: "" } }).error_message).toBeNull();
    expect(
      info({ data: { status: "failed", fail_message: "timeout upstream" } }).error_message,
    ).toBe("timeout upstream");
  });

  it("the Suno feed: stage in data.type, clips in response_data, request_body", () => {
    const result = info({
      code: 200,
      message: "success",
      data: {
        type: "SUCCESS",
        request_body: { prompt: "x", model: "chirp-v4-5" },
        response_data: [
          {
            id: "song_abc123",
            audio_url: "https://audiopipe.suno.ai/?item_id=song_abc123",
            image_url: "https://cdn2.suno.ai/a.jpeg",
            status: "complete",
          },
          {
            id: "song_def456",
            audio_url: "https://audiopipe.suno.ai/?item_id=song_def456",
            image_url: "https://cdn2.suno.ai/b.jpeg",
          },
        ],
        created_at: "2026-02-24T12:00:31Z",
      },
    });
    expect(result.status).toBe("SUCCESS");
    expect(result.request).toEqual({ prompt: "x", model: "chirp-v4-5" });
    expect(result.response).toEqual([
      "https://audiopipe.suno.ai/?item_id=song_abc123",
      "https://audiopipe.suno.ai/?item_id=song_def456",
    ]);
  });

  it("a `type` that is not a stage word is not taken for a status", () => {
    expect(info({ data: { task_id: "t", type: "pro" } }).status).toBe("IN_PROGRESS");
  });

  it("a wrongly typed optional field is ignored, not fatal", () => {
    expect(
      info({ data: { task_id: "t", status: "SUCCESS", consumed_credits: { n: 1 }, request: "x" } }),
    ).toMatchObject({
      consumed_credits: null,
      request: {},
    });
  });
});

describe("extractOutputUrls (SPEC §12 item 9)", () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      "data.response strings",
      { data: { response: ["https://a/1.png", "https://a/2.png"] } },
      ["https://a/1.png", "https://a/2.png"],
    ],
    ["top-level output string", { output: "https://a/v.mp4" }, ["https://a/v.mp4"]],
    [
      "data.output.video_url",
      { data: { output: { video_url: "https://a/v.mp4" } } },
      ["https://a/v.mp4"],
    ],
    ["data.video_url directly", { data: { video_url: "https://a/v.mp4" } }, ["https://a/v.mp4"]],
    [
      "result objects with url",
      { result: [{ url: "https://a/1" }, { url: "https://a/2" }] },
      ["https://a/1", "https://a/2"],
    ],
    [
      "results with image_url",
      { data: { results: [{ image_url: "https://a/i" }] } },
      ["https://a/i"],
    ],
    [
      "images (cover art)",
      { data: { images: ["https://t/123.png", "https://t/456.png"] } },
      ["https://t/123.png", "https://t/456.png"],
    ],
    [
      "videos",
      { videos: [{ video_url: "https://a/v", image_url: "https://a/thumb" }] },
      ["https://a/v"],
    ],
    [
      "resultUrls inside result",
      { data: { result: { resultUrls: ["https://a/r1", "https://a/r2"] } } },
      ["https://a/r1", "https://a/r2"],
    ],
    ["resultUrls directly", { data: { resultUrls: ["https://a/r1"] } }, ["https://a/r1"]],
    ["audio_url", { data: { response: [{ audio_url: "https://a/s.mp3" }] } }, ["https://a/s.mp3"]],
    ["nested result.images", { output: { images: [{ url: "https://a/n" }] } }, ["https://a/n"]],
    ["OpenAI-style data array", { data: [{ url: "https://a/o" }] }, ["https://a/o"]],
    ["duplicates collapse", { response: ["https://a/1", "https://a/1"] }, ["https://a/1"]],
    [
      "data preferred over top level",
      { data: { response: ["https://d/1"] }, response: ["https://t/1"] },
      ["https://d/1"],
    ],
    [
      "falls back to top level",
      { data: { task_id: "x" }, output: ["https://t/1"] },
      ["https://t/1"],
    ],
    ["non-URLs ignored", { response: ["not a url", 42, null, "ftp://x/y", { url: "" }] }, []],
    [
      "request echo is not output",
      { data: { request: { input_urls: ["https://in/1"] }, response: [] } },
      [],
    ],
  ];
  it.each(cases)("%s", (_name, json, expected) => {
    expect(extractOutputUrls(json)).toEqual(expected);
  });
});

describe("extractTaskId", () => {
  it("prefers the payload, then the top level", () => {
    expect(extractTaskId({ data: { taskId: "inner" }, id: "outer" })).toBe("inner");
    expect(extractTaskId({ data: { foo: 1 }, task_id: "outer" })).toBe("outer");
    expect(extractTaskId({ data: "text" })).toBeUndefined();
  });
});

describe("embeddedError / readErrorBody", () => {
  it("HTTP-200 bodies with a non-200 code are errors", () => {
    expect(embeddedError({ code: 402, message: "Insufficient credits" })).toEqual({
      code: 402,
      message: "Insufficient credits",
      type: undefined,
      field: undefined,
      retryAfterSeconds: undefined,
    });
    expect(embeddedError({ code: "500", msg: "boom", data: null })?.code).toBe(500);
    expect(
      embeddedError({
        error: { code: 401, type: "authentication_error", message: "Invalid API key" },
      }),
    ).toMatchObject({
      code: 401,
      type: "authentication_error",
    });
  });

  it("an error without a usable code counts as 500", () => {
    expect(embeddedError({ error: "something broke" })).toMatchObject({
      code: 500,
      message: "something broke",
    });
    expect(embeddedError({ code: 1001, message: "weird" })?.code).toBe(500);
  });

  it("successful replies are not errors", () => {
    expect(embeddedError({ code: 200, message: "success", data: {} })).toBeUndefined();
    expect(embeddedError({ id: "x", status: "pending" })).toBeUndefined();
    expect(embeddedError("text")).toBeUndefined();
  });

  it("reads the documented error envelope and common variants", () => {
    expect(
      readErrorBody({
        error: {
          code: 400,
          type: "invalid_request",
          message: "prompt: too short",
          param: "prompt",
        },
      }),
    ).toEqual({
      code: 400,
      type: "invalid_request",
      message: "prompt: too short",
      field: "prompt",
      retryAfterSeconds: undefined,
    });
    expect(readErrorBody({ detail: "Not Found" }).message).toBe("Not Found");
    expect(
      readErrorBody({ error: { code: 429, message: "slow down", retry_after: 12 } })
        .retryAfterSeconds,
    ).toBe(12);
    expect(readErrorBody(["x"])).toEqual({});
  });
});

describe("parseChatCompletion", () => {
  const bare = {
    id: "chatcmpl_xyz",
    model: "gemini",
    choices: [{ message: { role: "assistant", content: "Hi" } }],
    usage: { prompt_tokens: 12, completion_tokens: 156, total_tokens: 168 },
    credits_consumed: 2,
  };

  it("bare (SPEC §3.4)", () => {
    const result = parseChatCompletion(bare);
    expect(result.ok && result.value).toMatchObject({ id: "chatcmpl_xyz", credits_consumed: 2 });
  });

  it("enveloped (SPEC §7), keeping top-level credits", () => {
    const { credits_consumed, ...inner } = bare;
    const result = parseChatCompletion({
      code: 200,
      message: "success",
      data: inner,
      credits_consumed,
    });
    expect(result.ok && result.value).toMatchObject({
      id: "chatcmpl_xyz",
      model: "gemini",
      credits_consumed: 2,
    });
  });

  it("rejects what is not a completion", () => {
    expect(parseChatCompletion({ code: 200, data: { task_id: "x" } }).ok).toBe(false);
    expect(parseChatCompletion({ id: "x", model: "m", choices: [{}] }).ok).toBe(false);
  });
});

describe("parseTaskCreated: what we store and serve must be storable and servable", () => {
  it("reads an id we could not serve at /tasks/{id} as no id (a reply not understood)", () => {
    for (const id of ["a b", "n41\u0000x", "x".repeat(257), "é"]) {
      expect(parseTaskCreated({ task_id: id, status: "IN_PROGRESS" }, mint).ok, id).toBe(false);
    }
  });

  it("drops control characters and broken Unicode from an error message", () => {
    const parsed = parseTaskCreated(
      { task_id: "n1_x", status: "FAILED", error_message: "bad\u0000 input \ud800 here\nsee" },
      mint,
    );
    expect(parsed.ok && parsed.value.error_message).toBe("bad input \ufffd here\nsee");
  });

  it("takes no output URL with a control character in it", () => {
    const parsed = parseTaskCreated(
      {
        task_id: "n1_y",
        status: "SUCCESS",
        response: ["https://x/a\u0000.png", "https://x/b.png"],
      },
      mint,
    );
    expect(parsed.ok && parsed.value.response).toEqual(["https://x/b.png"]);
  });
});
