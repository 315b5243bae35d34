// The origin people and the upstream reach this Studio at: PUBLIC_URL when set, else the origin
// the request came in on (a browser on this machine, a test on localhost). Forwarded headers
// (x-forwarded-host/-proto) are never trusted: anyone can send them, and behind a proxy PUBLIC_URL
// is the way to name the public address.
import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

/** A Host header that is only a host name (or IPv4/[IPv6]) and an optional port. */
const plainHost =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function publicOrigin(req?: Request): string {
  const configured = getEnv().PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  if (req) return new URL(req.url).origin;
  return `http://localhost:${getEnv().PORT}`;
}

/**
 * publicOrigin for a server-rendered page, which has the request's headers but no Request: the
 * Host it was asked for, as the route handlers' `req.url` has it (a malformed one is ignored).
 */
export async function pageOrigin(): Promise<string> {
  const configured = getEnv().PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const host = (await headers()).get("host");
  if (host && plainHost.test(host)) return `http://${host}`;
  return `http://localhost:${getEnv().PORT}`;
}

/** Where a stored file is served (uploads and mirrored outputs alike). */
export function storedFileUrl(origin: string, token: string): string {
  return `${origin}/files/${token}`;
}
