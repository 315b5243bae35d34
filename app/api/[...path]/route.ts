// Any /api path no route file claims (under /api/v1 and elsewhere): 404 in the one error body,
// whatever the method, instead of Next's HTML page.
import { ApiError } from "@/lib/server/api-error";
import { definePublicRoute } from "@/lib/server/define-route";

export const dynamic = "force-dynamic";

const unknownPath = definePublicRoute({}, async ({ req }) => {
  const { pathname } = new URL(req.url);
  throw new ApiError(404, "not_found", `Unknown endpoint: ${req.method} ${pathname.slice(0, 200)}`);
});

export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
export const HEAD = unknownPath;
export const OPTIONS = unknownPath;
