// What the user is told when a rename or a star is not saved: read from the error's type and
// param (never its English message).
import { ApiRequestError } from "@/lib/queries/api-fetch";
import { maxTaskTitleLength } from "@/lib/schemas/tasks";

export type PatchKind = "rename" | "favorite";

export interface PatchErrorText {
  title: string;
  description?: string;
}

export function patchErrorText(error: unknown, kind: PatchKind): PatchErrorText {
  const title = kind === "rename" ? "Could not rename the task" : "Could not update the favourite";
  if (!(error instanceof ApiRequestError)) {
    return { title, description: "Check your connection and try again." };
  }
  if (error.type === "not_found") {
    return { title, description: "This task was deleted elsewhere." };
  }
  if (error.type === "invalid_request" && error.param === "title") {
    return {
      title,
      description: `A name can be at most ${maxTaskTitleLength} characters, without control characters.`,
    };
  }
  if (error.type === "rate_limit") {
    return { title, description: "Too many changes at once. Try again in a moment." };
  }
  return { title, description: "Something went wrong on our side. Try again." };
}

/** What a typed name is saved as: control characters (pasted tabs, newlines) are left out. */
export function cleanTitle(typed: string): string | null {
  const plain = typed.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return plain === "" ? null : plain;
}
