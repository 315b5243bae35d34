// Volume fuzz of the /api/v1 routes that call the upstream: the eight task routes and the chat
// completion. Thousands of generated bodies per route, handlers called in-process with an app
// token against the simulator over HTTP. For every body: never a 5xx, every refusal in the one
// error shape naming the field, the catalog's own validator decides accept or refuse, and the
// simulator sees exactly one request per accepted body (an invalid body never costs a call).
//
// FUZZ_BODIES bodies per route (200 in npm test, 5,000 in npm run test:hardening); FUZZ_SEED
// replays a failure.
import { describe, expect, it } from "vitest";
import { validateChatRequest } from "@/lib/catalog/chat";
import { chatBodyLimitBytes } from "@/lib/server/chat/chat-limits";
import type { RouteHandler } from "@/lib/server/define-route";
import { expectError, taskRoutes, type TaskRoute } from "@/lib/testing/fuzz/answers";
import { bodyProblem, bodyText, chatBodyText, checkTaskAnswer } from "@/lib/testing/fuzz/bodies";
import { fuzzBodies, fuzzHandler, upstreamCalls } from "@/lib/testing/fuzz/in-process";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { POST as chatCompletions } from "./chat/completions/route";
import { POST as music } from "./audio/music/route";
import { POST as speech } from "./audio/speech/route";
import { POST as images } from "./images/generations/route";
import { POST as faceSwap } from "./images/tools/face-swap/route";
import { POST as removeBg } from "./images/tools/remove-bg/route";
import { POST as upscale } from "./images/tools/upscale/route";
import { POST as videos } from "./videos/generations/route";
import { POST as videoBgRemover } from "./videos/tools/bg-remover/route";

const h = setupTaskHarness({ env: { MIRROR_OUTPUTS: "0", UPSTREAM_RATE_LIMIT: "100000" } });
const total = fuzzBodies(200);
// A run of 5,000 bodies per route takes about a minute per route on two cores.
const timeout = 60_000 + total * 60;

const handlers: Record<TaskRoute, RouteHandler> = {
  images,
  videos,
  music,
  speech,
  "remove-bg": removeBg,
  "face-swap": faceSwap,
  upscale,
  "video-bg-remover": videoBgRemover,
};

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe.each(taskRoutes)("POST $path", ({ path, route }) => {
  it(
    `${total} bodies: created exactly when the catalog accepts, and only creations reach the upstream`,
    async () => {
      const u = await h().makeUser({ credits: 1e9 });
      let created = 0;
      const tally = await fuzzHandler(
        handlers[route],
        bodyText(route).map((source) => ({
          call: { method: "POST", path, body: source, token: u.token },
          check(answer, what) {
            if (checkTaskAnswer(route, source, answer, what)) created++;
          },
        })),
        total,
      );
      const calls = await upstreamCalls(h().sim, u.upstreamKey);
      expect(sum(calls), JSON.stringify(calls)).toBe(created);
      expect(created, "some generated bodies are valid").toBeGreaterThan(0);
      expect(tally.statuses[200], "and most are not").toBeLessThan(tally.requests / 2);
    },
    timeout,
  );
});

describe("POST /api/v1/chat/completions", () => {
  it(
    `${total} bodies: answered exactly when the chat validator accepts, one upstream call each`,
    async () => {
      const u = await h().makeUser({ credits: 1e9 });
      let answered = 0;
      const tally = await fuzzHandler(
        chatCompletions,
        chatBodyText().map((source) => ({
          call: { method: "POST", path: "/api/v1/chat/completions", body: source, token: u.token },
          check(answer, what) {
            const read = bodyProblem(source, chatBodyLimitBytes);
            const checked = "expected" in read ? undefined : validateChatRequest(read.value);
            if (checked?.ok) {
              expect(answer.status, `${what} → ${answer.text.slice(0, 300)}`).toBe(200);
              answered++;
            } else {
              expectError(
                answer,
                {
                  status: "expected" in read ? read.expected.status : 400,
                  type: "invalid_request",
                  param: checked ? checked.field : "body",
                  source: "studio",
                  charged: false,
                },
                what,
              );
            }
          },
        })),
        total,
      );
      const calls = await upstreamCalls(h().sim, u.upstreamKey);
      expect(calls, JSON.stringify(calls)).toEqual(
        answered > 0 ? { "POST /chat/completions": answered } : {},
      );
      expect(answered, "some generated bodies are valid").toBeGreaterThan(0);
      expect(tally.statuses[200], "and most are not").toBeLessThan(tally.requests / 2);
    },
    timeout,
  );
});
