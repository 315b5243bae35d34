// The latency bench's floor (bench/floor.ts): the barest Next.js app that forwards the image POST
// to the upstream and hands its answer back. Built and served like the Studio, in the same run.
import path from "node:path";

/** @type {import("next").NextConfig} */
const config = {
  // The Studio's node_modules, two levels up, are this app's too.
  turbopack: { root: path.resolve(import.meta.dirname, "../..") },
};

export default config;
