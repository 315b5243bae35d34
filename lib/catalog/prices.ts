// Every credit number in the catalog, in one place so a person can correct it here and nowhere else.
//
// Each rule receives the request body as the upstream would see it: documented defaults filled in
// (e.g. flux-2 `type: "pro"`, kling-3 `duration: 5`) and `model` resolved to a concrete model value
// (a bare slug such as "imagen-4" becomes its default tier "imagen4"). Legacy model values such as
// "suno-v4-5" are passed through unchanged, so tables list them explicitly.
//
// Sources: SPEC §0 (wins), §9 and models.json. `uncertain: true` marks rules that are our guess at how
// a documented range is charged; the UI shows those prices as estimates. null = the docs give no price.

import { textLength } from "./text";

export type PriceRule = (body: Readonly<Record<string, unknown>>) => number | null;

export interface PriceSpec {
  rule: PriceRule;
  uncertain?: boolean;
}

function lookup(table: Readonly<Record<string, number>>, key: unknown): number | null {
  return typeof key === "string" ? (table[key] ?? null) : null;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 1;
}

const flat = (credits: number): PriceSpec => ({ rule: () => credits });

// --- Images (per image unless noted) --------------------------------------------------------

/** §9.1: pro 1K = 5, pro 2K = 7, flex 1K = 14, flex 2K = 24 (flex is the dearer one, §12.14). */
const flux2Credits: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  pro: { "1K": 5, "2K": 7 },
  flex: { "1K": 14, "2K": 24 },
};

/** §9.1: 12 credits per image, both sub-models. */
const seedreamCredits = 12;

/** §9.1: by `quality`. */
const gptImageCredits = { medium: 10, high: 28 };

/** §9.1: by tier, times `num_images`. */
const imagenCredits = { "imagen4-fast": 4, imagen4: 8, "imagen4-ultra": 12 };

/** §9.1: by sub-model. */
const grokImagineCredits = { "grok-imagine/text-to-image": 5, "grok-imagine/upscale": 12 };

/** §9.1: by `type`, times `num_images` (the page prices per image). */
const klingImageO1Credits = { "image-to-image": 6, "ai-multi-shot": 16 };

/** §9.1: by tier. */
const ideogramCredits = {
  "ideogram-v3-turbo": 8,
  "ideogram-v3-balanced": 13,
  "ideogram-v3-quality": 20,
};

// --- Videos ---------------------------------------------------------------------------------

/**
 * kling-3, GUESS: the docs give only "120–1200", "default std 5 s with sound = 300". A per-second
 * rate by mode and sound fits all three: std 3 s silent = 120, std 5 s sound = 300,
 * pro 15 s sound = 1200.
 */
const kling3CreditsPerSecond: Readonly<Record<string, { sound: number; silent: number }>> = {
  std: { sound: 60, silent: 40 },
  pro: { sound: 80, silent: 60 },
};

/**
 * seedance-1-5-pro, GUESS: docs say "8–84 per video" and "generateAudio doubles credits". A
 * per-second rate by resolution fits both ends: 480p 4 s silent = 8, 720p 12 s with audio = 84.
 */
const seedanceCreditsPerSecond = { "480p": 2, "720p": 3.5 };

/**
 * hailuo-2-3, GUESS: docs say standard 30–45, pro 45–85. Keyed tier → resolution → duration.
 * 1080P is only offered at 6 s (see the model's rule), so it has no "10" price.
 */
const hailuoCredits: Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>
> = {
  standard: { "768P": { "6": 30, "10": 45 }, "1080P": { "6": 45 } },
  pro: { "768P": { "6": 45, "10": 70 }, "1080P": { "6": 85 } },
};

/** §9.2: 24 per video, both sub-models. */
const grokVideoCredits = 24;

/** §9.2: "wan-2-6 · video · 80 credits" in a same-endpoint list; nothing else known. */
const wanCredits = 80;

// --- Audio ----------------------------------------------------------------------------------

/**
 * §9.4 newer tier table. Legacy `suno-*` names map to the tier they were renamed to; the
 * vip/pro variants of v4.0 are a GUESS (same as v4.0). The older page's "chirp-v4-0 = 5" is
 * superseded by the newer 8.
 */
const sunoCredits = {
  "chirp-v3-5": 5,
  "chirp-v4-0": 8,
  "chirp-v4-5": 10,
  "chirp-v4-5-plus": 10,
  "chirp-v5": 12,
  "chirp-v5-5": 12,
  "suno-v3-5": 5,
  "suno-v4-0": 8,
  "suno-v4-0-vip": 8,
  "suno-v4-0-pro": 8,
  "suno-v4-5": 10,
  "suno-v5-0": 12,
};

/** §9.3: at least 1 credit, then 28 per 1000 characters of dialogue text. */
const elevenlabsCreditsPer1000Chars = 28;
const elevenlabsMinimumCredits = 1;

function dialogueCharacters(dialogue: unknown): number {
  if (!Array.isArray(dialogue)) return 0;
  let total = 0;
  for (const line of dialogue as unknown[]) {
    if (
      typeof line === "object" &&
      line !== null &&
      "text" in line &&
      typeof line.text === "string"
    ) {
      // The catalog's one length rule (UTF-16 units, text.ts): the same count as the limits.
      total += textLength(line.text);
    }
  }
  return total;
}

// --- Chat -----------------------------------------------------------------------------------

/**
 * §7: newer pages pre-deduct ~5 credits per call and settle by token usage (older pages: a flat 2).
 * The real charge arrives as `credits_consumed`; this is only the figure to show beforehand.
 */
export const chatCreditsEstimate: PriceSpec = { rule: () => 5, uncertain: true };

// --- The table ------------------------------------------------------------------------------

export const prices = {
  "flux-2": {
    rule: (b) => {
      const byResolution = typeof b.type === "string" ? flux2Credits[b.type] : undefined;
      return byResolution ? lookup(byResolution, b.resolution) : null;
    },
  },
  "seedream-4-5": flat(seedreamCredits),
  "gpt-image-1.5-official": { rule: (b) => lookup(gptImageCredits, b.quality) },
  "imagen-4": {
    rule: (b) => {
      const each = lookup(imagenCredits, b.model);
      return each === null ? null : each * count(b.num_images);
    },
  },
  "grok-imagine": { rule: (b) => lookup(grokImagineCredits, b.model) },
  "kling-image-o1": {
    rule: (b) => {
      const each = lookup(klingImageO1Credits, b.type);
      return each === null ? null : each * count(b.num_images);
    },
  },
  "ideogram-v3": { rule: (b) => lookup(ideogramCredits, b.model) },

  "kling-3": {
    uncertain: true,
    rule: (b) => {
      const rates = typeof b.mode === "string" ? kling3CreditsPerSecond[b.mode] : undefined;
      if (!rates || typeof b.duration !== "number") return null;
      return (b.sound === false ? rates.silent : rates.sound) * b.duration;
    },
  },
  "seedance-1-5-pro": {
    uncertain: true,
    rule: (b) => {
      const perSecond = lookup(seedanceCreditsPerSecond, b.resolution);
      const seconds = typeof b.duration === "string" ? Number(b.duration) : NaN;
      if (perSecond === null || !Number.isFinite(seconds)) return null;
      return Math.ceil(perSecond * seconds * (b.generateAudio === true ? 2 : 1));
    },
  },
  "hailuo-2-3": {
    uncertain: true,
    rule: (b) => {
      const tier = b.model === "hailuo/2-3-image-to-video-pro" ? "pro" : "standard";
      const byDuration =
        typeof b.resolution === "string" ? hailuoCredits[tier]?.[b.resolution] : undefined;
      return byDuration ? lookup(byDuration, b.duration) : null;
    },
  },
  "grok-video": flat(grokVideoCredits),
  "wan-2-6": { ...flat(wanCredits), uncertain: true },
  // PixVerse is named in §0 only; no price anywhere.
  pixverse: { rule: () => null },

  suno: { rule: (b) => lookup(sunoCredits, b.model) },
  // MiniMax Music is named in §0 only; no price anywhere.
  "minimax-music": { rule: () => null },
  "elevenlabs-v3": {
    rule: (b) => {
      const perThousand = (elevenlabsCreditsPer1000Chars * dialogueCharacters(b.dialogue)) / 1000;
      return Math.max(elevenlabsMinimumCredits, Math.ceil(perThousand));
    },
  },

  // §0: remove-bg 1 per image, face-swap 4 (older pages: 3), video bg-remover 10; §9.6: upscale 1.
  "bg-remover": flat(1),
  "face-swap": flat(4),
  "image-upscale": flat(1),
  "video-bg-remover": flat(10),
} satisfies Record<string, PriceSpec>;

export type PricedSlug = keyof typeof prices;
