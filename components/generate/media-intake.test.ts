import { describe, expect, it } from "vitest";
import { dragHasFiles, readIntake } from "./media-intake";

const png = new File([new Uint8Array([1])], "a.png", { type: "image/png" });
const mp4 = new File([new Uint8Array([1])], "a.mp4", { type: "video/mp4" });

describe("readIntake", () => {
  it("takes the first file of the field's kind", () => {
    expect(readIntake({ files: [mp4, png] }, "image")).toEqual({ file: png });
    expect(readIntake({ files: [mp4] }, "video")).toEqual({ file: mp4 });
  });

  it("says when the files are of another kind", () => {
    expect(readIntake({ files: [mp4] }, "image")).toEqual({ wrongKind: true });
  });

  it("takes a dragged web address, never another scheme", () => {
    const link = (text: string) => ({ files: [], getData: () => text });
    expect(readIntake(link("# comment\r\nhttps://x.test/a.png"), "image")).toEqual({
      url: "https://x.test/a.png",
    });
    expect(readIntake(link("javascript:alert(1)"), "image")).toBeUndefined();
    expect(readIntake(null, "image")).toBeUndefined();
  });

  it("knows a file drag from its types", () => {
    expect(dragHasFiles(["Files"])).toBe(true);
    expect(dragHasFiles(["text/plain"])).toBe(false);
  });
});
