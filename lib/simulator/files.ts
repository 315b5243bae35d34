// Output downloads: GET/HEAD /files/<task_id>/<n>.<ext>, no auth (the task id is unguessable), with
// single-range support (lib/http/byte-range) so <video>/<audio> can seek and downloads resume.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseByteRange } from "../http/byte-range";
import { sendError } from "./http-io";
import type { SimulatorState } from "./state";
import { outputFile, taskStatus } from "./tasks";

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
  if (task.filesExpired) {
    sendError(res, "not_found", "File not found: it has expired");
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
  const range = parseByteRange(req.headers.range, bytes.length);
  if (range.kind === "unsatisfiable") {
    res.writeHead(416, {
      ...headers,
      "Content-Range": `bytes */${bytes.length}`,
      "Content-Length": 0,
    });
    res.end();
    return;
  }
  const partial = range.kind === "partial" ? range : null;
  const body = partial ? bytes.subarray(partial.start, partial.end + 1) : bytes;
  res.writeHead(partial ? 206 : 200, {
    ...headers,
    "Content-Length": body.length,
    ...(partial
      ? { "Content-Range": `bytes ${partial.start}-${partial.end}/${bytes.length}` }
      : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
