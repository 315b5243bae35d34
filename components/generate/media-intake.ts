// What a drop or a paste brings into a media field: a file of the field's kind (to upload), or a
// web address (an image dragged from another page). Pure, so it is tested without a browser.
import { isHttpUrl } from "@/lib/catalog";
import type { MediaKind } from "./earlier-outputs-query";

export type Intake = { file: File } | { url: string } | { wrongKind: true } | undefined;

interface TransferLike {
  files?: ArrayLike<File> | null;
  getData?: (format: string) => string;
}

function firstUrl(text: string): string | undefined {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== "" && !l.startsWith("#"));
  return line && isHttpUrl(line) ? line : undefined;
}

/** The first usable thing in a DataTransfer (drop) or clipboard (paste) for a field of `kind`. */
export function readIntake(data: TransferLike | null | undefined, kind: MediaKind): Intake {
  if (!data) return undefined;
  const files = Array.from(data.files ?? []);
  const file = files.find((f) => f.type.startsWith(`${kind}/`));
  if (file) return { file };
  if (files.length > 0) return { wrongKind: true };
  const url = firstUrl(data.getData?.("text/uri-list") ?? "");
  return url ? { url } : undefined;
}

/** Whether a drag carries files (its types are readable during dragover, its files are not). */
export function dragHasFiles(types: readonly string[] | undefined): boolean {
  return types?.includes("Files") ?? false;
}

/** Focus is somewhere typing goes (another field): a page-wide paste is not ours then. */
export function isEditable(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLElement && element.isContentEditable) return true;
  return (
    element.tagName === "TEXTAREA" ||
    (element.tagName === "INPUT" && element.getAttribute("type") !== "checkbox")
  );
}
