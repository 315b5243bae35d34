// Starts the Portkey AI gateway (@portkey-ai/gateway, as `npx @portkey-ai/gateway` would) bound to
// 127.0.0.1 only: its own server listens on every interface, so listen() is pinned here first.
// Usage: node bench/portkey-launch.mjs <port>
import net from "node:net";
import { createRequire } from "node:module";

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error("usage: portkey-launch.mjs <port>");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function pinnedListen(...args) {
  if (typeof args[0] === "number") {
    const callback = args.find((arg) => typeof arg === "function");
    return listen.call(this, args[0], "127.0.0.1", callback);
  }
  if (args[0] && typeof args[0] === "object") args[0] = { ...args[0], host: "127.0.0.1" };
  return listen.apply(this, args);
};
// The gateway clears the console and draws a spinner: keep the bench's output readable.
console.clear = () => {};
process.argv = [process.argv[0], "start-server", `--port=${port}`, "--headless"];
process.env.NODE_ENV = "production";
const require = createRequire(import.meta.url);
const entry = require.resolve("@portkey-ai/gateway/build/start-server.js");
await import(entry);
