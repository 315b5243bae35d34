import { afterEach, describe, expect, it, vi } from "vitest";
import { getEnv, setEnvForTests } from "@/lib/env";

// The page's request headers, as next/headers hands them to a server component.
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));

const { pageOrigin } = await import("./public-origin");

function withPublicUrl(value: string | undefined) {
  setEnvForTests({ ...getEnv(), PUBLIC_URL: value, PORT: 3000 });
}

describe("pageOrigin (the task page's code and files, the Settings page's API address)", () => {
  afterEach(() => setEnvForTests(undefined));

  it("is PUBLIC_URL's origin when set, whatever the request says", async () => {
    withPublicUrl("https://studio.example.com/some/path/");
    requestHeaders = new Headers({ host: "localhost:3000" });
    expect(await pageOrigin()).toBe("https://studio.example.com");
  });

  it("is the Host the page was asked for; forwarded headers are never trusted", async () => {
    withPublicUrl(undefined);
    requestHeaders = new Headers({
      host: "192.168.1.20:3000",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    });
    expect(await pageOrigin()).toBe("http://192.168.1.20:3000");
  });

  it("falls back to localhost for a missing or malformed Host", async () => {
    withPublicUrl(undefined);
    for (const host of [undefined, "evil.example/path", "a b", "x@evil.example"]) {
      requestHeaders = new Headers(host ? { host } : {});
      expect(await pageOrigin()).toBe("http://localhost:3000");
    }
  });
});
