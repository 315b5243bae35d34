// Example prompts the forms offer as one-click starting points, keyed by catalog slug and then by
// the field they fill. Every model with a prompt-like field (a prompt, a song description, lyrics,
// a dialogue) has three or four, varied in subject and style, each within that field's limits.

export interface DialogueExampleLine {
  voice?: string;
  text: string;
}

/** A chip's short label and what it fills: text for a prompt field, lines for a dialogue. */
export type PromptExample =
  { label: string; text: string } | { label: string; lines: readonly DialogueExampleLine[] };

type ModelExamples = Readonly<Record<string, readonly PromptExample[]>>;

const photoImages: readonly PromptExample[] = [
  {
    label: "Fox in snow",
    text: "A red fox curled up asleep in fresh snow at dawn, soft golden light, shallow depth of field, wildlife photography",
  },
  {
    label: "Tokyo alley",
    text: "A narrow Tokyo alley at night after rain, neon signs reflected in puddles, a lone cyclist, cinematic 35mm film look",
  },
  {
    label: "Cozy reading nook",
    text: "A cozy reading nook by a large window, stacked books, a steaming mug of tea, warm afternoon light, interior design magazine photo",
  },
  {
    label: "Product shot",
    text: "Studio product photo of a matte ceramic coffee cup on a pastel pink background, soft shadows, minimalist composition",
  },
];

const artImages: readonly PromptExample[] = [
  {
    label: "Watercolor village",
    text: "A watercolor painting of a hillside village in Provence, lavender fields, loose brush strokes, white paper showing through",
  },
  {
    label: "Isometric island",
    text: "An isometric 3D illustration of a tiny floating island with a lighthouse and a waterfall, pastel colors, clean render",
  },
  {
    label: "Astronaut portrait",
    text: "Portrait of an astronaut with flowers growing inside the helmet visor, dreamy, surreal, highly detailed oil painting",
  },
  {
    label: "Ramen shop poster",
    text: 'A retro travel poster for a ramen shop, bold flat shapes, limited palette of red, cream and navy, the words "HOT RAMEN"',
  },
];

const typographyImages: readonly PromptExample[] = [
  {
    label: "Bakery logo",
    text: 'A hand-lettered logo for a bakery called "Morning Crumb", warm brown and cream, a small wheat illustration, clean white background',
  },
  {
    label: "Concert poster",
    text: 'A bold Swiss-style concert poster reading "NIGHT SIGNALS — LIVE", geometric shapes, orange and black, grid layout',
  },
  {
    label: "Neon sign",
    text: 'A pink neon sign that says "open late" glowing on a dark brick wall, slight haze, photographic',
  },
  {
    label: "Book cover",
    text: 'A minimalist book cover titled "The Quiet Orbit", a single small planet on deep blue, elegant serif type',
  },
];

const videos: readonly PromptExample[] = [
  {
    label: "Ocean drone shot",
    text: "A slow drone shot flying over turquoise waves breaking on a black sand beach at sunset, cinematic",
  },
  {
    label: "Barista latte art",
    text: "Close-up of a barista pouring latte art in slow motion, steam rising, warm café light, shallow focus",
  },
  {
    label: "Paper boat",
    text: "A paper boat drifting down a rain-filled street gutter, camera following at water level, reflections of city lights",
  },
  {
    label: "Fox in a forest",
    text: "A curious fox walks through a misty autumn forest and looks at the camera, leaves falling, soft morning light",
  },
];

const songDescriptions: readonly PromptExample[] = [
  {
    label: "Sea shanty",
    text: "A rousing sea shanty about a lighthouse keeper waiting for a ship, stomping rhythm, group vocals",
  },
  {
    label: "Lo-fi study",
    text: "Chill lo-fi hip hop for studying on a rainy evening, soft piano, vinyl crackle",
  },
  {
    label: "Synthwave drive",
    text: "An upbeat 80s synthwave track about driving through the city at midnight, female vocals",
  },
  {
    label: "Acoustic lullaby",
    text: "A gentle acoustic lullaby with fingerpicked guitar and a soft male voice, about counting stars",
  },
];

const lyrics: readonly PromptExample[] = [
  {
    label: "Summer chorus",
    text: "[Verse]\nWindows down and the radio on\nChasing the sun till the day is gone\n\n[Chorus]\nOh, summer, don't you fade away\nStay a little longer, stay",
  },
  {
    label: "City rain",
    text: "[Verse]\nNeon on the pavement, rain on my coat\nEvery little puddle holds a song I wrote\n\n[Chorus]\nCity rain, wash it all away",
  },
  {
    label: "Road home",
    text: "[Verse]\nMiles of open highway, dust upon my boots\nI left a lot of things behind but never lost my roots\n\n[Chorus]\nTake me down the road back home",
  },
];

const minimaxSongs: readonly PromptExample[] = [
  {
    label: "Jazz café",
    text: "Smooth jazz for a late-night café, brushed drums, upright bass, mellow saxophone",
  },
  {
    label: "Epic trailer",
    text: "Epic orchestral trailer music, thundering drums, soaring strings, heroic brass",
  },
  {
    label: "Indie pop",
    text: "Bright indie pop with jangly guitars and handclaps about a first summer love",
  },
  {
    label: "Ambient calm",
    text: "Calm ambient soundscape with warm pads and distant chimes for meditation",
  },
];

const dialogues: readonly PromptExample[] = [
  {
    label: "Podcast intro",
    lines: [
      { text: "Welcome back to the show! Today we're talking about the science of sleep." },
      { text: "And I promise, nobody will fall asleep. Probably." },
    ],
  },
  {
    label: "Bedtime story",
    lines: [
      {
        text: "Once upon a time, in a village at the edge of a great forest, there lived a very small dragon.",
      },
    ],
  },
  {
    label: "Shop greeting",
    lines: [
      { text: "Good morning! What can I get started for you today?" },
      { text: "A large cappuccino, please, and one of those cinnamon rolls." },
      { text: "Great choice. They came out of the oven five minutes ago." },
    ],
  },
  {
    label: "Announcement",
    lines: [
      {
        text: "Attention, passengers: the 9:15 train to Edinburgh will now depart from platform four.",
      },
    ],
  },
];

export const promptExamples: Readonly<Record<string, ModelExamples>> = {
  "flux-2": { prompt: photoImages },
  "seedream-4-5": { prompt: artImages },
  "gpt-image-1.5-official": { prompt: typographyImages },
  "imagen-4": { prompt: photoImages },
  "grok-imagine": { prompt: artImages },
  "kling-image-o1": { prompt: photoImages },
  "ideogram-v3": { prompt: typographyImages },
  "kling-3": { prompt: videos },
  "seedance-1-5-pro": { prompt: videos },
  "hailuo-2-3": { prompt: videos },
  "grok-video": { prompt: videos },
  "wan-2-6": { prompt: videos },
  pixverse: { prompt: videos },
  suno: { gpt_description_prompt: songDescriptions, prompt: lyrics },
  "minimax-music": { prompt: minimaxSongs },
  "elevenlabs-v3": { dialogue: dialogues },
};

/** The examples for one field of one model, or none. */
export function examplesFor(slug: string, field: string): readonly PromptExample[] {
  return promptExamples[slug]?.[field] ?? [];
}
