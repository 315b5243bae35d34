// Runs before routing, for /api and the public file paths only: a path whose percent-escapes are not
// valid UTF-8 (/api/v1/tasks/%F0) names nothing of ours. Next would fail decoding it with a plain-
// text 500; here it gets the one JSON error body, 404, like any other unknown path.
import { NextResponse, type NextRequest } from "next/server";
import { newRequestId, requestIdHeader, type StudioErrorBody } from "@/lib/schemas/api";

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (decodes(path)) return NextResponse.next();
  const requestId = newRequestId();
  const body: StudioErrorBody = {
    error: {
      code: 404,
      type: "not_found",
      message: "Unknown endpoint: the path is not valid UTF-8 once decoded",
      param: null,
      source: "studio",
      may_have_been_charged: false,
      request_id: requestId,
    },
  };
  return NextResponse.json(body, {
    status: 404,
    headers: { "Cache-Control": "no-store, no-transform", [requestIdHeader]: requestId },
  });
}

// Only paths with a percent-escape reach it: every other request pays nothing for this check.
export const config = { matcher: ["/(api|files|demo)/(.*%.*)"] };
