// Our own account resources (not part of API in One): the key vault and app tokens. Isomorphic.
import { z } from "zod";

/** One line of text a person typed: no control characters, no broken Unicode. */
const plainText = (schema: z.ZodString) =>
  schema.refine((s) => s.isWellFormed() && !/[\u0000-\u001f\u007f-\u009f]/.test(s), {
    error: "must be plain text (no control characters)",
  });

export const saveKeySchema = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(
      /^aio_[A-Za-z0-9_-]{4,200}$/,
      "An API in One key starts with aio_ followed by letters and digits",
    ),
});

export const keyStatusSchema = z.object({
  key: z
    .object({ masked: z.string(), verifiedAt: z.string().nullable(), updatedAt: z.string() })
    .nullable(),
  /** Where this user's calls go now. */
  mode: z.enum(["user-key", "server-key", "demo"]),
});
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const createTokenSchema = z.strictObject({
  name: plainText(
    z.string().trim().min(1, "Give the token a name").max(64, "Keep the name under 64 characters"),
  ),
});

/** `DELETE /api/v1/tokens/{id}`: a token id is a UUID; anything else names no token (404). */
export const tokenParamsSchema = z.object({ id: z.uuid() });

export const appTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type AppTokenInfo = z.infer<typeof appTokenSchema>;

/** `GET /api/v1/tokens`. */
export const appTokenListSchema = z.object({ tokens: z.array(appTokenSchema) });
export type AppTokenList = z.infer<typeof appTokenListSchema>;

/** `POST /api/v1/tokens` (201): the token itself, in this answer only. */
export const createdAppTokenSchema = z.object({ token: z.string(), info: appTokenSchema });
export type CreatedAppToken = z.infer<typeof createdAppTokenSchema>;

/** `DELETE /api/v1/tokens/{id}`. */
export const revokedAppTokenSchema = z.object({ revoked: z.literal(true) });
