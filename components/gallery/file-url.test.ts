import { describe, expect, it } from "vitest";
import { downloadUrl, thumbnailSrcSet, thumbnailUrl, thumbnailWidthFor } from "./file-url";

const token = "A".repeat(43);
const stored = `http://localhost:3000/files/${token}`;

describe("stored file addresses", () => {
  it("asks our file route for a thumbnail and keeps the origin (or a relative address)", () => {
    expect(thumbnailUrl(stored, 512)).toBe(`${stored}?w=512`);
    expect(thumbnailUrl(`/files/${token}`, 256)).toBe(`/files/${token}?w=256`);
    expect(thumbnailSrcSet(stored)).toBe(
      `${stored}?w=256 256w, ${stored}?w=512 512w, ${stored}?w=1024 1024w`,
    );
  });

  it("leaves other hosts' URLs alone (they have no thumbnails)", () => {
    const cdn = "https://cdn.example/out/0.png";
    expect(thumbnailUrl(cdn, 512)).toBe(cdn);
    expect(thumbnailSrcSet(cdn)).toBeUndefined();
    expect(thumbnailUrl("https://x.example/files/short", 512)).toBe(
      "https://x.example/files/short",
    );
  });

  it("names a download, encoded", () => {
    expect(downloadUrl(stored, "a fox & a hen — flux")).toBe(
      `${stored}?download=a+fox+%26+a+hen+%E2%80%94+flux`,
    );
  });

  it("picks the smallest width that covers the column on this screen", () => {
    expect(thumbnailWidthFor(240)).toBe(256);
    expect(thumbnailWidthFor(240, 2)).toBe(512);
    expect(thumbnailWidthFor(400, 3)).toBe(1024);
  });
});
