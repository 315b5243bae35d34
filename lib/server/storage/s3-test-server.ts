// Tests only: a real S3-compatible server (s3rver, an S3 implementation over HTTP) on loopback,
// with one empty bucket in a temporary folder. It speaks the S3 REST API and XML, stores objects
// with their metadata and answers ranges; it does not verify SigV4 signatures.
import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { assertTestProcess } from "@/lib/assert-test-process";

export interface S3TestServer {
  /** http://127.0.0.1:<port> (path-style requests). */
  endpoint: string;
  port: number;
  bucket: string;
  /** Host names virtual-host requests use: <bucket>.<vhostDomain> (resolve them to 127.0.0.1). */
  vhostDomain: string;
  /** The object keys in the bucket, sorted. */
  keys(): string[];
  close(): Promise<void>;
}

// A reserved top-level domain (RFC 2606): nothing outside this machine can ever answer it.
const vhostDomain = "s3.s3.test";

export async function startS3TestServer(bucket = "studio"): Promise<S3TestServer> {
  assertTestProcess("startS3TestServer");
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "studio-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    serviceEndpoint: "s3.test",
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const keys = () => {
    const root = path.join(directory, bucket);
    const found: string[] = [];
    const walk = (dir: string, prefix: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
        else if (entry.name.endsWith("._S3rver_object")) {
          found.push(`${prefix}${entry.name.slice(0, -"._S3rver_object".length)}`);
        }
      }
    };
    if (fs.existsSync(root)) walk(root, "");
    return found.sort();
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    bucket,
    vhostDomain,
    keys,
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
