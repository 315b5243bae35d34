// The floor of the chat bench: the barest proxy Node can be — a node:http server that forwards
// POST /chat/completions to the simulator with fetch and writes each chunk of the answer as it
// arrives. No Next, no authentication, no database. Run as a process of its own (like the Studio)
// by bench/chat.ts: `node --import tsx bench/chat-passthrough.ts <upstream base URL> [fresh]`.
// "fresh" opens a new upstream connection per request, as the Studio's upstream client does for
// every POST; otherwise connections are kept alive.
import http from "node:http";
import { Agent, fetch } from "undici";

const [upstream, mode] = process.argv.slice(2);
if (!upstream) throw new Error("usage: chat-passthrough.ts <upstream base URL> [fresh]");
const dispatcher = new Agent(mode === "fresh" ? { pipelining: 0 } : {});

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const answer = await fetch(`${upstream}/chat/completions`, {
    method: "POST",
    headers: {
      authorization: req.headers.authorization ?? "",
      "content-type": "application/json",
      accept: "text/event-stream, application/json",
    },
    body: await readBody(req),
    signal: controller.signal,
    dispatcher,
  });
  res.writeHead(answer.status, {
    "content-type": answer.headers.get("content-type") ?? "application/octet-stream",
    "cache-control": "no-cache, no-transform",
  });
  res.flushHeaders();
  if (answer.body) for await (const chunk of answer.body) res.write(chunk);
  res.end();
}

const server = http.createServer((req, res) => {
  forward(req, res).catch(() => res.destroy());
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`passthrough listening on http://127.0.0.1:${port}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
