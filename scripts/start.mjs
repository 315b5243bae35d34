#!/usr/bin/env node
// `npm start`: build when the sources are newer than the last build, then serve with `next start`.
// Zero configuration: PORT defaults to 3000; .env files are loaded the way Next loads them.
import { spawn, spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
nextEnv.loadEnvConfig(root, false);
process.env.NEXT_TELEMETRY_DISABLED = "1";

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const buildId = path.join(root, process.env.STUDIO_DIST_DIR || ".next", "BUILD_ID");
// What a build reads, as far as it exists in this checkout: proxy.ts, middleware.ts and the
// instrumentation files are optional. public/ stays in: the build checks it against the routes.
const watched = [
  "app",
  "components",
  "lib",
  "public",
  "drizzle",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "proxy.ts",
  "middleware.ts",
  "next.config.ts",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
].filter((p) => fs.existsSync(path.join(root, p)));

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function needsBuild() {
  if (process.env.STUDIO_SKIP_BUILD === "1") return false;
  let built;
  try {
    built = fs.statSync(buildId).mtimeMs;
  } catch {
    return true;
  }
  return watched.some((p) => newestMtime(path.join(root, p)) > built);
}

if (needsBuild()) {
  console.log(
    "[studio] sources changed since the last build (or no build yet): running next build",
  );
  const res = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: process.env,
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

// `--build-only`: bring the build up to date and stop (the e2e suite starts several servers on one build).
if (process.argv.includes("--build-only")) process.exit(0);

const port = process.env.PORT || "3000";
// Idle connections stay open 65 s, not Node's 5 s: a client (or a load balancer, whose idle limit is
// usually 60 s) that sends on a connection the server is closing at that instant gets ECONNRESET.
const child = spawn(
  process.execPath,
  [
    // Requests Node refuses before routing get the API's JSON error body (see the file).
    "--import",
    pathToFileURL(path.join(root, "scripts", "http-client-errors.mjs")).href,
    nextBin,
    "start",
    "-p",
    port,
    "--keepAliveTimeout",
    "65000",
  ],
  {
    stdio: "inherit",
    env: process.env,
  },
);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
