// Which upstream this server talks to. Resolution order (users' own keys join in the accounts
// work): the server-wide AIO_API_KEY, else demo mode on the embedded simulator.
import "server-only";
import { getEnv } from "@/lib/env";

export type UpstreamMode = { kind: "server-key"; baseUrl: string } | { kind: "demo" };

export function getUpstreamMode(): UpstreamMode {
  const env = getEnv();
  return env.AIO_API_KEY ? { kind: "server-key", baseUrl: env.AIO_BASE_URL } : { kind: "demo" };
}
