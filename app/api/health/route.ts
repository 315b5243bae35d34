// GET /api/health — readiness: 200 while the database answers, 503 when it does not; also whether
// the upstream (the demo simulator or API in One with AIO_API_KEY) is usable. See lib/server/health.
import { definePublicRoute } from "@/lib/server/define-route";
import { checkHealth } from "@/lib/server/health";
import { jsonAnswer } from "@/lib/server/json-answer";
import { routeMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: definePublicRoute({}, async () => {
    const { status, body } = await checkHealth();
    return jsonAnswer(body, { status });
  }),
});
