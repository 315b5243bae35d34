// The model catalog's types: one entry per model, shared by forms, our routes and the simulator.
import type { z } from "zod";

/** The upstream routes that take a model body (chat is described separately). */
export const routeIds = [
  "images",
  "videos",
  "music",
  "speech",
  "remove-bg",
  "face-swap",
  "upscale",
  "video-bg-remover",
] as const;
export type RouteId = (typeof routeIds)[number];

export interface RouteInfo {
  id: RouteId;
  /** Path below the base URL, e.g. "/images/generations". */
  path: string;
  label: string;
  /** Required on every generation route; remove-bg alone needs none (SPEC §0). */
  modelField: "required" | "optional" | "none";
}

export type OutputKind = "image" | "video" | "audio";

/** How a form renders one field; the schema stays the source of truth for validation. */
export type FieldControl =
  | { kind: "prompt"; min?: number; max?: number }
  | { kind: "text"; max?: number }
  | { kind: "select"; options: readonly (string | number)[] }
  | { kind: "aspect-ratio"; options: readonly string[] }
  | { kind: "slider"; min: number; max: number; step: number }
  | { kind: "number"; min?: number; max?: number; integer?: boolean }
  | { kind: "switch" }
  | { kind: "image-url" }
  | { kind: "image-urls"; maxItems?: number }
  | { kind: "video-url" }
  | { kind: "dialogue" };

export interface FieldInfo {
  name: string;
  label: string;
  help?: string;
  required: boolean;
  default?: unknown;
  control: FieldControl;
  /** Facts the public docs leave open; forms show a quiet "few details are published" hint. */
  uncertain?: boolean;
}

export interface ModelEntry {
  /** Catalog slug, e.g. "flux-2" (unique across the catalog). */
  slug: string;
  route: RouteId;
  label: string;
  provider: string;
  /** Values accepted in the body's `model` field; the first is the default. Empty on remove-bg (needs none). */
  modelValues: readonly string[];
  /** Human labels for the model values (tiers), same order. */
  modelValueLabels?: readonly string[];
  /**
   * Further `model` values the upstream has been documented to accept but forms never offer:
   * older spellings (legacy `suno-v4-5`) and, on tool routes, the tolerated slug. The slug itself
   * is always accepted and need not be listed.
   */
  modelAliases?: readonly string[];
  /** Typical task duration in seconds [min, max] (SPEC §6.5). */
  typicalSeconds: readonly [number, number];
  output: OutputKind;
  /** The request body schema (including `model` where the route takes it): strict, so unknown fields are refused. */
  schema: z.ZodType<Record<string, unknown>>;
  /** Fields in form order. */
  fields: readonly FieldInfo[];
  /** Credits this body would cost, or null where the docs do not say. Assumes a body that passed `schema`. */
  price: (body: Record<string, unknown>) => number | null;
  /** The price rule is our guess at how the documented range is charged (see prices.ts). */
  priceUncertain?: boolean;
  /** How many output files a task of this body yields. */
  outputCount: (body: Record<string, unknown>) => number;
  /** Whole entry is a guess from the docs (models.json `uncertain`). */
  uncertain?: boolean;
  webhook: boolean;
  /** Body fields holding URLs the upstream fetches (callback_url included), in form order. */
  urlFields: readonly UrlField[];
}

export interface UrlField {
  name: string;
  /** "url": one URL; "url-list": an array of URLs; "json": any http(s) string inside the value. */
  carrier: "url" | "url-list" | "json";
}
