// Which tasks get a callback URL, and which tokens open it.
import { describe, expect, it } from "vitest";
import { findModel } from "@/lib/catalog";
import { setupTaskHarness, withEnv } from "@/lib/testing/server-harness";
import {
  callbackFor,
  callbackPath,
  callbackTokenMatches,
  callbackTokenPattern,
  hashCallbackToken,
} from "./callbacks";

setupTaskHarness({ env: { MIRROR_OUTPUTS: "0" } });

const rowId = "5d0f1d4e-4a43-4a55-9b0c-1f0d6b1f6b1a";
const withHook = { webhook: true };
const userKey = { mode: "user-key" as const };

describe("callbackFor", () => {
  it("gives a webhook model a URL on PUBLIC_URL with a fresh token, and keeps only its hash", async () => {
    await withEnv({ PUBLIC_URL: "https://studio.example.com/" }, async () => {
      const one = callbackFor(rowId, withHook, {}, userKey);
      const two = callbackFor(rowId, withHook, {}, userKey);
      expect(one?.url).toMatch(
        new RegExp(`^https://studio\\.example\\.com${callbackPath}/${rowId}/[A-Za-z0-9_-]{43}$`),
      );
      const token = one!.url.split("/").at(-1)!;
      expect(callbackTokenPattern.test(token)).toBe(true);
      expect(one!.tokenHash).toBe(hashCallbackToken(token));
      expect(one!.tokenHash).not.toContain(token);
      expect(two!.url).not.toBe(one!.url);
    });
  });

  it("gives none where the upstream could not reach us, the model takes none, or the user sent their own", async () => {
    expect(callbackFor(rowId, withHook, {}, userKey)).toBeNull();
    expect(callbackFor(rowId, withHook, {}, { mode: "server-key" })).toBeNull();
    await withEnv({ PUBLIC_URL: "https://studio.example.com" }, async () => {
      expect(callbackFor(rowId, { webhook: false }, {}, userKey)).toBeNull();
      expect(
        callbackFor(rowId, withHook, { callback_url: "https://me.example.com/hook" }, userKey),
      ).toBeNull();
    });
    expect(findModel("images", "flux-2")?.webhook).toBe(true);
  });

  it("in demo mode, calls back on this machine even without PUBLIC_URL", async () => {
    await withEnv({ PORT: 3123 }, async () => {
      const demo = callbackFor(rowId, withHook, {}, { mode: "demo" });
      expect(demo?.url).toMatch(new RegExp(`^http://localhost:3123${callbackPath}/${rowId}/`));
    });
  });
});

describe("callbackTokenMatches", () => {
  const token = "a".repeat(43);
  const hash = hashCallbackToken(token);

  it("accepts the task's own token only", () => {
    expect(callbackTokenMatches(token, hash)).toBe(true);
    expect(callbackTokenMatches(`${"a".repeat(42)}b`, hash)).toBe(false);
    expect(callbackTokenMatches(token, hashCallbackToken("b".repeat(43)))).toBe(false);
  });

  it("refuses tasks that were sent no callback, malformed tokens and a stored hash as the token", () => {
    expect(callbackTokenMatches(token, null)).toBe(false);
    expect(callbackTokenMatches("", hash)).toBe(false);
    expect(callbackTokenMatches(`${token}=`, hash)).toBe(false);
    expect(callbackTokenMatches(hash, hash)).toBe(false);
    expect(callbackTokenMatches(token, "not hex")).toBe(false);
  });
});
