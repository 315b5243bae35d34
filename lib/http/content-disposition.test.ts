import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  maxDownloadNameLength,
  sanitizeDownloadName,
} from "./content-disposition";

describe("sanitizeDownloadName", () => {
  it("keeps a plain name and adds the extension once", () => {
    expect(sanitizeDownloadName("a fox in snow - flux-2", "png")).toBe(
      "a fox in snow - flux-2.png",
    );
    expect(sanitizeDownloadName("a fox.PNG", "png")).toBe("a fox.png");
    expect(sanitizeDownloadName("take 1", undefined)).toBe("take 1");
  });

  it("drops what could escape a folder, hide the extension or break the header", () => {
    expect(sanitizeDownloadName("..\\..\\boot.ini", "png")).toBe("boot.ini.png");
    expect(sanitizeDownloadName("evil\u202egnp.exe", "png")).toBe("evilgnp.exe.png");
    expect(sanitizeDownloadName('say "hi";\tnow', "wav")).toBe("say hi now.wav");
    expect(sanitizeDownloadName(" ... ", "png")).toBe("");
  });

  it("cuts long names by characters, never inside an emoji, keeping the extension", () => {
    const name = sanitizeDownloadName("🦊".repeat(400), "webp");
    expect(Array.from(name)).toHaveLength(maxDownloadNameLength);
    expect(name.endsWith("🦊.webp")).toBe(true);
  });
});

describe("attachmentDisposition", () => {
  it("uses filename alone for ASCII and adds filename* otherwise", () => {
    expect(attachmentDisposition("fox.png")).toBe('attachment; filename="fox.png"');
    expect(attachmentDisposition("狐 (1).png")).toBe(
      `attachment; filename="_ (1).png"; filename*=UTF-8''%E7%8B%90%20%281%29.png`,
    );
  });
});
