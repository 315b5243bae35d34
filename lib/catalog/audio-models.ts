// Music (POST /audio/music, SPEC §0, §9.4) and speech (POST /audio/speech, §9.3) models.
import { defineModel, isFilledString, lengthOf } from "./define-model";
import {
  dialogueParam,
  promptParam,
  selectParam,
  sliderParam,
  switchParam,
  textParam,
} from "./params";
import { prices } from "./prices";
import { caps } from "./text";

// §0: custom-mode lyrics are ≤3000 characters on v3.5/v4 and ≤5000 from v4.5 on. "suno" alone
// means the default tier, chirp-v3-5.
const sunoShortPromptTiers = new Set([
  "suno",
  "chirp-v3-5",
  "chirp-v4-0",
  "suno-v3-5",
  "suno-v4-0",
  "suno-v4-0-vip",
  "suno-v4-0-pro",
]);
const sunoShortPromptMax = 3000;

const unitWeight = (name: string, label: string, help: string) =>
  // These three appear on the model page only, not in the generate docs.
  sliderParam(name, label, { min: 0, max: 1, step: 0.05, help, uncertain: true });

export const suno = defineModel({
  slug: "suno",
  route: "music",
  label: "Suno",
  provider: "Suno AI",
  modelValues: [
    "chirp-v3-5",
    "chirp-v4-0",
    "chirp-v4-5",
    "chirp-v4-5-plus",
    "chirp-v5",
    "chirp-v5-5",
  ],
  modelValueLabels: ["v3.5", "v4", "v4.5", "v4.5 Plus", "v5", "v5.5"],
  // Older pages' tier names (§12.7); still accepted, never offered.
  modelAliases: [
    "suno-v3-5",
    "suno-v4-0",
    "suno-v4-0-vip",
    "suno-v4-0-pro",
    "suno-v4-5",
    "suno-v5-0",
  ],
  modelField: { label: "Version" },
  typicalSeconds: [30, 90],
  output: "audio",
  webhook: true,
  params: [
    promptParam({
      name: "gpt_description_prompt",
      label: "Describe the song",
      max: 400,
      required: false,
      help: "Lyrics and style are chosen for you. Or leave this empty and write your own lyrics.",
    }),
    promptParam({
      label: "Lyrics",
      max: 5000,
      required: false,
      help: "Your own lyrics or a detailed prompt (3000 characters on v3.5 and v4).",
    }),
    textParam("style", "Style", {
      max: 1000,
      multiline: true,
      help: "Genre and mood, e.g. dreamy synth-pop.",
    }),
    textParam("title", "Title", { max: 80 }),
    switchParam("make_instrumental", "Instrumental", { default: false }),
    // No published limit; 1000 is ours, as long as the longest published style.
    textParam("tags", "Avoid", {
      max: 1000,
      multiline: true,
      help: "Negative tags: styles or elements to keep out.",
    }),
    selectParam("gender", "Vocal gender", ["male", "female"], { uncertain: true }),
    unitWeight("style_weight", "Style weight", "How strongly to follow the style."),
    unitWeight("weirdness_constraint", "Weirdness", "Higher is more experimental."),
    unitWeight("audio_weight", "Audio weight", "How strongly to follow reference audio."),
  ],
  rules: [
    // Pointed at the description, the form's first field: the easy way in for a newcomer.
    (b) =>
      !isFilledString(b.prompt) && !isFilledString(b.gpt_description_prompt)
        ? {
            field: "gpt_description_prompt",
            message: "required for inspiration mode, or send prompt (lyrics) for custom mode",
            hint: "Describe the song, or write your own lyrics below.",
          }
        : undefined,
    (b) => {
      const tier = typeof b.model === "string" ? b.model : "";
      const length = lengthOf(b.prompt);
      if (!sunoShortPromptTiers.has(tier) || length <= sunoShortPromptMax) return undefined;
      return {
        field: "prompt",
        message: `must be at most ${sunoShortPromptMax} characters on Suno v3.5 and v4 (got ${length}); v4.5 and later take 5000`,
      };
    },
  ],
  price: prices.suno,
  // Every Suno generation yields two variations (§9.4).
  outputCount: () => 2,
});

export const minimaxMusic = defineModel({
  slug: "minimax-music",
  route: "music",
  label: "MiniMax Music",
  provider: "MiniMax",
  modelValues: ["minimax-music"],
  typicalSeconds: [30, 90],
  output: "audio",
  webhook: false,
  uncertain: true,
  params: [
    // §0 names only `prompt` (a style description); that it is required is a guess, the cap ours.
    promptParam({
      min: 1,
      max: caps.freeText,
      label: "Style description",
      uncertain: true,
      help: "Describe the music you want.",
    }),
  ],
  price: prices["minimax-music"],
});

export const elevenlabsV3 = defineModel({
  slug: "elevenlabs-v3",
  route: "speech",
  label: "ElevenLabs V3",
  provider: "ElevenLabs",
  modelValues: ["elevenlabs-v3"],
  typicalSeconds: [3, 10],
  output: "audio",
  webhook: true,
  params: [
    dialogueParam({ help: "One line per speaker turn; voice is optional (e.g. narrator)." }),
    sliderParam("stability", "Stability", {
      min: 0,
      max: 1,
      step: 0.05,
      default: 0.5,
      help: "Lower gives more varied delivery.",
    }),
    textParam("language_code", "Language", {
      max: caps.languageCode,
      default: "auto",
      help: "auto, or a code such as en, zh, ja.",
    }),
  ],
  price: prices["elevenlabs-v3"],
});

export const musicModels = [suno, minimaxMusic] as const;
export const speechModels = [elevenlabsV3] as const;
