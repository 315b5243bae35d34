// POST /api/v1/uploads — store an image or video (multipart field `file`) and answer the public
// URL the upstream can fetch it from; refused when this server has no PUBLIC_URL (409) or the
// user's kept uploads would pass UPLOAD_QUOTA_MB (413).
import { getEnv } from "@/lib/env";
import type { UploadReply } from "@/lib/schemas/tasks";
import { ApiError } from "@/lib/server/api-error";
import { defineRoute } from "@/lib/server/define-route";
import { jsonAnswer } from "@/lib/server/json-answer";
import { routeMethods } from "@/lib/server/route-methods";
import { readUploadedFile } from "@/lib/server/uploads/read-upload";
import { saveUpload } from "@/lib/server/uploads/upload-store";

export const dynamic = "force-dynamic";

const post = defineRoute({}, async ({ req, user }) => {
  const publicUrl = getEnv().PUBLIC_URL;
  if (!publicUrl) {
    throw new ApiError(
      409,
      "invalid_request",
      "The upstream cannot reach files on this machine: set PUBLIC_URL to the address this server is reachable at from the internet to upload files, or paste a public URL instead",
    );
  }
  const { bytes, contentType } = await readUploadedFile(req);
  const stored = await saveUpload(bytes, contentType, user.id);
  const reply: UploadReply = {
    url: `${publicUrl.replace(/\/+$/, "")}/files/${stored.token}`,
    content_type: stored.contentType,
    size: stored.size,
  };
  return jsonAnswer(reply, { status: 201 });
});

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = routeMethods({ POST: post });
