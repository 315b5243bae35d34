// GET/HEAD /files/{token} — a stored file: an uploaded input (the upstream fetches it from here)
// or a mirrored task output, public to whoever holds the unguessable URL, with the Content-Type it
// was stored with and single byte ranges; ?w= for an image's small WebP copy, ?download= to save
// it under a given name.
import { z } from "zod";
import { definePublicRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import { fileTokenPattern } from "@/lib/server/storage/file-store";
import { fileQuerySchema, serveStoredFile } from "@/lib/server/storage/serve-stored-file";

export const dynamic = "force-dynamic";

const params = z.object({ token: z.string().regex(fileTokenPattern) });

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: definePublicRoute({ params, query: fileQuerySchema }, ({ req, params, query }) =>
    serveStoredFile(req, params.token, query),
  ),
});
