// Support for e2e/multi-instance.spec.ts: Studio servers as real processes (from the same build
// the other specs use), a fresh Postgres schema per run, and Auth.js sign-in over plain HTTP.
import type { StudioProcess } from "./server";

export { spawnStudio, type StudioProcess } from "./server";

/** Waits for 200 from /api/health and returns its body; fails early if the server exits. */
export async function waitHealthy(server: StudioProcess, port: number): Promise<unknown> {
  let ended = false;
  void server.exited.then(() => (ended = true));
  const deadline = Date.now() + 120_000;
  // Listening comes first; the embedded demo simulator may answer a moment later on a busy
  // machine. Wait up to 30 s more for the upstream too, then hand the test what health says.
  let answered: { at: number; body: unknown } | undefined;
  while (Date.now() < deadline && !ended) {
    try {
      const res = await fetch(`http://localhost:${port}/api/health`);
      if (res.ok) {
        const body = (await res.json()) as { upstream?: { ok?: boolean } };
        answered ??= { at: Date.now(), body };
        if (body.upstream?.ok !== false || Date.now() - answered.at > 30_000) return body;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server on ${port} did not become healthy:\n${server.output()}`);
}

export async function stop(server: StudioProcess): Promise<void> {
  if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill("SIGTERM");
  await server.exited;
}

export { freshPostgresSchema } from "../../lib/testing/postgres-schema";

function setCookies(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/**
 * Signs in through Auth.js's credentials callback, the way the login form does, and returns the
 * Cookie header a browser would send from then on (the session cookie).
 */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: setCookies(csrf).join("; "),
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/images` }),
  });
  const session = setCookies(res).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in on ${base} set no session cookie (${res.status})`);
  return session;
}

/** Upstream requests the simulator counted for one key on one route, e.g. "POST /images/generations". */
export async function simCount(simOrigin: string, route: string, key: string): Promise<number> {
  const stats = (await (await fetch(`${simOrigin}/__sim/stats`)).json()) as {
    requests: Record<string, Record<string, number> | undefined>;
  };
  return stats.requests[route]?.[key] ?? 0;
}
