import { describe, expect, it, vi } from "vitest";
import {
  isPublicHost,
  publicUrlMessage,
  publicUrlPolicy,
  urlProblem,
  validateRequest,
  type RouteId,
  type UrlPolicy,
} from "./index";
import { img, vid } from "./test-bodies";

describe("urlProblem / httpUrlSchema: a well-formed http(s) URL", () => {
  it("accepts http(s) URLs with a host, a port, a path, a query and a fragment", () => {
    for (const url of [
      "https://cdn.example.com/in.png",
      "HTTP://Example.COM",
      "http://example.com:8080/a/b.png?x=1&y=%20#frag",
      "https://[2001:db8::1]/a.png",
      "https://xn--nxasmq6b.example/a.png",
      `https://example.com/${"a".repeat(2048 - "https://example.com/".length)}`,
    ]) {
      expect(urlProblem(url), url).toBeUndefined();
    }
  });

  it("refuses other schemes, relative URLs and hostless spellings", () => {
    for (const url of [
      "ftp://example.com/a.png",
      "data:image/png;base64,AAA",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "/uploads/a.png",
      "example.com/a.png",
      "http:example.com",
      "http:/example.com",
      "http:///example.com",
      "https://",
      "http://?x",
      "",
    ]) {
      expect(urlProblem(url), url).toBe("must be an http(s) URL");
    }
  });

  it("refuses user names and passwords, and backslashes", () => {
    expect(urlProblem("https://user:pw@example.com/a.png")).toBe(
      "must not contain a user name or password",
    );
    expect(urlProblem("https://user@example.com/")).toBe(
      "must not contain a user name or password",
    );
    expect(urlProblem("https://@example.com/")).toBe("must not contain a user name or password");
    expect(urlProblem("https://evil.example\\@good.example/")).toBe("must not contain a backslash");
    // An @ in the path is no user name.
    expect(urlProblem("https://example.com/@someone/a.png")).toBeUndefined();
  });

  it("caps length at 2048 and checks the raw characters the parser would drop", () => {
    expect(urlProblem(`https://example.com/${"a".repeat(2049)}`)).toMatch(
      /^must be at most 2048 characters \(got 2069\)$/,
    );
    expect(urlProblem("https://exa\nmple.com/")).toBe(
      "must be a single line (contains a line break, U+000A)",
    );
    expect(urlProblem("https://example.com/\ta")).toMatch(/single line.*tab/);
    expect(urlProblem("https://example.com/\u0000")).toBe("contains a control character (U+0000)");
    expect(urlProblem(" https://example.com/")).toBe("must not start or end with spaces");
    expect(urlProblem("https://example.com/ ")).toBe("must not start or end with spaces");
    expect(urlProblem("https://example.com/\ud800")).toMatch(/lone surrogate/);
  });

  it("names the field in requests, list items included", () => {
    const flux = { model: "flux-2", prompt: "a red fox" };
    expect(
      validateRequest("images", { ...flux, input_urls: [img, "https://u:p@x.example/a.png"] }),
    ).toMatchObject({
      ok: false,
      field: "input_urls[1]",
      message: "input_urls[1]: must not contain a user name or password",
    });
    expect(
      validateRequest("images", { ...flux, callback_url: `https://x.example/${"a".repeat(3000)}` }),
    ).toMatchObject({ ok: false, field: "callback_url" });
  });
});

const refusedUrls = [
  // loopback, however it is spelled
  "http://127.0.0.1/",
  "http://127.255.255.254:8080/x",
  "http://127.0.0.1./",
  "http://2130706433/",
  "http://0x7f.1/",
  "http://0x7f000001/",
  "http://017700000001/",
  "http://0177.0.0.1/",
  "http://127.1/",
  "http://１２７.0.0.1/",
  "http://localhost/",
  "http://LOCALHOST:3000/",
  "http://localhost./",
  "http://api.localhost/",
  "http://[::1]/",
  "http://[0:0:0:0:0:0:0:1]/",
  // unspecified and "this network"
  "http://0.0.0.0/",
  "http://0/",
  "http://[::]/",
  // private
  "http://10.0.0.1/",
  "http://10.255.255.255/",
  "http://172.16.0.1/",
  "http://172.31.255.255/",
  "http://192.168.1.1/",
  "http://[fc00::1]/",
  "http://[fd12:3456:789a::1]/",
  // link-local, cloud metadata
  "http://169.254.169.254/latest/meta-data/",
  "http://169.254.0.1/",
  "http://[fe80::1]/",
  "http://[febf:ffff::1]/",
  // carrier-grade NAT
  "http://100.64.0.1/",
  "http://100.127.255.255/",
  // IPv4 inside IPv6
  "http://[::ffff:127.0.0.1]/",
  "http://[::ffff:7f00:1]/",
  "http://[::ffff:10.0.0.1]/",
  "http://[::ffff:a9fe:a9fe]/",
  "http://[::ffff:100.64.0.1]/",
  "http://[::127.0.0.1]/",
  "http://[64:ff9b::127.0.0.1]/",
  "http://[2002:7f00:1::]/",
  // multicast, broadcast, reserved
  "http://224.0.0.1/",
  "http://255.255.255.255/",
  "http://[ff02::1]/",
  // names that only resolve inside a network
  "http://intranet/",
  "http://printer.local/",
  "http://metadata.google.internal/computeMetadata/v1/",
  "http://router.home.arpa/",
];

const acceptedUrls = [
  "https://cdn.example.com/in.png",
  "https://example.com:8443/a.png",
  "http://8.8.8.8/",
  "http://11.0.0.1/",
  "http://172.15.255.255/",
  "http://172.32.0.1/",
  "http://192.169.0.1/",
  "http://100.63.255.255/",
  "http://100.128.0.1/",
  "http://169.253.255.255/",
  "http://[2001:4860:4860::8888]/",
  "http://[::ffff:8.8.8.8]/",
  "http://[2002:808:808::]/",
  "https://localhost.example.com/",
  "https://local.example/",
];

describe("publicUrlPolicy", () => {
  const policy = publicUrlPolicy();

  it.each(refusedUrls)("refuses %s", (url) => {
    expect(policy(new URL(url), "image")).toBe(publicUrlMessage);
  });

  it.each(acceptedUrls)("accepts %s", (url) => {
    expect(policy(new URL(url), "image")).toBeUndefined();
  });

  it("lets the Studio's own origins through, by exact origin", () => {
    const studio = publicUrlPolicy({
      allowOrigins: ["http://localhost:3000/", "https://studio.example.com"],
    });
    expect(studio(new URL("http://localhost:3000/files/abc.png"), "image")).toBeUndefined();
    expect(studio(new URL("http://LOCALHOST:3000/x"), "image")).toBeUndefined();
    expect(studio(new URL("http://localhost:3001/x"), "image")).toBe(publicUrlMessage);
    expect(studio(new URL("https://localhost:3000/x"), "image")).toBe(publicUrlMessage);
    expect(studio(new URL("http://127.0.0.1:3000/x"), "image")).toBe(publicUrlMessage);
    expect(studio(new URL("https://studio.example.com/files/a.png"), "image")).toBeUndefined();
  });

  it("refuses a bad allowOrigins entry when it is made, not later", () => {
    expect(() => publicUrlPolicy({ allowOrigins: ["localhost:3000"] })).toThrow();
  });

  it("judges the host only (no DNS): isPublicHost", () => {
    expect(isPublicHost(new URL("https://example.com/"))).toBe(true);
    expect(isPublicHost(new URL("http://[::1]/"))).toBe(false);
  });
});

describe("validateRequest with a URL policy", () => {
  const policy = publicUrlPolicy({ allowOrigins: ["http://localhost:3000"] });
  const check = (route: RouteId, body: Record<string, unknown>) =>
    validateRequest(route, body, { urlPolicy: policy });
  const local = "http://127.0.0.1/a.png";

  it("is not applied unless asked for (the simulator takes localhost uploads)", () => {
    expect(validateRequest("remove-bg", { image: local }).ok).toBe(true);
    expect(check("remove-bg", { image: img }).ok).toBe(true);
  });

  it("covers every URL-valued field, list items and callback_url", () => {
    expect(check("remove-bg", { image: local })).toEqual({
      ok: false,
      field: "image",
      message: "image: must be a public http(s) URL (private and loopback addresses are refused)",
    });
    expect(
      check("images", { model: "flux-2", prompt: "a fox", input_urls: [img, img, local] }),
    ).toMatchObject({ ok: false, field: "input_urls[2]" });
    expect(
      check("images", {
        model: "ideogram-v3-turbo",
        prompt: "a poster",
        image: img,
        mask_image: "http://10.1.2.3/m.png",
      }),
    ).toMatchObject({ ok: false, field: "mask_image" });
    expect(
      check("images", {
        model: "ideogram-v3-turbo",
        prompt: "a poster",
        reference_images: ["http://[::1]/r.png"],
      }),
    ).toMatchObject({ ok: false, field: "reference_images[0]" });
    expect(
      check("video-bg-remover", {
        model: "video-bg-remover",
        video: vid,
        background_image: "http://169.254.169.254/bg.png",
      }),
    ).toMatchObject({ ok: false, field: "background_image" });
    expect(
      check("face-swap", { model: "face-swap", image: img, face_image: "http://2130706433/f.png" }),
    ).toMatchObject({ ok: false, field: "face_image" });
    expect(
      check("music", {
        model: "chirp-v5",
        prompt: "la",
        callback_url: "http://localhost:9999/hook",
      }),
    ).toEqual({
      ok: false,
      field: "callback_url",
      message:
        "callback_url: must be a public http(s) URL (private and loopback addresses are refused)",
    });
  });

  it("finds URLs inside API-only JSON, however they are spelled", () => {
    expect(
      check("videos", {
        model: "kling-3",
        prompt: "a fox",
        kling_elements: [{ image_url: img }, { refs: ["x", "HTTP://0x7f.1/a.png"] }],
      }),
    ).toMatchObject({ ok: false, field: "kling_elements[1].refs[1]" });
    expect(
      check("videos", {
        model: "kling-3",
        prompt: "a fox",
        kling_elements: [{ image_url: img, note: "see http:localhost" }, { url: "http:10.0.0.1" }],
      }),
    ).toMatchObject({ ok: false, field: "kling_elements[1].url" });
  });

  it("accepts public URLs and the allowed origin", () => {
    expect(
      check("images", {
        model: "flux-2",
        prompt: "a fox",
        input_urls: [img, "http://localhost:3000/files/u1.png"],
        callback_url: "https://hooks.example.com/done",
      }).ok,
    ).toBe(true);
  });

  it("runs after the schema, gets each URL parsed with its field, and is prefixed once", () => {
    const seen: [string, string][] = [];
    const spy = vi.fn<UrlPolicy>((url, field) => {
      seen.push([field, url.href]);
      return field === "callback_url" ? "callback_url: only our own hooks" : undefined;
    });
    const body = {
      model: "flux-2",
      prompt: "a fox",
      input_urls: [img, "https://b.example/2.png"],
      callback_url: "https://hooks.example.com/x",
    };
    expect(validateRequest("images", body, { urlPolicy: spy })).toEqual({
      ok: false,
      field: "callback_url",
      message: "callback_url: only our own hooks",
    });
    expect(seen).toEqual([
      ["input_urls[0]", img],
      ["input_urls[1]", "https://b.example/2.png"],
      ["callback_url", "https://hooks.example.com/x"],
    ]);
    spy.mockClear();
    expect(validateRequest("images", { ...body, prompt: "ab" }, { urlPolicy: spy }).ok).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });
});
