// Uploads a file to the Studio, which serves it under PUBLIC_URL for the upstream to fetch.
import { ApiRequestError, apiFetch } from "@/lib/queries/api-fetch";
import { maxUploadBytes } from "@/lib/schemas/tasks";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export async function uploadFile(file: File): Promise<string> {
  if (file.size > maxUploadBytes) {
    // Said before sending 25 MB for nothing.
    throw new ApiRequestError(413, "invalid_request", "too large");
  }
  const form = new FormData();
  form.append("file", file);
  const payload = await apiFetch<unknown>("/api/v1/uploads", { method: "POST", body: form });
  const holder = isRecord(payload) && isRecord(payload.data) ? payload.data : payload;
  if (isRecord(holder) && typeof holder.url === "string") return holder.url;
  throw new ApiRequestError(502, "server_error", "The upload finished without a URL. Try again.");
}

export function describeUploadError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 409) {
      return "Uploads need PUBLIC_URL: the upstream cannot reach files on this machine";
    }
    if (error.status === 413 && error.message.startsWith("file: upload quota")) {
      // "file: upload quota reached — …": the server's sentence says what is used and when it frees.
      return `Upload quota reached${error.message.slice("file: upload quota reached".length)}`;
    }
    if (error.status === 413) {
      return `That file is too large: uploads take up to ${Math.round(maxUploadBytes / 1024 / 1024)} MB.`;
    }
    return error.message;
  }
  return "The upload did not reach the Studio. Check your connection and try again.";
}
