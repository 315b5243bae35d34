// GET/HEAD /demo/files/{task_id}/{n}.{ext} — the demo simulator's output files, served from the
// Studio's own origin (the simulator listens on loopback only). Like the upstream's media URLs,
// they are public to whoever holds the unguessable task id; single byte ranges pass through so
// players can seek.
import { runningDemoSimulator } from "@/lib/server/upstream-target";

export const dynamic = "force-dynamic";

type Segment = { params: Promise<{ path: string[] }> };

const taskIdPattern = /^[A-Za-z0-9_-]{1,128}$/;
const filePattern = /^\d{1,3}\.[a-z0-9]{2,5}$/;
const passedHeaders = [
  "content-type",
  "content-length",
  "content-range",
  "accept-ranges",
  "cache-control",
  "etag",
  "last-modified",
];

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
}

async function serve(req: Request, { params }: Segment): Promise<Response> {
  const segments = (await params).path;
  const [taskId, file] = segments;
  const sim = runningDemoSimulator();
  if (segments.length !== 2 || !taskIdPattern.test(taskId ?? "") || !filePattern.test(file ?? ""))
    return notFound();
  if (!sim) return notFound();
  const range = req.headers.get("range");
  const upstream = await fetch(`${(await sim).origin}/files/${taskId}/${file}`, {
    method: req.method,
    headers: range ? { Range: range } : {},
    cache: "no-store",
  });
  const headers = new Headers();
  for (const name of passedHeaders) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(req.method === "HEAD" ? null : upstream.body, {
    status: upstream.status,
    headers,
  });
}

export const GET = serve;
export const HEAD = serve;
