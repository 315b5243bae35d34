import { describe, expect, it } from "vitest";
import { downloadHref, downloadName, slugify, urlExtension } from "./download-name";

const base = { title: null, model: "flux-2", output: "image" as const, index: 0 };

describe("downloadName", () => {
  it("names the file after the prompt, the model and its position", () => {
    expect(downloadName({ ...base, prompt: "A red fox in snow" })).toBe(
      "a-red-fox-in-snow_flux-2_1.png",
    );
    expect(downloadName({ ...base, prompt: "A red fox in snow", index: 2 })).toBe(
      "a-red-fox-in-snow_flux-2_3.png",
    );
  });

  it("adds the task's day when it is known", () => {
    const at = "2026-12-03T18:20:00.000Z";
    expect(downloadName({ ...base, prompt: "A red fox in snow", createdAt: at })).toBe(
      "a-red-fox-in-snow_flux-2_2026-12-03_1.png",
    );
    expect(downloadName({ ...base, prompt: "fox", createdAt: "yesterday" })).toBe(
      "fox_flux-2_1.png",
    );
  });

  it("prefers the owner's title over the prompt", () => {
    expect(downloadName({ ...base, title: "Winter fox", prompt: "A red fox in snow" })).toBe(
      "winter-fox_flux-2_1.png",
    );
  });

  it("takes the file type from the upstream URL, else from the output kind", () => {
    const song = { ...base, model: "suno", output: "audio" as const, prompt: "Summer trains" };
    expect(downloadName({ ...song, originalUrl: "https://cdn.x/a/b/take.WAV?sig=1" })).toBe(
      "summer-trains_suno_1.wav",
    );
    expect(downloadName(song)).toBe("summer-trains_suno_1.mp3");
    expect(downloadName({ ...base, output: "video", prompt: "boat" })).toBe("boat_flux-2_1.mp4");
  });

  it("keeps only safe characters and falls back to the kind when no words are left", () => {
    expect(downloadName({ ...base, prompt: `Café "naïve" ../../etc/passwd; rm -rf *` })).toBe(
      "cafe-naive-etc-passwd-rm-rf_flux-2_1.png",
    );
    expect(downloadName({ ...base, prompt: "🦊🦊 日本語" })).toBe("image_flux-2_1.png");
    expect(downloadName({ ...base, prompt: null, model: "bg-remover" })).toBe(
      "image_bg-remover_1.png",
    );
  });

  it("cuts long prompts at a word boundary", () => {
    const long = "a very long prompt about a fox that runs through the snow at dusk near a river";
    const stem = slugify(long);
    expect(stem.length).toBeLessThanOrEqual(48);
    expect(long.replaceAll(" ", "-").startsWith(stem)).toBe(true);
    expect(slugify("x".repeat(80))).toHaveLength(48);
  });
});

describe("urlExtension", () => {
  it("reads a short extension from the last path segment only", () => {
    expect(urlExtension("https://h/a.b/file.webp")).toBe("webp");
    expect(urlExtension("https://h/files/abc123")).toBeUndefined();
    expect(urlExtension("not a url")).toBeUndefined();
  });
});

describe("downloadHref", () => {
  const studio = "http://localhost:3000";

  it("asks our file route for a named download", () => {
    expect(downloadHref("http://localhost:3000/files/tok_1", "a b.png", studio)).toBe(
      "http://localhost:3000/files/tok_1?download=a+b.png",
    );
  });

  it("links an upstream URL as it is", () => {
    const upstream = "https://cdn.apiin.one/out/1.png";
    expect(downloadHref(upstream, "x.png", studio)).toBe(upstream);
    expect(downloadHref("http://localhost:3000/demo/files/x.png", "x.png", studio)).toBe(
      "http://localhost:3000/demo/files/x.png",
    );
  });

  it("links another server's /files/ URL as it is (it would not name the download)", () => {
    const elsewhere = "https://cdn.example.com/files/tok_1";
    expect(downloadHref(elsewhere, "x.png", studio)).toBe(elsewhere);
    expect(downloadHref("http://localhost:3001/files/tok_1", "x.png", studio)).toBe(
      "http://localhost:3001/files/tok_1",
    );
  });
});
