import { describe, expect, it } from "vitest";
import { chatModel, models, textLength, textProblem, validateRequest, type RouteId } from "./index";
import { img } from "./test-bodies";

function rejects(route: RouteId, body: unknown) {
  const result = validateRequest(route, body);
  if (result.ok) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  return { field: result.field, message: result.message };
}

const flux = (prompt: string) => ({ model: "flux-2", prompt });
const speech = (dialogue: unknown) => ({ model: "elevenlabs-v3", dialogue });

const grinning = "😀"; // U+1F600, outside the BMP: 2 code units
const family = "👩‍👩‍👧"; // woman ZWJ woman ZWJ girl: 3 × 2 + 2 ZWJ = 8 code units
const combiningE = "e\u0301"; // e + COMBINING ACUTE ACCENT: 2 code units
const precomposedE = "\u00e9"; // é as one code point: 1 code unit

describe("textLength: the one length rule (UTF-16 code units)", () => {
  it("counts emoji, ZWJ sequences, flags and combining marks by code unit", () => {
    expect(textLength("abc")).toBe(3);
    expect(textLength(grinning)).toBe(2);
    expect(textLength(family)).toBe(8);
    expect(textLength("🇫🇷")).toBe(4);
    expect(textLength(combiningE)).toBe(2);
    expect(textLength(precomposedE)).toBe(1);
    expect(textLength("")).toBe(0);
  });

  it("is what the prompt limit counts: 2,500 😀 fit in 5000, 2,501 do not", () => {
    expect(validateRequest("images", flux(grinning.repeat(2500))).ok).toBe(true);
    expect(rejects("images", flux(grinning.repeat(2501)))).toEqual({
      field: "prompt",
      message: "prompt: must be at most 5000 characters (got 5002)",
    });
  });

  it("counts combining marks and ZWJ sequences against limits too", () => {
    expect(validateRequest("images", flux(combiningE.repeat(2500))).ok).toBe(true);
    expect(rejects("images", flux(combiningE.repeat(2501))).message).toBe(
      "prompt: must be at most 5000 characters (got 5002)",
    );
    expect(validateRequest("images", flux(precomposedE.repeat(5000))).ok).toBe(true);
    expect(validateRequest("images", flux(family.repeat(625))).ok).toBe(true); // 5000 units
    expect(rejects("images", flux(`${family.repeat(625)}a`)).field).toBe("prompt");
    // The minimum counts the same way: one emoji is 2 of the 3 a prompt needs.
    expect(rejects("images", flux(grinning)).message).toBe("prompt: must be at least 3 characters");
    expect(validateRequest("images", flux(`${grinning}a`)).ok).toBe(true);
  });

  it("is what short fields and model-dependent rules count", () => {
    const song = (extra: Record<string, unknown>) => ({
      model: "chirp-v5",
      prompt: "la",
      ...extra,
    });
    expect(validateRequest("music", song({ title: grinning.repeat(40) })).ok).toBe(true);
    expect(rejects("music", song({ title: grinning.repeat(41) })).message).toBe(
      "title: must be at most 80 characters (got 82)",
    );
    // Suno v4 takes 3000 units of lyrics: 1,500 emoji, not 3,000.
    expect(
      validateRequest("music", { model: "chirp-v4-0", prompt: grinning.repeat(1500) }).ok,
    ).toBe(true);
    expect(rejects("music", { model: "chirp-v4-0", prompt: grinning.repeat(1501) }).message).toBe(
      "prompt: must be at most 3000 characters on Suno v3.5 and v4 (got 3002); v4.5 and later take 5000",
    );
  });
});

describe("textProblem: characters a string may hold", () => {
  it("accepts ordinary text in any script, emoji and combining marks", () => {
    for (const text of ["a red fox", "狐狸", "лиса", `${family} ${combiningE}`, "\u00a0\u200b"]) {
      expect(textProblem(text, "single-line"), text).toBeUndefined();
    }
  });

  it("refuses lone surrogates, high or low, and reversed pairs", () => {
    expect(textProblem("a\ud83dz", "multiline")).toBe(
      "is not well-formed Unicode (lone surrogate U+D83D)",
    );
    expect(textProblem("\ude00", "multiline")).toBe(
      "is not well-formed Unicode (lone surrogate U+DE00)",
    );
    expect(textProblem("\ude00\ud83d", "multiline")).toMatch(/lone surrogate U\+DE00/);
    expect(textProblem(`${grinning}\ud83d`, "multiline")).toMatch(/lone surrogate U\+D83D/);
    // Agrees with the platform's own check.
    for (const text of ["ok", "\ud83d", grinning, "\ude00\ud83d"]) {
      expect(textProblem(text, "multiline") === undefined, text).toBe(text.isWellFormed());
    }
  });

  it("refuses NUL, C0 controls, DEL and C1 controls everywhere", () => {
    const cases: [string, string][] = [
      ["\u0000", "U+0000"],
      ["\u0007", "U+0007"],
      ["\u001b", "U+001B"],
      ["\u007f", "U+007F"],
      ["\u0085", "U+0085"],
      ["\u009b", "U+009B"],
    ];
    for (const [char, code] of cases) {
      for (const kind of ["single-line", "multiline"] as const) {
        expect(textProblem(`a${char}b`, kind)).toBe(`contains a control character (${code})`);
      }
    }
  });

  it("allows tabs and line breaks (LF or CR LF) in multi-line text only", () => {
    expect(textProblem("verse\n\tchorus\r\nend", "multiline")).toBeUndefined();
    expect(textProblem("a\rb", "multiline")).toBe("contains a control character (U+000D)");
    expect(textProblem("a\nb", "single-line")).toBe(
      "must be a single line (contains a line break, U+000A)",
    );
    expect(textProblem("a\r\nb", "single-line")).toBe(
      "must be a single line (contains a line break, U+000D)",
    );
    expect(textProblem("a\tb", "single-line")).toBe(
      "must be a single line (contains a tab, U+0009)",
    );
  });
});

describe("the text rule in requests", () => {
  it("names the field and the character", () => {
    expect(rejects("images", flux("a red\u0000fox"))).toEqual({
      field: "prompt",
      message: "prompt: contains a control character (U+0000)",
    });
    expect(rejects("images", flux("a red \ud83d fox"))).toEqual({
      field: "prompt",
      message: "prompt: is not well-formed Unicode (lone surrogate U+D83D)",
    });
    // A control character is reported before the length: it is the clearer thing to fix.
    expect(rejects("images", flux("\u0000")).message).toBe(
      "prompt: contains a control character (U+0000)",
    );
  });

  it("lets multi-line fields span lines", () => {
    expect(validateRequest("images", flux("line one\nline two\ttabbed")).ok).toBe(true);
    expect(
      validateRequest("music", {
        model: "chirp-v5",
        prompt: "[Verse]\r\nla la\n\n[Chorus]\nla",
        style: "dreamy,\nslow",
        tags: "no drums,\nno brass",
      }).ok,
    ).toBe(true);
    expect(
      validateRequest("images", {
        model: "imagen4",
        prompt: "a fox",
        negative_prompt: "blur\nnoise",
      }).ok,
    ).toBe(true);
    expect(validateRequest("speech", speech([{ text: "Hello.\nHow are you?" }])).ok).toBe(true);
  });

  it("keeps single-line fields on one line", () => {
    expect(rejects("music", { model: "chirp-v5", prompt: "la", title: "Summer\nDreams" })).toEqual({
      field: "title",
      message: "title: must be a single line (contains a line break, U+000A)",
    });
    expect(rejects("speech", { ...speech([{ text: "hi" }]), language_code: "en\t" }).message).toBe(
      "language_code: must be a single line (contains a tab, U+0009)",
    );
    expect(
      rejects("images", { model: "grok-imagine/upscale", prompt: "upscale it", task_id: "t\n1" })
        .field,
    ).toBe("task_id");
    expect(rejects("images", { model: "flux\u0000-2", prompt: "a fox" })).toEqual({
      field: "model",
      message: "model: contains a control character (U+0000)",
    });
  });

  it("holds for nested strings, with the path of the one at fault", () => {
    expect(rejects("speech", speech([{ text: "ok" }, { text: "bad\u0007" }]))).toEqual({
      field: "dialogue[1].text",
      message: "dialogue[1].text: contains a control character (U+0007)",
    });
    expect(rejects("speech", speech([{ text: "ok", voice: "nar\nrator" }]))).toEqual({
      field: "dialogue[0].voice",
      message: "dialogue[0].voice: must be a single line (contains a line break, U+000A)",
    });
    expect(rejects("speech", speech([{ text: "\udead" }])).field).toBe("dialogue[0].text");
    expect(rejects("images", { ...flux("a fox"), input_urls: [img, img, `${img}\u0000`] })).toEqual(
      {
        field: "input_urls[2]",
        message: "input_urls[2]: contains a control character (U+0000)",
      },
    );
    expect(
      rejects("videos", {
        model: "kling-3",
        multi_shots: true,
        multi_prompt: [{ prompt: "shot\u0000", duration: 3 }],
      }).field,
    ).toBe("multi_prompt[0].prompt");
    expect(
      rejects("videos", {
        model: "kling-3",
        prompt: "a fox",
        kling_elements: [{ name: "ok" }, { name: ["fine", "bad\u009b"] }],
      }),
    ).toEqual({
      field: "kling_elements[1].name[1]",
      message: "kling_elements[1].name[1]: contains a control character (U+009B)",
    });
  });

  it("quotes odd unknown keys escaped and shortened, never raw", () => {
    const result = rejects("images", { ...flux("a fox"), "bad\u0000key": 1 });
    expect(result.field).toBe('["bad\\u0000key"]');
    expect(result.message).toBe('["bad\\u0000key"]: unknown field');
    const long = rejects("images", { ...flux("a fox"), ["k".repeat(1000)]: 1 });
    expect(long.message.length).toBeLessThan(80);
  });

  it("never quotes a bad model value back", () => {
    expect(rejects("images", { model: "x".repeat(10_000), prompt: "a fox" })).toEqual({
      field: "model",
      message: "model: unknown model for /images/generations",
    });
  });
});

describe("form counters count like the validator", () => {
  it("every prompt and text field states the limit textLength is checked against", () => {
    for (const m of models) {
      for (const f of m.fields) {
        if (f.control.kind === "prompt" || f.control.kind === "text") {
          expect(f.control.max, `${m.slug}.${f.name}`).toBeGreaterThan(0);
        }
      }
    }
    expect(chatModel.fields.length).toBeGreaterThan(0);
  });
});
