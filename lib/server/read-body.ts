// Reads a JSON request body within limits, before anything else looks at it: the declared length
// is checked first, the stream is cut at the cap, then the nesting depth is checked before parsing
// (JSON.parse recurses, so 10,000 levels would otherwise overflow the stack).
import "server-only";
import { getEnv } from "@/lib/env";
import { ApiError, invalid } from "./api-error";

/** Deep enough for any documented body (chat tools' JSON schemas included), far below a stack overflow. */
export const maxJsonDepth = 64;

/** MAX_JSON_BODY_BYTES (1 MB unless configured). */
export function maxJsonBodyBytes(): number {
  return getEnv().MAX_JSON_BODY_BYTES;
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(413, "invalid_request", `body: larger than the ${formatBytes(limit)} limit`, {
    param: "body",
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} bytes`;
}

/** Refuses a request whose Content-Length already says it is over the limit: nothing is read. */
export function checkDeclaredLength(req: Request, limit: number): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    throw tooLarge(limit);
  }
}

/** The body's bytes, at most `limit` of them; a longer stream is cancelled and refused. */
export async function readBoundedBytes(req: Request, limit: number): Promise<Uint8Array> {
  checkDeclaredLength(req, limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Cut here: the rest is never read, so the answer goes out now and memory stays flat.
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Deepest array/object nesting of a JSON text, stopping as soon as it passes `max`. */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The parsed JSON body; 413 past `limit`, 400 for bad UTF-8, too deep nesting or invalid JSON. */
export async function readJsonBody(req: Request, limit = maxJsonBodyBytes()): Promise<unknown> {
  const bytes = await readBoundedBytes(req, limit);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw invalid("body: is not valid UTF-8", "body");
  }
  if (text.trim() === "") throw invalid("body: must be a JSON object (the body is empty)", "body");
  if (exceedsDepth(text, maxJsonDepth)) {
    throw invalid(`body: nested deeper than ${maxJsonDepth} levels`, "body");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid("body: is not valid JSON", "body");
  }
}
