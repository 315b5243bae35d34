import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files it loads from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
  // Several builds side by side (a benchmark's floor app, parallel checkouts): STUDIO_DIST_DIR.
  ...(process.env.STUDIO_DIST_DIR && { distDir: process.env.STUDIO_DIST_DIR }),
};

export default nextConfig;
