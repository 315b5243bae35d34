// The /api/v1 edge as an integrator's HTTP client meets it, over plain HTTP with an app token:
// unknown paths and wrong methods answer in the error shape, and bodies are held to their limits
// (size, nesting, encoding) before anything is read in full or sent upstream.
import {
  appBase,
  call,
  expect,
  expectError,
  knownPaths,
  simCounts,
  simCreations,
  taskRoutes,
  test,
} from "./support/api";
import { anonymous } from "./support/accounts";
import { asAnswer, residentMemoryOfServer, streamBody } from "./support/stream-body";
import { ports } from "../playwright.config";

test.use({ storageState: anonymous });

const oneMb = 1024 * 1024;

test.describe("paths and methods", () => {
  test("an unknown /api/v1 path answers 404 not_found in the error shape, whatever the method", async ({
    apiUser,
  }) => {
    const paths = [
      "/api/v1",
      "/api/v1/nope",
      "/api/v1/images",
      "/api/v1/images/generations/extra",
      "/api/v1/tasks/some-id/extra",
      "/api/v1/keys/mine",
      "/api/v1/IMAGES/GENERATIONS",
      "/api/v1/%E2%80%AEevil",
    ];
    for (const path of paths) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
        const answer = await call(apiUser, method, path, {
          ...(method === "POST" || method === "PUT" ? { json: { model: "flux-2" } } : {}),
        });
        expectError(answer, { status: 404, type: "not_found" }, `${method} ${path}`);
      }
      const head = await call(apiUser, "HEAD", path);
      expect(head.status, `HEAD ${path}`).toBe(404);
    }
    // Without credentials too: an unknown path is unknown to everyone.
    expectError(await call(apiUser, "GET", "/api/v1/nope", { token: null }), {
      status: 404,
      type: "not_found",
    });
  });

  test("a path and headers past Node's 16 KB answer 431 in the error shape, not an empty page", async ({
    apiUser,
  }) => {
    const long = `/api/v1/tasks/${"x".repeat(17 * 1024)}`;
    expectError(
      await call(apiUser, "GET", long),
      { status: 431, type: "invalid_request", source: "studio", charged: false },
      "a 17 KB path",
    );
    expectError(
      await call(apiUser, "POST", "/api/v1/images/generations", {
        json: { model: "flux-2", prompt: "a red fox" },
        headers: { "X-Padding": "p".repeat(17 * 1024) },
      }),
      { status: 431, type: "invalid_request", source: "studio", charged: false },
      "a 17 KB header",
    );
    // The server goes on answering.
    expect((await call(apiUser, "GET", "/api/v1/tasks")).status).toBe(200);
  });

  test("a wrong method on a known path answers 405 with an Allow header of the real methods", async ({
    apiUser,
  }) => {
    for (const { path, methods } of knownPaths) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (methods.includes(method)) continue;
        const answer = await call(apiUser, method, path, {
          ...(method === "GET" ? {} : { json: { model: "flux-2", prompt: "a red fox" } }),
        });
        const what = `${method} ${path}`;
        expectError(answer, { status: 405, source: "studio", charged: false }, what);
        const allow = (answer.headers.get("allow") ?? "").split(/,\s*/).filter(Boolean);
        for (const real of methods) expect(allow, `${what}: Allow lists ${real}`).toContain(real);
        expect(allow, `${what}: Allow leaves out ${method}`).not.toContain(method);
        // Every method Allow names really is taken there.
        for (const listed of allow.filter((m) => !["HEAD", "OPTIONS"].includes(m))) {
          expect(methods, `${what}: Allow names ${listed}`).toContain(listed);
        }
      }
    }
  });
});

test.describe("request bodies", () => {
  test("a body over 1 MB is refused with 413 naming the body; exactly 1 MB is read", async ({
    apiUser,
  }) => {
    const path = "/api/v1/images/generations";
    const prefix = '{"model":"flux-2","prompt":"';
    const suffix = '"}';
    const sized = (bytes: number) =>
      prefix + "a".repeat(bytes - prefix.length - suffix.length) + suffix;

    const over = await call(apiUser, "POST", path, { body: sized(oneMb + 1) });
    expectError(
      over,
      { status: 413, param: "body", source: "studio", charged: false },
      "1 MB + 1 byte",
    );
    // At the limit the body is read and judged: the prompt is far over 5,000 characters.
    const at = await call(apiUser, "POST", path, { body: sized(oneMb) });
    expectError(at, { status: 400, param: "prompt", charged: false }, "exactly 1 MB");
    expect((await simCounts(apiUser.key!))["POST /images/generations"] ?? 0).toBe(0);
  });

  test("a chunked upload with no length is cut off at 1 MB: 10 MB and 100 MB get a prompt 413", async ({
    apiUser,
  }) => {
    const url = `${appBase}/api/v1/images/generations`;
    const rssBefore = residentMemoryOfServer(ports.app);
    for (const total of [10 * oneMb, 100 * oneMb]) {
      // As with a declared length below: a client still writing may, on a busy machine, see the
      // server's close (EPIPE) before it reads the 413 it was sent; a real client sends again.
      const send = () => streamBody(url, { token: apiUser.token, total, declareLength: false });
      const answer = await send().catch(send).catch(send);
      const what = `chunked ${total / oneMb} MB`;
      expectError(
        asAnswer(answer),
        { status: 413, type: "invalid_request", param: "body", charged: false },
        what,
      );
      expect(answer.answeredAfterMs, `${what}: answered promptly`).toBeLessThan(5000);
      if (total === 100 * oneMb) {
        // The answer came long before the upload could have finished: it was not read to the end.
        expect(answer.sentBeforeAnswer, `${what}: sent before the answer`).toBeLessThan(32 * oneMb);
      }
    }
    // Holding the 100 MB upload would show as at least that much more resident memory; other
    // specs share this server, so the margin stays wide.
    const grown = residentMemoryOfServer(ports.app) - rssBefore;
    expect(grown, "the server did not hold the uploads in memory").toBeLessThan(100 * oneMb);
    expect((await simCounts(apiUser.key!))["POST /images/generations"] ?? 0).toBe(0);
  });

  test("a declared Content-Length over 1 MB is refused before the body is sent", async ({
    apiUser,
  }) => {
    // The server answers before reading and then closes the connection; a client still writing
    // can, rarely, see the reset before the answer (EPIPE) — as a real client would, send again.
    const send = () =>
      streamBody(`${appBase}/api/v1/images/generations`, {
        token: apiUser.token,
        total: 10 * oneMb,
        declareLength: true,
      });
    const answer = await send().catch(send).catch(send);
    expectError(asAnswer(answer), { status: 413, param: "body", charged: false }, "10 MB declared");
    expect(answer.answeredAfterMs).toBeLessThan(5000);
    expect(answer.sentBeforeAnswer).toBeLessThan(10 * oneMb);
  });

  test("deep nesting, broken JSON, bad UTF-8 and empty bodies are 400 naming the body", async ({
    apiUser,
  }) => {
    const nested = (depth: number, open: string, close: string, inner = "1") =>
      open.repeat(depth) + inner + close.repeat(depth);
    const deep = [
      nested(10_000, "[", "]", ""),
      nested(10_000, '{"a":', "}"),
      nested(100_000, "[", "]", ""),
      // Deep inside an otherwise valid body.
      `{"model":"flux-2","prompt":"a red fox","x":${nested(10_000, "[", "]", "")}}`,
    ];
    const broken = ["{", '{"model":"flux-2",}', "{'model':'flux-2'}", "nul", '{"a":1}}'];
    const utf8 = (text: string, bad: number[]) =>
      new Uint8Array([...Buffer.from(text), ...bad, ...Buffer.from('"}')]);
    const badUtf8 = [
      utf8('{"model":"flux-2","prompt":"a red fox ', [0xff]),
      utf8('{"model":"flux-2","prompt":"a red fox ', [0xc0, 0x80]), // overlong NUL
      utf8('{"model":"flux-2","prompt":"a red fox ', [0xed, 0xa0, 0x80]), // an encoded surrogate
      utf8('{"model":"flux-2","prompt":"a red fox ', [0xf0, 0x9f]), // cut short
    ];
    const notObjects = ["[]", '"a red fox"', "42", "null", "true"];

    for (const { path } of taskRoutes) {
      for (const body of [...deep, ...broken, ...badUtf8, "", "   "]) {
        const what = `POST ${path} ${typeof body === "string" ? body.slice(0, 40) : "bytes"}`;
        expectError(
          await call(apiUser, "POST", path, { body }),
          { status: 400, type: "invalid_request", param: "body", charged: false },
          what,
        );
      }
      for (const body of notObjects) {
        expectError(
          await call(apiUser, "POST", path, { body }),
          { status: 400, type: "invalid_request", param: "body", charged: false },
          `POST ${path} ${body}`,
        );
      }
    }
    // The account routes read bodies the same way.
    for (const [method, path] of [
      ["POST", "/api/v1/tokens"],
      ["PUT", "/api/v1/keys"],
    ] as const) {
      for (const body of [deep[0]!, deep[1]!, broken[0]!, badUtf8[0]!, ""]) {
        expectError(
          await call(apiUser, method, path, { body }),
          { status: 400, param: "body", charged: false },
          `${method} ${path}`,
        );
      }
    }
    expect(await simCreations(apiUser.key!)).toBe(0);
  });
});
