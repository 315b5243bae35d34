// The /api/v1 contract an integrator relies on, over plain HTTP with an app token: the catalog's
// strict validation (and that nothing invalid ever reaches the upstream: the standalone
// simulator's counters prove it), the tools' `model`, odd task ids, and demo mode's callback rule.
// Paths, methods and body limits: api-limits.spec.ts.
import { minimalBodies } from "../lib/catalog/test-bodies";
import {
  appBase,
  call,
  callSim,
  expect,
  expectError,
  simCounts,
  taskRoutes,
  test,
  type ApiUser,
} from "./support/api";
import { anonymous } from "./support/accounts";
import { taskCreatedReplySchema } from "../lib/schemas/tasks";

test.use({ storageState: anonymous });

const img = "https://cdn.example.com/in.png";

/** The smallest valid body for each task route (the catalog's own test bodies). */
const validBody: Record<string, Record<string, unknown>> = {
  "/api/v1/images/generations": minimalBodies["flux-2"]!.body,
  "/api/v1/videos/generations": minimalBodies["kling-3"]!.body,
  "/api/v1/audio/music": minimalBodies["minimax-music"]!.body,
  "/api/v1/audio/speech": minimalBodies["elevenlabs-v3"]!.body,
  "/api/v1/images/tools/remove-bg": minimalBodies["bg-remover"]!.body,
  "/api/v1/images/tools/face-swap": minimalBodies["face-swap"]!.body,
  "/api/v1/images/tools/upscale": minimalBodies["image-upscale"]!.body,
  "/api/v1/videos/tools/bg-remover": minimalBodies["video-bg-remover"]!.body,
};

/** A 400 from our own checks: nothing sent upstream, nothing charged, the field named. */
async function expectRefused(
  user: ApiUser,
  path: string,
  body: unknown,
  param: string,
): Promise<void> {
  const answer = await call(user, "POST", path, { json: body });
  expectError(
    answer,
    { status: 400, type: "invalid_request", param, source: "studio", charged: false },
    `POST ${path} ${JSON.stringify(body).slice(0, 200)}`,
  );
}

async function expectCreated(user: ApiUser, path: string, body: unknown): Promise<string> {
  const answer = await call(user, "POST", path, { json: body });
  expect(answer.status, `POST ${path}: ${answer.text}`).toBe(200);
  const reply = taskCreatedReplySchema.parse(answer.json);
  expect(answer.headers.get("x-request-id")).toMatch(/^req_/);
  return reply.data.task_id;
}

const badUrls = [
  "file:///etc/passwd",
  "gopher://example.com/1",
  "http://user:pass@example.com/in.png",
  "http://127.0.0.1/in.png",
  "http://localhost/in.png",
  "http://10.0.0.1/in.png",
  "http://192.168.1.1/in.png",
  "http://169.254.169.254/latest/meta-data/",
  "http://[::1]/in.png",
  "http://2130706433/in.png",
  "http://0x7f.1/in.png",
  "http://[::ffff:127.0.0.1]/in.png",
  "http://localhost.:3100/in.png",
];

test.describe("catalog validation", () => {
  test("invalid bodies are 400 naming the field, and not one request reaches the upstream", async ({
    apiUser,
  }) => {
    test.setTimeout(120_000);
    const key = apiUser.key!;
    const before = await simCounts(key);
    const images = "/api/v1/images/generations";

    // Characters no prompt may hold.
    for (const bad of [
      "\u0000",
      "\ud800",
      "\udc00",
      "\udc00\ud800",
      "\u0007",
      "\u001b[31m",
      "\r",
    ]) {
      await expectRefused(
        apiUser,
        images,
        { model: "flux-2", prompt: `a red fox ${bad}` },
        "prompt",
      );
    }
    await expectRefused(
      apiUser,
      images,
      { model: "imagen4", prompt: "a red fox", negative_prompt: "blur\u0000" },
      "negative_prompt",
    );
    await expectRefused(
      apiUser,
      "/api/v1/audio/speech",
      { model: "elevenlabs-v3", dialogue: [{ text: "Hi \u001b there" }] },
      "dialogue[0].text",
    );
    await expectRefused(
      apiUser,
      "/api/v1/audio/music",
      { model: "chirp-v4-5", prompt: "la la la", style: "pop", title: "bell\u0007" },
      "title",
    );

    // Unknown fields, named.
    await expectRefused(
      apiUser,
      images,
      { model: "flux-2", prompt: "a red fox", bogus: 1 },
      "bogus",
    );
    await expectRefused(apiUser, images, { model: "flux-2", prompt: "a red fox", seed: 1 }, "seed");
    await expectRefused(
      apiUser,
      "/api/v1/images/tools/remove-bg",
      { image: img, prompt: "a red fox" },
      "prompt",
    );

    // seed exists on imagen-4: a whole number from 0 to 2^32-1, nothing else.
    for (const seed of [
      "42",
      4.5,
      true,
      false,
      null,
      [],
      {},
      -1,
      4_294_967_296,
      1e30,
      2 ** 53 + 2,
    ]) {
      await expectRefused(apiUser, images, { model: "imagen4", prompt: "a red fox", seed }, "seed");
    }

    // URLs the upstream would fetch (or call back) must be public http(s) addresses.
    for (const url of badUrls) {
      await expectRefused(apiUser, "/api/v1/images/tools/remove-bg", { image: url }, "image");
      await expectRefused(
        apiUser,
        "/api/v1/images/tools/upscale",
        { model: "image-upscale", image: url },
        "image",
      );
      await expectRefused(
        apiUser,
        images,
        { model: "flux-2", prompt: "a red fox", input_urls: [url] },
        "input_urls[0]",
      );
      await expectRefused(
        apiUser,
        images,
        { model: "flux-2", prompt: "a red fox", input_urls: [img, url] },
        "input_urls[1]",
      );
      for (const { path } of taskRoutes) {
        await expectRefused(
          apiUser,
          path,
          { ...validBody[path], callback_url: url },
          "callback_url",
        );
      }
    }

    // Lengths count UTF-16 code units: 2,501 emoji are 5,002 units, over flux-2's 5,000.
    await expectRefused(apiUser, images, { model: "flux-2", prompt: "😀".repeat(2501) }, "prompt");

    // Not a single upstream request for any of it; nothing in the task list either.
    expect(await simCounts(key)).toEqual(before);
    const list = await call(apiUser, "GET", "/api/v1/tasks");
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ tasks: [], next_cursor: null });

    // The same key does reach the upstream for a valid body (so the zero above means something).
    await expectCreated(apiUser, images, { model: "flux-2", prompt: "😀".repeat(2500) });
    const after = await simCounts(key);
    expect(after["POST /images/generations"] ?? 0).toBe(
      (before["POST /images/generations"] ?? 0) + 1,
    );
  });

  test("every task route accepts its minimal valid body and sends it upstream exactly once", async ({
    apiUser,
  }) => {
    for (const { path } of taskRoutes) {
      const upstreamRoute = `POST ${path.replace("/api/v1", "")}`;
      const before = (await simCounts(apiUser.key!))[upstreamRoute] ?? 0;
      const taskId = await expectCreated(apiUser, path, validBody[path]);
      expect((await simCounts(apiUser.key!))[upstreamRoute], path).toBe(before + 1);
      // The upstream has that very task under the user's own key.
      const upstream = await callSim(apiUser.key!, "GET", `/api/v1/tasks/${taskId}`);
      expect(upstream.status, `${path}: ${upstream.text}`).toBe(200);
    }
  });
});

test.describe("tools and their model", () => {
  const tools = [
    { path: "/api/v1/images/tools/face-swap", body: minimalBodies["face-swap"]!.body },
    { path: "/api/v1/images/tools/upscale", body: minimalBodies["image-upscale"]!.body },
    { path: "/api/v1/videos/tools/bg-remover", body: minimalBodies["video-bg-remover"]!.body },
  ];

  test("face-swap, upscale and video bg-remover forward `model`, which the upstream requires", async ({
    apiUser,
  }) => {
    const key = apiUser.key!;
    for (const { path, body } of tools) {
      const upstreamPath = path.replace("/api/v1", "");
      expect(body.model, path).toEqual(expect.any(String));

      // Called directly without `model`, the upstream refuses the body, naming the field.
      const { model: _model, ...withoutModel } = body;
      const direct = await callSim(key, "POST", `/api/v1${upstreamPath}`, withoutModel);
      expect(direct.status, direct.text).toBe(400);
      expect(direct.json).toMatchObject({ error: { code: 400, type: "invalid_request" } });
      expect((direct.json as { error: { message: string } }).error.message).toMatch(/^model\b/);

      // Through the Studio the same tool works, and the upstream got the model.
      const before = (await simCounts(key))[`POST ${upstreamPath}`] ?? 0;
      const taskId = await expectCreated(apiUser, path, body);
      expect((await simCounts(key))[`POST ${upstreamPath}`]).toBe(before + 1);
      const upstream = await callSim(key, "GET", `/api/v1/tasks/${taskId}`);
      expect(upstream.status, upstream.text).toBe(200);
      expect(upstream.json).toMatchObject({
        data: { task_id: taskId, request: { model: body.model } },
      });

      // And through the Studio, leaving it out is refused before anything is sent.
      await expectRefused(apiUser, path, withoutModel, "model");
      expect((await simCounts(key))[`POST ${upstreamPath}`]).toBe(before + 1);
    }
  });

  test("remove-bg works without a model", async ({ apiUser }) => {
    const taskId = await expectCreated(apiUser, "/api/v1/images/tools/remove-bg", { image: img });
    const upstream = await callSim(apiUser.key!, "GET", `/api/v1/tasks/${taskId}`);
    expect(upstream.status, upstream.text).toBe(200);
    expect((await simCounts(apiUser.key!))["POST /images/tools/remove-bg"]).toBe(1);
  });
});

test.describe("task ids", () => {
  test("odd task ids are 404 in the error shape, never a server error", async ({ apiUser }) => {
    const ids = [
      "%00",
      "%F0",
      "%F0%9F",
      "%FF%FE",
      "%C0%80",
      "%ED%A0%80",
      "%E2%80%AE",
      "%2E%2E%2Fkeys",
      "a%20b",
      "%25",
      "x".repeat(10 * 1024),
      "sim_does_not_exist",
    ];
    for (const id of ids) {
      const path = `/api/v1/tasks/${id}`;
      expectError(
        await call(apiUser, "GET", path),
        { status: 404, type: "not_found", charged: false },
        `GET ${path.slice(0, 60)}`,
      );
    }
    // Odd ids in the other routes with an id, and under unknown paths, fare the same.
    for (const id of ["%00", "%F0", "%FF%FE"]) {
      expectError(
        await call(apiUser, "DELETE", `/api/v1/tokens/${id}`),
        { status: 404, type: "not_found" },
        `DELETE /api/v1/tokens/${id}`,
      );
      expectError(
        await call(apiUser, "GET", `/api/v1/nope/${id}`),
        { status: 404, type: "not_found" },
        `GET /api/v1/nope/${id}`,
      );
    }
  });
});

test.describe("demo mode", () => {
  test("a callback_url anywhere but the Studio itself is refused, naming callback_url", async ({
    demoUser,
  }) => {
    const keys = await call(demoUser, "GET", "/api/v1/keys");
    expect(keys.json).toMatchObject({ key: null, mode: "demo" });
    const images = "/api/v1/images/generations";
    const body = { model: "flux-2", prompt: "a red fox" };
    for (const url of [
      "http://169.254.169.254/latest",
      "http://example.com/hook",
      "https://example.com/hook",
      "http://127.0.0.1:4010/__sim/reset",
    ]) {
      await expectRefused(demoUser, images, { ...body, callback_url: url }, "callback_url");
    }
    expect((await call(demoUser, "GET", "/api/v1/tasks")).json).toEqual({
      tasks: [],
      next_cursor: null,
    });

    // Back to the Studio itself is fine, as is no callback at all.
    await expectCreated(demoUser, images, {
      ...body,
      callback_url: `${appBase}/api/v1/callback-probe`,
    });
    await expectCreated(demoUser, images, body);
    const listed = (await call(demoUser, "GET", "/api/v1/tasks")).json as { tasks: unknown[] };
    expect(listed.tasks).toHaveLength(2);
  });
});
