// Which URLs the Studio lets a request hand to the upstream: public http(s) addresses only (no
// loopback, private or link-local hosts), except our own upload URLs under PUBLIC_URL and the
// upstream's own files (an earlier output used as input: it fetches what it served). In demo mode
// the embedded simulator would call `callback_url` from this very process, so it may point only
// back at the Studio itself.
import "server-only";
import { publicUrlPolicy, type UrlPolicy } from "@/lib/catalog";
import { getEnv } from "@/lib/env";
import type { UpstreamTarget } from "@/lib/server/upstream-target";

/** The Studio's own origins: PUBLIC_URL and the loopback addresses of its port. */
export function studioOrigins(): string[] {
  const env = getEnv();
  const own = [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`];
  return env.PUBLIC_URL ? [new URL(env.PUBLIC_URL).origin, ...own] : own;
}

export const demoCallbackMessage =
  "in demo mode the built-in simulator calls back only to this Studio; save your own API key in Settings to use other callback URLs";

/** True when a demo-mode callback may be delivered to `url` (the simulator's own guard, too). */
export function isStudioCallback(url: string): boolean {
  try {
    return studioOrigins().includes(new URL(url).origin);
  } catch {
    return false;
  }
}

export function studioUrlPolicy(target: Pick<UpstreamTarget, "mode" | "baseUrl">): UrlPolicy {
  const publicUrl = getEnv().PUBLIC_URL;
  // In demo mode the simulator's outputs are served from the Studio itself (/demo/files), so an
  // earlier output used as input points at one of our own origins.
  const allowOrigins = [
    target.baseUrl,
    ...(publicUrl ? [publicUrl] : []),
    ...(target.mode === "demo" ? studioOrigins() : []),
  ];
  const general = publicUrlPolicy({ allowOrigins });
  if (target.mode !== "demo") return general;
  return (url, field) => {
    if (field === "callback_url") {
      return isStudioCallback(url.href) ? undefined : demoCallbackMessage;
    }
    return general(url, field);
  };
}
