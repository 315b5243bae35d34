// GET/HEAD /demo/files/{task_id}/{n}.{ext} — the demo simulator's output files, served from the
// Studio's own origin (the simulator listens on loopback only, on a port that changes with every
// start). Like the upstream's media URLs, they are public to whoever holds the unguessable task
// id; single byte ranges pass through so players can seek. After a restart the first request may
// be for a file, so this starts the demo simulator (which reloads its tasks) when it is not up.
import { z } from "zod";
import { notFound } from "@/lib/server/api-error";
import { definePublicRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import { getDemoSimulator } from "@/lib/server/upstream-target";

export const dynamic = "force-dynamic";

const params = z.object({
  path: z.tuple([
    z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
    z.string().regex(/^\d{1,3}\.[a-z0-9]{2,5}$/),
  ]),
});
const passedHeaders = [
  "content-type",
  "content-length",
  "content-range",
  "accept-ranges",
  "cache-control",
  "etag",
  "last-modified",
  // Waveform and player libraries fetch media cross-origin (e.g. a page on 127.0.0.1).
  "access-control-allow-origin",
  "access-control-expose-headers",
];

const serve = definePublicRoute({ params }, async ({ req, params }) => {
  const sim = await getDemoSimulator();
  const [taskId, file] = params.path;
  const range = req.headers.get("range");
  const upstream = await fetch(`${sim.origin}/files/${taskId}/${file}`, {
    method: req.method,
    headers: range ? { Range: range } : {},
    cache: "no-store",
  });
  if (upstream.status === 404) {
    // Not awaited: Next's instrumented fetch can leave a cancel pending forever.
    void upstream.body?.cancel().catch(() => {});
    throw notFound("File");
  }
  const headers = new Headers();
  for (const name of passedHeaders) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(req.method === "HEAD" ? null : upstream.body, {
    status: upstream.status,
    headers,
  });
});

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({ GET: serve });
