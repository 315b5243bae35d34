// Names for downloaded outputs: what the file shows in a Downloads folder should say what it is
// ("a-red-fox-in-snow_flux-2_1.png"), not "0.png". Our stored copies are served with that name
// through `?download=`; an upstream URL we never copied can only be linked as it is.
import type { OutputKind } from "@/lib/catalog";

const maxStemLength = 48;

const defaultExtension: Record<OutputKind, string> = { image: "png", video: "mp4", audio: "mp3" };

/** Lowercase ASCII words joined by "-", cut at a word boundary; "" when nothing is left. */
export function slugify(text: string, max = maxStemLength): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  let stem = "";
  for (const word of words) {
    const next = stem ? `${stem}-${word}` : word;
    if (next.length > max) return stem || word.slice(0, max);
    stem = next;
  }
  return stem;
}

/** The extension of a URL's last path segment ("png"), if it has a short alphanumeric one. */
export function urlExtension(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const last = new URL(url).pathname.split("/").pop() ?? "";
    const match = /\.([a-z0-9]{2,5})$/i.exec(last);
    return match?.[1]?.toLowerCase();
  } catch {
    return undefined;
  }
}

export interface DownloadNameInput {
  /** The owner's name for the task: wins over the prompt. */
  title: string | null;
  prompt: string | null;
  /** Catalog slug, e.g. "flux-2". */
  model: string;
  output: OutputKind;
  /** 0-based position among the task's outputs. */
  index: number;
  /** The upstream's URL of this output: its extension names the file type. */
  originalUrl?: string;
  /** When the task was created (ISO): its day goes into the name, so reruns sort apart. */
  createdAt?: string;
}

/** "2026-12-03" from an ISO time, or undefined when it is not one. */
function isoDay(value: string | undefined): string | undefined {
  const day = /^(\d{4}-\d{2}-\d{2})T/.exec(value ?? "")?.[1];
  return day !== undefined && !Number.isNaN(Date.parse(value ?? "")) ? day : undefined;
}

export function downloadName(input: DownloadNameInput): string {
  const words = slugify(input.title ?? "") || slugify(input.prompt ?? "") || input.output;
  const model = slugify(input.model, 32) || "model";
  const extension = urlExtension(input.originalUrl) ?? defaultExtension[input.output];
  const day = isoDay(input.createdAt);
  return `${words}_${model}${day ? `_${day}` : ""}_${input.index + 1}.${extension}`;
}

/**
 * Is this one of our stored files (`<studio origin>/files/<token>`), which can be served under a
 * name? Another server's `/files/…` is not: it would not know `?download=`.
 */
export function isStoredFileUrl(url: string, studioOrigin: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.origin === new URL(studioOrigin).origin && /^\/files\/[^/]+$/.test(parsed.pathname)
    );
  } catch {
    return false;
  }
}

/** The link that downloads `url` as `name` where we serve the file; the URL itself otherwise. */
export function downloadHref(url: string, name: string, studioOrigin: string): string {
  if (!isStoredFileUrl(url, studioOrigin)) return url;
  const link = new URL(url);
  link.searchParams.set("download", name);
  return link.toString();
}
