// GET/HEAD /files/{token} — an uploaded input, public to whoever holds the unguessable URL (the
// upstream fetches it from here), with its sniffed Content-Type and single byte ranges.
import { z } from "zod";
import { definePublicRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import { serveUpload } from "@/lib/server/uploads/serve-upload";
import { uploadTokenPattern } from "@/lib/server/uploads/upload-store";

export const dynamic = "force-dynamic";

const params = z.object({ token: z.string().regex(uploadTokenPattern) });

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: definePublicRoute({ params }, ({ req, params }) => serveUpload(req, params.token)),
});
