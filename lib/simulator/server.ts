// The API in One simulator: a plain node:http server speaking the SPEC §0 contract, for tests,
// benchmarks and the app's demo mode. No Next.js imports.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { UrlPolicy } from "../catalog/url-policy";
import { handleAdmin } from "./admin";
import { apiPrefix, handleApi } from "./api-router";
import { authenticate, maskKey } from "./auth-and-limits";
import { serveFile } from "./files";
import { requestOrigin, sendError, sendJson } from "./http-io";
import { defaultMaxTasks, SimulatorState } from "./state";
import { StateStore } from "./state-store";
import { resumeTask } from "./tasks";

export interface SimulatorOptions {
  /** 0 = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Divides every task duration and chat delay; default 1 (realistic). */
  speed?: number;
  /** Per key; default 60 (SPEC §0). */
  rateLimitPerMinute?: number;
  /** Credits of each new key; default 10 000. */
  initialCredits?: number;
  /** One line per request; keys are masked. */
  log?: (line: string) => void;
  /**
   * Output URLs are `<filesOrigin>/files/<task>/<n>.<ext>` instead of this server's own origin:
   * for a proxy that serves /files to browsers that cannot reach this server (e.g. demo mode).
   */
  filesOrigin?: string;
  /**
   * Decides which `callback_url` values the simulator may POST to. When it returns false the
   * create request is answered 400 invalid_request naming callback_url, nothing is charged and
   * nothing is ever sent there. Unset: any http(s) URL is called (tests give it localhost).
   */
  callbackPolicy?: (url: string) => boolean;
  /**
   * A URL policy for every URL in a task body (the catalog's `publicUrlPolicy`, say). Unset by
   * default: the simulator plays the internet-facing upstream, and tests hand it localhost URLs.
   */
  urlPolicy?: UrlPolicy;
  /**
   * Keeps tasks (with all a status reply, a file or a callback needs) and balances in this
   * directory, so a simulator started again on it carries on: unfinished tasks finish at their
   * original time (at once if it has passed) and owed callbacks are delivered. One live simulator
   * per directory. Unset: everything lives in memory and is gone on close.
   */
  stateDir?: string;
  /** Tasks kept, in memory and on disk; the oldest are forgotten first. Default 20 000. */
  maxTasks?: number;
  /**
   * With a stateDir: callbacks owed at start (tasks that ended while the simulator was down, or
   * deliveries close() cut short) are sent this long after it, in real ms. Default 1000: a
   * receiver restarting alongside (the Studio in demo mode) may not be listening yet.
   */
  resumeCallbackDelayMs?: number;
}

export interface RunningSimulator {
  origin: string;
  /** origin + "/api/v1" */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

export { apiPrefix };

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = opts.host ?? "127.0.0.1";
  const log = opts.log ?? (() => undefined);
  const maxTasks = opts.maxTasks && opts.maxTasks > 0 ? Math.floor(opts.maxTasks) : defaultMaxTasks;
  const state = new SimulatorState(
    {
      speed: opts.speed && opts.speed > 0 ? opts.speed : 1,
      rateLimitPerMinute: opts.rateLimitPerMinute ?? 60,
      initialCredits: opts.initialCredits ?? 10_000,
      statusDelayMs: 0,
      ...(opts.filesOrigin && { filesOrigin: opts.filesOrigin.replace(/\/+$/, "") }),
      ...(opts.callbackPolicy && { callbackPolicy: opts.callbackPolicy }),
      ...(opts.urlPolicy && { urlPolicy: opts.urlPolicy }),
    },
    log,
    maxTasks,
  );
  if (opts.stateDir) {
    const store = new StateStore(opts.stateDir, { maxTasks, log });
    state.attach(store, store.load());
  }
  let origin = "";

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://simulator.invalid");
    const path = url.pathname;
    let keyLabel = "-";
    res.on("close", () => {
      const status = res.writableFinished ? String(res.statusCode) : "aborted";
      log(`${req.method ?? "?"} ${path} ${status} ${Date.now() - started}ms key=${keyLabel}`);
    });
    const done = (work: Promise<unknown> | void): void => {
      Promise.resolve(work).catch((error: unknown) => {
        log(
          `error on ${req.method ?? "?"} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) sendError(res, "server_error", "Simulator internal error");
        else res.destroy();
      });
    };
    if (path.startsWith(`${apiPrefix}/`)) {
      const auth = authenticate(req.headers.authorization);
      if (auth.ok) keyLabel = maskKey(auth.key);
      done(handleApi(state, req, res, path.slice(apiPrefix.length), origin));
    } else if (path.startsWith("/files/")) done(serveFile(state, req, res, path));
    else if (path.startsWith("/__sim/")) done(handleAdmin(state, req, res, path));
    else if (path === "/" || path === apiPrefix) {
      sendJson(res, 200, {
        name: "API in One simulator",
        baseUrl: `${requestOrigin(req, origin)}${apiPrefix}`,
        admin: "/__sim/stats",
      });
    } else sendError(res, "not_found", `Unknown endpoint: ${req.method ?? ""} ${path}`);
  });
  // Hung requests ([sim:hang]) must not be cut by Node's default request timeout either.
  server.requestTimeout = 0;
  // Idle keep-alive sockets stay open a minute, as an API behind a load balancer's do. With
  // Node's 5 s, a client reusing a socket just as the server closes it (fetch keeps them 4 s; on
  // a starved machine its timer fires late) gets ECONNRESET.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await state.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  // A wildcard address is not somewhere to send requests: advertise loopback instead.
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  origin = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
  // Timers start once the server listens: a start that failed leaves nothing running.
  const callbackDelayMs = Math.max(0, opts.resumeCallbackDelayMs ?? 1000);
  for (const task of state.tasks.values()) resumeTask(state, task, callbackDelayMs);
  let closing: Promise<void> | null = null;

  return {
    origin,
    baseUrl: `${origin}${apiPrefix}`,
    port,
    close() {
      closing ??= Promise.all([
        state.close(),
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Hung requests, open streams and idle keep-alive sockets would keep close() waiting.
          server.closeAllConnections();
        }),
      ]).then(() => undefined);
      return closing;
    },
  };
}
