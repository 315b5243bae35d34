// The latency bench's floor for our stack: bench/floor-app, a Next.js app whose one route forwards
// the image POST to the simulator and hands its answer back (no validation, no database), built in
// this run with this checkout's Next and served by `next start` like the Studio. What it adds over
// calling the simulator directly is what any Next.js proxy costs on this machine.
import path from "node:path";
import { build, root, serveNext, type NextServer } from "./app-server";

const floorDir = path.join(root, "bench", "floor-app");

/** Builds the floor app and serves it in front of `upstreamBase` (the simulator's /api/v1). */
export async function startFloor(upstreamBase: string): Promise<NextServer> {
  build(floorDir, root);
  return serveNext({
    appDir: floorDir,
    nextDir: root,
    env: { FLOOR_UPSTREAM: upstreamBase },
    label: "floor",
  });
}
