import { describe, expect, it } from "vitest";
import { safeLink, safeUrl } from "./safe-link";

describe("safeLink", () => {
  it("keeps web pages, mail addresses and in-message anchors", () => {
    expect(safeLink("https://example.com/a?b=1#c")).toEqual({
      kind: "external",
      href: "https://example.com/a?b=1#c",
    });
    expect(safeLink(" http://example.com ")).toEqual({
      kind: "external",
      href: "http://example.com/",
    });
    expect(safeLink("mailto:someone@example.com")).toEqual({
      kind: "mail",
      href: "mailto:someone@example.com",
    });
    expect(safeLink("#user-content-fn-1")).toEqual({
      kind: "fragment",
      href: "#user-content-fn-1",
    });
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0001javascript:alert(1)",
    "javascript&#58;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "blob:https://example.com/uuid",
    "//evil.example/x",
    "/api/v1/chats",
    "../settings",
    "https://bank.example@evil.example/",
    "https://",
    "streamdown:incomplete-link",
    "tel:+123",
    "",
  ])("drops %j", (url) => {
    expect(safeLink(url)).toBeNull();
    expect(safeUrl(url)).toBeUndefined();
  });

  it("drops non-strings", () => {
    expect(safeLink(null)).toBeNull();
    expect(safeLink(undefined)).toBeNull();
  });
});
