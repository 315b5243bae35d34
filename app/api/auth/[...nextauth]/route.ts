// GET/POST /api/auth/* — Auth.js: sign-in, callbacks, session and sign-out. Its own answers pass
// through; the wrapper adds the request id and maps anything thrown to the one error body.
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth/auth";
import { definePublicRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: definePublicRoute({}, ({ req }) => handlers.GET(req as NextRequest)),
  POST: definePublicRoute({}, ({ req }) => handlers.POST(req as NextRequest)),
});
