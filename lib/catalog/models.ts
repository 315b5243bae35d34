// Every model on a task route, in catalog order (images, videos, music, speech, tools).
import { musicModels, speechModels } from "./audio-models";
import { imageModels } from "./image-models";
import { toolModels } from "./tool-models";
import type { ModelEntry } from "./types";
import { videoModels } from "./video-models";

export const models: readonly ModelEntry[] = [
  ...imageModels,
  ...videoModels,
  ...musicModels,
  ...speechModels,
  ...toolModels,
];
