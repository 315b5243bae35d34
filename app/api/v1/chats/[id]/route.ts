// GET /api/v1/chats/{id} — one conversation with every message of every branch. PATCH renames it,
// changes its settings or switches the branch on screen; DELETE removes it (its credits stay on
// /usage). Another user's chat is 404.
import type { z } from "zod";
import {
  chatParamsSchema,
  chatPatchSchema,
  type Chat,
  type chatDeleteReplySchema,
} from "@/lib/schemas/chat";
import { chatView, deleteChat, updateChat } from "@/lib/server/chat/chat-store";
import { getDb } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/define-route";
import { routeMethods } from "@/lib/server/route-methods";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({
  GET: defineRoute({ params: chatParamsSchema }, async ({ user, params }): Promise<Chat> =>
    chatView(await getDb(), user.id, params.id),
  ),
  PATCH: defineRoute(
    { params: chatParamsSchema, body: chatPatchSchema },
    async ({ user, params, body }): Promise<Chat> => {
      const db = await getDb();
      await updateChat(db, user.id, params.id, body);
      return chatView(db, user.id, params.id);
    },
  ),
  DELETE: defineRoute(
    { params: chatParamsSchema },
    async ({ user, params }): Promise<z.infer<typeof chatDeleteReplySchema>> => {
      await deleteChat(await getDb(), user.id, params.id);
      return { id: params.id, deleted: true };
    },
  ),
});
