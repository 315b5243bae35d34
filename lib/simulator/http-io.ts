// Small helpers over node:http so handlers read as intent: read a JSON body, answer JSON or an
// error in the upstream's one error shape.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, type ErrorType } from "../schemas/api";

const maxBodyBytes = 1024 * 1024;

export type JsonBody = { ok: true; body: Record<string, unknown> } | { ok: false; message: string };

/** Reads the request body as a JSON object; anything else is a 400 for the caller to send. */
export async function readJsonObject(req: IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > maxBodyBytes) return { ok: false, message: "Request body is larger than 1 MB" };
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { ok: false, message: "Request body must be a JSON object" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: "Request body is not valid JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: "Request body must be a JSON object" };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}

/**
 * sendJson, but the body trickles out in about ten pieces over `overMs` (a slow upstream link):
 * the headers at once, the last byte late. A client that gives up mid-body just closes.
 */
export function sendJsonSlowly(
  res: ServerResponse,
  status: number,
  payload: unknown,
  overMs: number,
  schedule: (run: () => void, ms: number) => unknown = setTimeout,
): void {
  const bytes = Buffer.from(JSON.stringify(payload));
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": bytes.byteLength,
    "Cache-Control": "no-store",
  });
  const pieces = 10;
  const size = Math.ceil(bytes.byteLength / pieces);
  const writePiece = (i: number) => {
    if (res.destroyed) return;
    const piece = bytes.subarray(i * size, (i + 1) * size);
    if (i >= pieces - 1 || (i + 1) * size >= bytes.byteLength) {
      res.end(piece);
      return;
    }
    res.write(piece);
    schedule(() => writePiece(i + 1), overMs / pieces);
  };
  writePiece(0);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  type: ErrorType,
  message: string,
  options: { code?: number; headers?: Record<string, string> } = {},
): void {
  const body = errorBody(type, message, options.code);
  sendJson(res, body.error.code, body, options.headers);
}

/** The origin the caller used, so output URLs work whatever port or host name reached us. */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? `http://${host}` : fallback;
}
