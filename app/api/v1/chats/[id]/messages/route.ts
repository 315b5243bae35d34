// POST /api/v1/chats/{id}/messages — one turn: store the question (or tool result) under
// parent_id and stream the answer back as the upstream's SSE bytes (ids in X-Chat-Message-Id and
// X-Chat-Answer-Id); without a message, answer parent_id again. The answer is stored as it streams.
import { chatParamsSchema, chatTurnSchema } from "@/lib/schemas/chat";
import { chatBodyLimitBytes } from "@/lib/server/chat/chat-limits";
import { runChatTurn } from "@/lib/server/chat/chat-turn";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  POST: defineRoute(
    { params: chatParamsSchema, body: chatTurnSchema, maxBodyBytes: chatBodyLimitBytes },
    async ({ req, user, params, body, requestId }) =>
      runChatTurn({
        db: await getDb(),
        userId: user.id,
        chatId: params.id,
        turn: body,
        signal: req.signal,
        requestId,
      }),
  ),
});
