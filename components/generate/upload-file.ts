// Uploads a file to the Studio, which serves it under PUBLIC_URL for the upstream to fetch.
import { ApiRequestError, apiFetch } from "@/lib/queries/api-fetch";
import { maxUploadBytes, uploadReplySchema } from "@/lib/schemas/tasks";

/** Said when this server cannot take uploads (it has no address the upstream could fetch from). */
export const noUploadsMessage =
  "Files can't be uploaded here: uploading needs this Studio to be reachable from the internet (ask whoever runs it). Paste a link to the file instead, or pick one of your earlier results.";

export async function uploadFile(file: File): Promise<string> {
  if (file.size > maxUploadBytes) {
    // Said before sending 25 MB for nothing.
    throw new ApiRequestError({ status: 413, type: "invalid_request", message: "", param: "file" });
  }
  const form = new FormData();
  form.append("file", file);
  const reply = await apiFetch("/api/v1/uploads", uploadReplySchema, {
    method: "POST",
    body: form,
  });
  return reply.url;
}

/** "file: upload quota reached — …" → "Upload quota reached — …": the server's own sentence. */
function withoutFieldPrefix(message: string): string {
  const text = message.startsWith("file: ") ? message.slice("file: ".length) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describeUploadError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 409) {
      return noUploadsMessage;
    }
    // The quota sentence says what is used and when it frees; the size limit we say ourselves.
    if (error.type === "quota_exceeded") return withoutFieldPrefix(error.message);
    if (error.status === 413) {
      return `That file is too large: uploads take up to ${Math.round(maxUploadBytes / 1024 / 1024)} MB.`;
    }
    return error.param === "file" ? withoutFieldPrefix(error.message) : error.message;
  }
  return "The upload did not reach the Studio. Check your connection and try again.";
}
