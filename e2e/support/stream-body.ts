// Raw HTTP for the body-limit specs: a body streamed in pieces with node:http (chunked or with a
// declared length) that stops when the answer arrives, and the memory of the server answering.
import fs from "node:fs";
import http from "node:http";
import { expect } from "@playwright/test";
import type { Answer } from "./api";

export interface StreamedAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: unknown;
  /** Body bytes handed to the socket when the answer's headers arrived. */
  sentBeforeAnswer: number;
  /** Milliseconds from the first byte sent to the answer's headers. */
  answeredAfterMs: number;
}

/**
 * POSTs a body of `total` bytes in `chunkSize` pieces with node:http, honouring back-pressure.
 * `declareLength` sends Content-Length; otherwise the body is chunked (no length known up front).
 * Stops sending as soon as the answer arrives, reads it, and closes the connection.
 */
export function streamBody(
  url: string,
  {
    token,
    total,
    chunkSize = 64 * 1024,
    declareLength,
  }: { token: string; total: number; chunkSize?: number; declareLength: boolean },
): Promise<StreamedAnswer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
    };
    if (declareLength) headers["Content-Length"] = total;
    else headers["Transfer-Encoding"] = "chunked";
    const req = http.request(url, { method: "POST", headers, agent: false });
    // A JSON object whose prompt never ends: the server cannot finish it without reading it all.
    const opening = Buffer.from('{"model":"flux-2","prompt":"');
    const filler = Buffer.alloc(chunkSize, "a");
    let sent = 0;
    let answered = false;
    const started = Date.now();

    // One piece per turn of the event loop, as a client reading its socket while it uploads
    // does: an early answer is read before the next piece is written.
    const pump = () => {
      if (answered) return;
      if (sent >= total) {
        req.end();
        return;
      }
      const piece = sent === 0 ? opening : filler;
      const slice = piece.subarray(0, Math.min(piece.length, total - sent));
      sent += slice.length;
      if (req.write(slice)) setImmediate(pump);
      else req.once("drain", () => setImmediate(pump));
    };

    req.on("response", (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      const answeredAfterMs = Date.now() - started;
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text) as unknown;
        } catch {
          json = undefined;
        }
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json,
          sentBeforeAnswer,
          answeredAfterMs,
        });
      });
      res.on("error", reject);
    });
    req.on("error", (err) => {
      // Once the answer is in, a reset of the half-sent upload is the server hanging up: fine.
      // A write that fails first (EPIPE) may still have the answer waiting in the socket, as curl
      // would report it: give it a moment to be parsed before calling it lost.
      if (answered) return;
      setTimeout(() => {
        if (!answered) {
          reject(
            new Error(`no answer: ${err.message} after sending ${sent} bytes`, { cause: err }),
          );
        }
      }, 2000);
    });
    pump();
  });
}

/** A streamed answer as an `Answer`, for expectError. */
export function asAnswer(streamed: StreamedAnswer): Answer {
  const headers = new Headers();
  for (const [name, value] of Object.entries(streamed.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  return { status: streamed.status, headers, text: streamed.text, json: streamed.json };
}

/**
 * Resident memory (bytes) of the process listening on `port`, found through /proc: the socket's
 * inode in /proc/net/tcp{,6}, then the process holding it. Linux only, like the CI machine.
 */
export function residentMemoryOfServer(port: number): number {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (!local || cols[3] !== "0A") continue; // 0A = LISTEN
      if (parseInt(local.split(":").pop() ?? "", 16) === port && cols[9]) inodes.add(cols[9]);
    }
  }
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
        expect(kb, `VmRSS of pid ${pid}`).toBeGreaterThan(0);
        return kb * 1024;
      }
    }
  }
  throw new Error(`no process found listening on port ${port}`);
}
