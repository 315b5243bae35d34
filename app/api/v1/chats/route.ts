// GET /api/v1/chats — the user's conversations, newest activity first (q searches titles and
// messages; keyset cursor). POST creates an empty one with optional title and settings.
import {
  chatCreateSchema,
  chatListQuerySchema,
  type Chat,
  type ChatListReply,
} from "@/lib/schemas/chat";
import { chatView, createChat, listChats } from "@/lib/server/chat/chat-store";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { jsonAnswer } from "@/lib/server/json-answer";
import { routeMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute(
    { query: chatListQuerySchema },
    async ({ user, query }): Promise<ChatListReply> => listChats(await getDb(), user.id, query),
  ),
  POST: defineRoute({ body: chatCreateSchema }, async ({ user, body }) => {
    const db = await getDb();
    const id = await createChat(db, user.id, body);
    const chat: Chat = await chatView(db, user.id, id);
    return jsonAnswer(chat, { status: 201 });
  }),
});
