import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiRequestError, apiFetch } from "@/lib/queries/api-fetch";
import { taskCreatedReplySchema } from "@/lib/schemas/tasks";

// A real HTTP server stands in for our route: apiFetch is exercised over the wire.
let origin = "";
let answer: { status: number; body: string } = { status: 200, body: "{}" };
const server = http.createServer((_req, res) => {
  res.writeHead(answer.status, { "content-type": "application/json", "retry-after": "7" });
  res.end(answer.body);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(): Promise<unknown> {
  try {
    return await apiFetch(`${origin}/api/v1/images/generations`, taskCreatedReplySchema, {
      method: "POST",
      json: { model: "flux-2", prompt: "a fox" },
    });
  } catch (err) {
    return err;
  }
}

describe("apiFetch on a create", () => {
  it("returns the envelope the route's schema describes", async () => {
    answer = {
      status: 200,
      body: JSON.stringify({
        code: 200,
        message: "success",
        data: { task_id: "t1", status: "IN_PROGRESS" },
      }),
    };
    expect(await post()).toEqual({
      code: 200,
      message: "success",
      data: { task_id: "t1", status: "IN_PROGRESS" },
    });
  });

  it("treats a 2xx reply without a task id as a possible charge", async () => {
    answer = { status: 200, body: JSON.stringify({ code: 200, data: {} }) };
    const err = await post();
    expect(err).toBeInstanceOf(ApiRequestError);
    expect((err as ApiRequestError).mayHaveBeenCharged).toBe(true);
  });

  it("carries the error body's fields, not just its message", async () => {
    answer = {
      status: 400,
      body: JSON.stringify({
        error: {
          code: 400,
          type: "invalid_request",
          message: "prompt: must not be empty",
          param: "prompt",
          source: "studio",
          may_have_been_charged: false,
          request_id: "req_1",
        },
      }),
    };
    const err = (await post()) as ApiRequestError;
    expect(err).toMatchObject({
      status: 400,
      type: "invalid_request",
      param: "prompt",
      source: "studio",
      mayHaveBeenCharged: false,
      requestId: "req_1",
      retryAfterSeconds: 7,
    });
  });

  it("reads an answer that is not our error shape as a server failure", async () => {
    answer = { status: 502, body: "<html>Bad gateway</html>" };
    const err = (await post()) as ApiRequestError;
    expect(err).toMatchObject({ status: 502, type: "server_error", param: null });
  });
});

describe("an answer that is not ours", () => {
  it("a 5xx from something in front of the Studio after a POST may have been charged", async () => {
    answer = { status: 504, body: "<html>Gateway Timeout</html>" };
    expect(((await post()) as ApiRequestError).mayHaveBeenCharged).toBe(true);
  });
});
