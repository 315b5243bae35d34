import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import {
  describeError,
  rateLimitMessage,
  splitFieldMessage,
  topLevelField,
} from "./describe-error";

const err = (status: number, type: string, message: string, retry?: number) =>
  new ApiRequestError(status, type, message, retry);
const fieldNames = ["prompt", "aspect_ratio", "dialogue", "image_urls"];

describe("describeError", () => {
  it("puts a 400 that names a shown field under that field", () => {
    expect(
      describeError(err(400, "invalid_request", "prompt: must be at least 3 characters"), {
        fieldNames,
      }),
    ).toEqual({ field: "prompt", message: "Must be at least 3 characters" });
    expect(
      describeError(err(400, "invalid_request", "dialogue[1].text: must not be empty"), {
        fieldNames,
      }),
    ).toEqual({ field: "dialogue[1].text", message: "Must not be empty" });
  });

  it("finds the field in the upstream's refusal as our route relays it", () => {
    const relayed = "API in One refused the request: prompt: too long for this model";
    expect(describeError(err(400, "invalid_request", relayed), { fieldNames })).toEqual({
      field: "prompt",
      message: "Too long for this model",
    });
    const general = "API in One refused the request: Unsupported model";
    expect(describeError(err(400, "invalid_request", general), { fieldNames }).message).toBe(
      general,
    );
  });

  it("turns a 400 about something not on the form into an alert", () => {
    const d = describeError(err(400, "invalid_request", "multi_prompt: required"), { fieldNames });
    expect(d.field).toBeUndefined();
    expect(d.message).toBe("The request was refused: multi_prompt: required");
    expect(describeError(err(400, "invalid_request", "Invalid JSON body")).field).toBeUndefined();
  });

  it("tells a bad upstream key from an expired session", () => {
    // Our route's wording for each key owner (lib/server/tasks/upstream-failure.ts), and one
    // upstream message that happens to mention signing in.
    const keyMessages: [number, string][] = [
      [401, "API in One rejected your API key (401: Invalid API key). Replace it in Settings."],
      [
        403,
        "API in One rejected this server's API key (403: Forbidden). Ask the operator to check AIO_API_KEY, or add your own key in Settings.",
      ],
      [
        401,
        "API in One rejected the demo key (401: Invalid API key). Restart the server to reset demo mode.",
      ],
      [401, "API in One rejected your key: sign in to apiin.one to rotate it"],
    ];
    for (const [status, message] of keyMessages) {
      const key = describeError(err(status, "authentication_error", message));
      expect(key.message, message).toBe("API in One rejected your API key. Update it in Settings.");
      expect(key.action?.href).toBe("/settings");
    }

    const session = describeError(
      err(
        401,
        "authentication_error",
        "Sign in, or send an app token as Authorization: Bearer <token>",
      ),
      { signInHref: "/login?callbackUrl=%2Fimages" },
    );
    expect(session.message).toBe("Your session expired. Sign in again.");
    expect(session.action?.href).toBe("/login?callbackUrl=%2Fimages");
  });

  it("sends a 402 to apiin.one to top up", () => {
    const d = describeError(err(402, "insufficient_credits", "Insufficient credits"));
    expect(d.message).toBe("Not enough credits on your API in One account. Top up at apiin.one.");
    expect(d.action).toMatchObject({ href: "https://apiin.one", external: true });
  });

  it("gives a 429 its wait time", () => {
    const d = describeError(err(429, "rate_limit", "Too many requests", 12));
    expect(d.message).toBe("Rate limit reached. Try again in 12 s.");
    expect(d.retryAfterSeconds).toBe(12);
    expect(describeError(err(429, "rate_limit", "slow down")).message).toBe(
      "Rate limit reached. Try again in a moment.",
    );
    expect(rateLimitMessage(3)).toBe("Rate limit reached. Try again in 3 s.");
    expect(rateLimitMessage(0)).toBe("Rate limit reached. Try again in a moment.");
  });

  it("reports 5xx with the upstream's status", () => {
    expect(describeError(err(500, "server_error", "boom")).message).toBe(
      "API in One had a problem (500). Try again in a moment.",
    );
    expect(describeError(err(503, "server_error", "down")).message).toBe(
      "API in One had a problem (503). Try again in a moment.",
    );
    const relayed =
      "API in One reported an error (500: Internal error). Nothing was charged; try again later.";
    expect(describeError(err(502, "server_error", relayed)).message).toBe(
      "API in One had a problem (500). Try again in a moment.",
    );
    const unreachable = "Could not reach API in One (ECONNREFUSED). Nothing was sent; try again.";
    expect(describeError(err(502, "server_error", unreachable)).message).toBe(
      "Could not reach API in One. Nothing was sent; try again in a moment.",
    );
    expect(
      describeError(err(502, "server_error", "bad gateway")).mayHaveBeenCharged,
    ).toBeUndefined();
  });

  it("says when a 502/504 may have been charged and points to the Gallery", () => {
    const charged = describeError(
      err(
        504,
        "server_error",
        "API in One did not answer in time. It may have been charged: check your API in One account before trying again.",
      ),
    );
    expect(charged.message).toBe(
      "API in One did not confirm the task (504). It may have been created, and charged, anyway: check the Gallery before running it again.",
    );
    expect(charged.action?.href).toBe("/gallery");
    expect(charged.mayHaveBeenCharged).toBe(true);

    const demo = describeError(
      err(
        502,
        "server_error",
        "API in One reported an internal error (500: boom). It may have been created anyway (demo mode charges nothing); wait a moment before trying again.",
      ),
    );
    expect(demo.message).toBe(
      "API in One did not confirm the task (500). It may have been created anyway: check the Gallery before running it again.",
    );
    expect(demo.mayHaveBeenCharged).toBe(true);
  });

  it("explains a request that never got an answer", () => {
    const d = describeError(new TypeError("Failed to fetch"));
    expect(d.message).toMatch(/Could not reach the Studio server/);
    expect(d.mayHaveBeenCharged).toBe(true);
  });

  it("never shows raw JSON", () => {
    const raw = '{"error":{"code":500,"type":"server_error","message":"x"}}';
    for (const status of [400, 401, 402, 403, 404, 429, 500, 502, 504]) {
      expect(describeError(err(status, "server_error", raw)).message).not.toContain('{"error"');
    }
  });
});

describe("field message helpers", () => {
  it("splits and capitalizes", () => {
    expect(splitFieldMessage('duration: expected a string like "8", got number')).toEqual({
      field: "duration",
      text: 'Expected a string like "8", got number',
    });
    expect(splitFieldMessage("body: expected a JSON object")).toBeUndefined();
    expect(topLevelField("dialogue[1].text")).toBe("dialogue");
    expect(topLevelField("prompt")).toBe("prompt");
  });
});
