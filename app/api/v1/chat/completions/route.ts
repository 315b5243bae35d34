// POST /api/v1/chat/completions — API in One's chat, mirrored: the same body and answers (SSE by
// default, JSON with `stream: false`), authenticated by our session or an app token, so any
// OpenAI client can use it. Validated in full before anything is sent upstream.
import { validateChatRequest } from "@/lib/catalog";
import { invalid } from "@/lib/server/api-error";
import { completeChatCall } from "@/lib/server/chat/chat-complete";
import { callRecorder } from "@/lib/server/chat/chat-record";
import { chatBodyLimitBytes } from "@/lib/server/chat/chat-limits";
import { streamChatCall } from "@/lib/server/chat/chat-stream";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";
import type { ChatRequestBody } from "@/lib/server/upstream";
import { getUpstreamClient } from "@/lib/server/upstream-target";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  POST: defineRoute(
    { body: "json", maxBodyBytes: chatBodyLimitBytes },
    async ({ req, user, body, requestId }) => {
      const checked = validateChatRequest(body);
      if (!checked.ok) throw invalid(checked.message, checked.field);
      const db = await getDb();
      const upstream = await getUpstreamClient(user.id);
      const call = {
        db,
        upstream,
        // The catalog checked `model` against its values, so it is a string.
        body: checked.body as ChatRequestBody,
        signal: req.signal,
        recorder: callRecorder(db, user.id),
      };
      return checked.body.stream === false
        ? completeChatCall(call)
        : streamChatCall({ ...call, requestId });
    },
  ),
});
