// "Check again" as a browser or script sends it, for tests that call the route handler directly.
import { POST } from "@/app/api/v1/tasks/[task_id]/check/route";
import type { TestUser } from "@/lib/server/tasks/test-harness";

/** POST /api/v1/tasks/{taskId}/check with the user's app token (`null`: no session, no token). */
export function checkAgain(
  u: TestUser | null,
  taskId: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const req = new Request(
    `http://localhost:3000/api/v1/tasks/${encodeURIComponent(taskId)}/check`,
    {
      method: "POST",
      headers: { ...(u && { authorization: `Bearer ${u.token}` }), ...headers },
    },
  );
  return POST(req, { params: Promise.resolve({ task_id: taskId }) });
}
