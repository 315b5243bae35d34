// The origin people and the upstream reach this Studio at: PUBLIC_URL when set, else the origin
// the request came in on (a browser on this machine, a test on localhost).
import "server-only";
import { getEnv } from "@/lib/env";

export function publicOrigin(req?: Request): string {
  const configured = getEnv().PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  if (req) return new URL(req.url).origin;
  return `http://localhost:${getEnv().PORT}`;
}

/** Where a stored file is served (uploads and mirrored outputs alike). */
export function storedFileUrl(origin: string, token: string): string {
  return `${origin}/files/${token}`;
}
