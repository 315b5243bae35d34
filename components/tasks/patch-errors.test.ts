import { describe, expect, it } from "vitest";
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { cleanTitle, patchErrorText } from "./patch-errors";

const failure = (status: number, type: string, param: string | null = null) =>
  new ApiRequestError({ status, type, message: "English text nobody reads", param });

describe("patchErrorText", () => {
  it("says the task was deleted elsewhere on 404", () => {
    expect(patchErrorText(failure(404, "not_found"), "favorite")).toEqual({
      title: "Could not update the favourite",
      description: "This task was deleted elsewhere.",
    });
  });

  it("explains the name's own rule for a title error", () => {
    const text = patchErrorText(failure(400, "invalid_request", "title"), "rename");
    expect(text.title).toBe("Could not rename the task");
    expect(text.description).toMatch(/at most \d+ characters, without control characters/);
  });

  it("never shows the server's English message", () => {
    for (const error of [failure(500, "server_error"), failure(400, "invalid_request", "x")]) {
      expect(patchErrorText(error, "rename").description).not.toContain("English");
    }
    expect(patchErrorText(new TypeError("fetch failed"), "rename").description).toMatch(
      /connection/,
    );
  });
});

describe("cleanTitle", () => {
  it("drops control characters and surrounding space; nothing left is no name", () => {
    expect(cleanTitle("  Winter\tfox\u0000\n ")).toBe("Winter fox");
    expect(cleanTitle("\u0007 \n")).toBeNull();
  });
});
