import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { describeChatError, rateLimitText } from "./describe-chat-error";

const refused = (status: number, type: string, extra: Partial<ApiRequestError> = {}) => ({
  kind: "refused" as const,
  error: new ApiRequestError({ status, type, message: "whatever the server said", ...extra }),
});

describe("describeChatError", () => {
  it("says the account is out of credits and links to top up", () => {
    const d = describeChatError(refused(402, "insufficient_credits", { source: "upstream" }));
    expect(d.message).toBe("Your API in One account is out of credits.");
    expect(d.action?.external).toBe(true);
  });

  it("counts down a rate limit only when the server said how long", () => {
    const d = describeChatError(refused(429, "rate_limit", { retryAfterSeconds: 7 }));
    expect(d.retryAfterSeconds).toBe(7);
    expect(rateLimitText(6.2)).toBe("Too many requests — try again in 7 s.");
    expect(describeChatError(refused(429, "rate_limit")).retryAfterSeconds).toBeUndefined();
  });

  it("tells a rejected upstream key from an expired session", () => {
    const key = describeChatError(refused(401, "authentication_error", { source: "upstream" }));
    expect(key.action?.href).toBe("/settings");
    const session = describeChatError(refused(401, "authentication_error", { source: "studio" }));
    expect(session.action?.href).toBe("/login");
  });

  it("explains a conflict as an answer still arriving elsewhere, not a server problem", () => {
    const d = describeChatError(refused(409, "conflict"));
    expect(d.message).toMatch(/still arriving/);
    expect(d.message).not.toMatch(/problem/);
  });

  it("decides on the type, not the words", () => {
    const d = describeChatError(
      refused(500, "server_error", { source: "upstream", message: "insufficient credits" }),
    );
    expect(d.message).toBe("API in One had a problem (500). Try again in a moment.");
  });

  it("marks an in-band error as an answer that stopped early", () => {
    const d = describeChatError({
      kind: "stream",
      error: { type: "server_error", message: "boom", source: "upstream" },
    });
    expect(d.message).toMatch(/^The answer stopped early\. API in One had a problem/);
  });

  it("keeps a JSON dump out of the sentence", () => {
    const d = describeChatError(refused(400, "invalid_request", { message: '{"raw":1}' }));
    expect(d.message).toBe("The request was refused.");
  });
});
