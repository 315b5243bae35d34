// Output downloads: GET/HEAD /files/<task_id>/<n>.<ext>, no auth (the task id is unguessable), with
// single-range support so <video>/<audio> can seek and resumable downloads work.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendError } from "./http-io";
import type { SimulatorState } from "./state";
import { outputFile, taskStatus } from "./tasks";

type ByteRange = { start: number; end: number } | "unsatisfiable" | null;

/**
 * Parses `bytes=a-b`, `bytes=a-` and `bytes=-n`. Multiple ranges and malformed headers are
 * ignored (RFC 9110 lets a server answer 200 with the whole file); impossible ranges are 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? "").trim());
  if (!match) return null;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return null;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

export function serveFile(
  state: SimulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): void {
  if (req.method === "OPTIONS") {
    // CORS preflight for fetch() with a Range header from the app's origin.
    res.writeHead(204, {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, HEAD",
      "Access-Control-Allow-Headers": "Range",
      "Access-Control-Max-Age": "600",
    });
    res.end();
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, "invalid_request", `Method ${req.method ?? ""} not allowed`, {
      code: 405,
      headers: { Allow: "GET, HEAD, OPTIONS" },
    });
    return;
  }
  const match = /^\/files\/([A-Za-z0-9_-]+)\/(\d+)\.([a-z0-9]+)$/.exec(pathname);
  const task = match?.[1] ? state.tasks.get(match[1]) : undefined;
  const index = Number(match?.[2] ?? -1);
  if (!match || !task || task.outputs.ext !== match[3] || index >= task.outputs.count) {
    sendError(res, "not_found", "File not found");
    return;
  }
  if (taskStatus(state, task) !== "SUCCESS") {
    sendError(res, "not_found", "File not found: the task has not succeeded");
    return;
  }
  const { bytes, contentType } = outputFile(state, task, index);
  const headers: Record<string, string | number> = {
    "Content-Type": contentType,
    "Accept-Ranges": "bytes",
    // Files never change once a task has succeeded.
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: `"${task.id}-${index}"`,
    // Players and waveform libraries fetch media cross-origin from the app.
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Content-Length, Content-Range, Accept-Ranges",
  };
  const range = parseRange(req.headers.range, bytes.length);
  if (range === "unsatisfiable") {
    res.writeHead(416, {
      ...headers,
      "Content-Range": `bytes */${bytes.length}`,
      "Content-Length": 0,
    });
    res.end();
    return;
  }
  const body = range ? bytes.subarray(range.start, range.end + 1) : bytes;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    "Content-Length": body.length,
    ...(range ? { "Content-Range": `bytes ${range.start}-${range.end}/${bytes.length}` } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
