// Small JSON answers (task creation, status polling, every error), marked no-transform: Next would
// otherwise gzip a few hundred bytes on every call (the body is streamed, so no size threshold
// applies), which costs both ends more time than the bytes it saves.
import "server-only";
export function jsonAnswer(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return Response.json(body, {
    status: init.status ?? 200,
    headers: { "Cache-Control": "no-store, no-transform", ...init.headers },
  });
}
