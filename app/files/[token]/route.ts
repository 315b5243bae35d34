// GET/HEAD /files/{token} — an uploaded input, public to whoever holds the unguessable URL (the
// upstream fetches it from here), with its sniffed Content-Type and single byte ranges.
import { serveUpload } from "@/lib/server/uploads/serve-upload";

export const dynamic = "force-dynamic";

type Segment = { params: Promise<{ token: string }> };

export async function GET(req: Request, { params }: Segment): Promise<Response> {
  return serveUpload(req, (await params).token);
}

export async function HEAD(req: Request, { params }: Segment): Promise<Response> {
  return serveUpload(req, (await params).token);
}
