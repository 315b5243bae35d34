// mirrorOutput against real HTTP servers on loopback: the upstream's file host (an allowed origin)
// and another server that is not allowed. Files land in a real FILES_DIR and are served back
// through GET /files/{token}. Names that look public resolve through a lookup the test names, so
// nothing ever leaves this machine.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getFile } from "@/app/files/[token]/route";
import { getEnv, setEnvForTests } from "@/lib/env";
import { getFileStore } from "@/lib/server/storage/get-file-store";
import { s3FileStore } from "@/lib/server/storage/s3-file-store";
import { startS3TestServer } from "@/lib/server/storage/s3-test-server";
import {
  deleteStoredFile,
  mirrorOutput,
  MirrorError,
  type HostLookup,
  type MirrorOptions,
} from "./mirror-output";

const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);
/** A WAV header and 200 KB of counting samples. */
const wav = (() => {
  const out = Buffer.alloc(44 + 200_000);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + 200_000, 4);
  out.write("WAVEfmt ", 8, "ascii");
  for (let i = 44; i < out.length; i++) out[i] = i % 251;
  return out;
})();

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Every request the file host saw, by path. */
const seen: string[] = [];
let host: { server: http.Server; origin: string };
let other: { server: http.Server; origin: string };
let filesDir: string;

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://x");
  seen.push(url.pathname);
  const redirect = (to: string, status = 302): void => {
    res.writeHead(status, { location: to }).end();
  };
  const send = (body: Buffer, type: string): void => {
    res.writeHead(200, { "content-type": type, "content-length": body.length }).end(body);
  };
  const hops = /^\/hops\/(\d+)$/.exec(url.pathname);
  if (hops) {
    const left = Number(hops[1]);
    // Relative and absolute Locations, and every redirect status.
    const statuses = [301, 302, 303, 307, 308];
    return redirect(left === 0 ? `${host.origin}/image` : `/hops/${left - 1}`, statuses[left % 5]);
  }
  switch (url.pathname) {
    case "/image":
      // The declared type is wrong on purpose: the bytes decide.
      return send(png, "application/octet-stream");
    case "/audio":
      return send(wav, "audio/x-wav");
    case "/audio-chunked":
      res.writeHead(200, { "content-type": "audio/wav" });
      for (let at = 0; at < wav.length; at += 10_000) res.write(wav.subarray(at, at + 10_000));
      return void res.end();
    case "/to-private":
      return redirect("http://10.1.2.3/file.png");
    case "/to-metadata":
      return redirect("http://169.254.169.254/latest/meta-data/");
    case "/to-other-loopback":
      return redirect(`${other.origin}/image`);
    case "/to-lookalike":
      return redirect(`http://cdn.example.com:${new URL(host.origin).port}/image`);
    case "/to-file-scheme":
      return redirect("file:///etc/passwd");
    case "/no-location":
      return void res.writeHead(302).end();
    case "/loop":
      return redirect("/loop");
    case "/html":
      return send(Buffer.from("<!doctype html><html><body>Not found</body></html>"), "image/png");
    case "/json":
      return send(Buffer.from('{"error":{"code":404,"message":"expired"}}'), "application/json");
    case "/empty":
      return send(Buffer.alloc(0), "image/png");
    case "/gone":
      return void res.writeHead(404, { "content-type": "text/plain" }).end("gone");
    case "/big-declared":
      // Declares more than the cap and would send it: refused before the body is read.
      res.writeHead(200, { "content-type": "audio/wav", "content-length": wav.length });
      return void res.write(wav.subarray(0, 1000));
    case "/truncated":
      res.writeHead(200, { "content-type": "audio/wav", "content-length": wav.length });
      res.write(wav.subarray(0, 50_000));
      return void setTimeout(() => res.destroy(), 20);
    case "/stall":
      res.writeHead(200, { "content-type": "audio/wav" });
      return void res.write(wav.subarray(0, 1000));
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  host = await listen(route);
  other = await listen((_req, res) => res.writeHead(200).end(png));
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-mirror-"));
  setEnvForTests(getEnv({ FILES_DIR: filesDir, LOG_LEVEL: "silent" }));
});
afterAll(async () => {
  setEnvForTests(undefined);
  host.server.closeAllConnections();
  other.server.closeAllConnections();
  await Promise.all([host, other].map((s) => new Promise((r) => s.server.close(r))));
  fs.rmSync(filesDir, { recursive: true, force: true });
});
afterEach(() => {
  seen.length = 0;
});

const outputsDir = () => path.join(filesDir, "outputs");
/** Everything in the outputs folder, `.part` files included. */
const stored = () => (fs.existsSync(outputsDir()) ? fs.readdirSync(outputsDir()).sort() : []);

const options = (extra: Partial<MirrorOptions> = {}): MirrorOptions => ({
  allowOrigins: [host.origin],
  maxBytes: 1024 * 1024,
  ownerId: "user-1",
  ...extra,
});

/** The MirrorError a copy fails with; and that it left nothing behind. */
async function failure(url: string, extra: Partial<MirrorOptions> = {}): Promise<MirrorError> {
  const before = stored();
  const error: unknown = await mirrorOutput(url, options(extra)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MirrorError);
  expect(stored()).toEqual(before);
  return error as MirrorError;
}

async function served(token: string, init: RequestInit = {}): Promise<Response> {
  return getFile(new Request(`http://localhost:3000/files/${token}`, init), {
    params: Promise.resolve({ token }),
  });
}

/** Resolves names as a DNS server would answer them; unknown names do not exist. */
function lookupFrom(answers: Record<string, string[][]>): HostLookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (name: string) => {
    calls.push(name);
    const queue = answers[name];
    const next = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (!next)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    return next.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(lookup, { calls });
}

describe("mirrorOutput", () => {
  it("copies a file, typed by its bytes, and serves it back byte-identical", async () => {
    const copy = await mirrorOutput(`${host.origin}/audio`, options());
    expect(copy).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      contentType: "audio/wav",
      bytes: wav.length,
    });
    const res = await served(copy.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await res.arrayBuffer()).equals(wav)).toBe(true);
    const part = await served(copy.token, { headers: { range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(wav.subarray(100, 200))).toBe(true);
    expect(await getFileStore("outputs").stat(copy.token)).toMatchObject({ ownerId: "user-1" });
  });

  it("copies a body sent without Content-Length", async () => {
    const copy = await mirrorOutput(`${host.origin}/audio-chunked`, options());
    expect(copy.bytes).toBe(wav.length);
    expect(Buffer.from(await (await served(copy.token)).arrayBuffer()).equals(wav)).toBe(true);
  });

  it("follows up to five redirects within the allowed origins", async () => {
    const copy = await mirrorOutput(`${host.origin}/hops/4`, options());
    expect(copy.contentType).toBe("image/png");
    expect(seen).toEqual(["/hops/4", "/hops/3", "/hops/2", "/hops/1", "/hops/0", "/image"]);
    const res = await served(copy.token);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it("refuses a sixth redirect, a redirect loop and a redirect without a Location", async () => {
    expect((await failure(`${host.origin}/hops/5`)).reason).toBe("http_status");
    expect(seen).toHaveLength(6);
    expect((await failure(`${host.origin}/loop`)).reason).toBe("http_status");
    expect((await failure(`${host.origin}/no-location`)).reason).toBe("http_status");
  });

  it("refuses redirects to private, link-local and other loopback addresses without connecting", async () => {
    for (const path of ["/to-private", "/to-metadata", "/to-other-loopback"]) {
      const error = await failure(`${host.origin}${path}`);
      expect(error.reason, path).toBe("blocked_address");
    }
    // The other loopback server was never asked.
    expect(seen).toEqual(["/to-private", "/to-metadata", "/to-other-loopback"]);
  });

  it("refuses a public-looking name that resolves to a private address", async () => {
    const lookup = lookupFrom({ "cdn.example.com": [["127.0.0.1"]] });
    expect((await failure(`${host.origin}/to-lookalike`, { lookup })).reason).toBe(
      "blocked_address",
    );
    expect(lookup.calls).toEqual(["cdn.example.com"]);
    expect(seen).toEqual(["/to-lookalike"]);
    // One private address among public ones is enough.
    const mixed = lookupFrom({ "cdn.example.com": [["203.0.113.7", "::1"]] });
    expect(
      (
        await failure(`http://cdn.example.com:${new URL(host.origin).port}/image`, {
          lookup: mixed,
        })
      ).reason,
    ).toBe("blocked_address");
  });

  it("checks the address again where it connects (a name that changes its answer)", async () => {
    // Public when checked, loopback when connecting: the connection is refused.
    const lookup = lookupFrom({ "rebind.example.com": [["203.0.113.7"], ["127.0.0.1"]] });
    const error = await failure(`http://rebind.example.com:${new URL(host.origin).port}/image`, {
      lookup,
    });
    expect(error.reason).toBe("blocked_address");
    expect(lookup.calls).toEqual(["rebind.example.com", "rebind.example.com"]);
    expect(seen).toEqual([]);
  });

  it("refuses what is not http(s)", async () => {
    expect((await failure("file:///etc/passwd")).reason).toBe("blocked_address");
    expect((await failure("not a url")).reason).toBe("blocked_address");
    expect((await failure(`${host.origin}/to-file-scheme`)).reason).toBe("blocked_address");
  });

  it("refuses a file declared larger than maxBytes before reading it", async () => {
    const error = await failure(`${host.origin}/big-declared`, { maxBytes: 100_000 });
    expect(error.reason).toBe("too_large");
  });

  it("cuts and refuses a stream that passes maxBytes without declaring its length", async () => {
    const error = await failure(`${host.origin}/audio-chunked`, { maxBytes: 100_000 });
    expect(error.reason).toBe("too_large");
  });

  it("refuses HTML, JSON and empty bodies whatever their declared type", async () => {
    for (const path of ["/html", "/json", "/empty"]) {
      expect((await failure(`${host.origin}${path}`)).reason, path).toBe("bad_content_type");
    }
  });

  it("refuses error statuses", async () => {
    const error = await failure(`${host.origin}/gone`);
    expect(error.reason).toBe("http_status");
    expect(error.message).toMatch(/404/);
  });

  it("fails with network when the host is down or the body is cut short", async () => {
    const down = await listen(() => {});
    const origin = down.origin;
    await new Promise((r) => down.server.close(r));
    expect((await failure(`${origin}/image`, { allowOrigins: [origin] })).reason).toBe("network");
    expect((await failure(`${host.origin}/truncated`)).reason).toBe("network");
    const unknown = lookupFrom({});
    expect((await failure("http://nowhere.example.com/x.png", { lookup: unknown })).reason).toBe(
      "network",
    );
  });

  it("times out and keeps nothing", async () => {
    const error = await failure(`${host.origin}/stall`, { timeoutMs: 300 });
    expect(error.reason).toBe("timeout");
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const controller = new AbortController();
    const reason = new Error("shutting down");
    setTimeout(() => controller.abort(reason), 100);
    const before = stored();
    await expect(
      mirrorOutput(`${host.origin}/stall`, options({ signal: controller.signal })),
    ).rejects.toBe(reason);
    expect(stored()).toEqual(before);
  });

  it("checks every hop before a fetchImpl is asked", async () => {
    const fetchImpl = vi.fn<typeof fetch>((input, init) => fetch(input, init));
    const copy = await mirrorOutput(`${host.origin}/hops/1`, options({ fetchImpl }));
    expect(copy.contentType).toBe("image/png");
    expect(fetchImpl.mock.calls.map(([url]) => String(url))).toEqual([
      `${host.origin}/hops/1`,
      `${host.origin}/hops/0`,
      `${host.origin}/image`,
    ]);
    fetchImpl.mockClear();
    expect((await failure(`${host.origin}/to-private`, { fetchImpl })).reason).toBe(
      "blocked_address",
    );
    expect(fetchImpl).toHaveBeenCalledOnce();
  });
});

describe("deleteStoredFile", () => {
  it("deletes a mirrored output, and a token that is not stored is fine", async () => {
    const copy = await mirrorOutput(`${host.origin}/image`, options());
    expect((await served(copy.token)).status).toBe(200);
    await deleteStoredFile(copy.token);
    expect((await served(copy.token)).status).toBe(404);
    expect(stored()).not.toContain(copy.token);
    await expect(deleteStoredFile(copy.token)).resolves.toBeUndefined();
  });
});

describe("mirrorOutput into S3", () => {
  it("copies into the bucket, serves it back, and leaves no object when refused", async () => {
    const s3 = await startS3TestServer();
    const before = getEnv();
    setEnvForTests(
      getEnv({
        LOG_LEVEL: "silent",
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
      }),
    );
    try {
      const copy = await mirrorOutput(`${host.origin}/audio-chunked`, options());
      expect(s3.keys()).toEqual([`outputs/${copy.token}`]);
      const res = await served(copy.token);
      expect(res.headers.get("content-type")).toBe("audio/wav");
      expect(Buffer.from(await res.arrayBuffer()).equals(wav)).toBe(true);

      const error = await mirrorOutput(
        `${host.origin}/audio-chunked`,
        options({ maxBytes: 100_000 }),
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: "too_large" });
      expect(s3.keys()).toEqual([`outputs/${copy.token}`]);

      // A store whose own limit is lower than maxBytes refuses the same way.
      const small = s3FileStore(
        {
          bucket: s3.bucket,
          endpoint: s3.endpoint,
          region: "us-east-1",
          accessKeyId: "S3RVER",
          secretAccessKey: "S3RVER",
          forcePathStyle: true,
          maxPutBytes: 100_000,
        },
        "outputs/",
      );
      const refused = await mirrorOutput(
        `${host.origin}/audio-chunked`,
        options({ store: small }),
      ).catch((e: unknown) => e);
      expect(refused).toMatchObject({ reason: "too_large" });
      expect(s3.keys()).toEqual([`outputs/${copy.token}`]);

      await deleteStoredFile(copy.token);
      expect(s3.keys()).toEqual([]);
    } finally {
      setEnvForTests(before);
      await s3.close();
    }
  });
});
