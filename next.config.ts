import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files it loads from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
  // The home page is the Images page. Redirected before any rendering: a page that called
  // redirect() sat under the studio's loading boundary, so the browser got the layout and its
  // skeleton first and was sent on only once the page's script ran.
  redirects: async () => [{ source: "/", destination: "/images", permanent: false }],
  // Several builds side by side (a benchmark's floor app, parallel checkouts): STUDIO_DIST_DIR.
  ...(process.env.STUDIO_DIST_DIR && { distDir: process.env.STUDIO_DIST_DIR }),
  // A build of a working copy for a quick browser check, while `npm run typecheck` (which the
  // test command runs) covers types: STUDIO_SKIP_TYPECHECK=1.
  ...(process.env.STUDIO_SKIP_TYPECHECK === "1" && { typescript: { ignoreBuildErrors: true } }),
};

export default nextConfig;
