// Our own account resources (not part of API in One): the key vault and app tokens. Isomorphic.
import { z } from "zod";

export const saveKeySchema = z.object({
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

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name")
    .max(64, "Keep the name under 64 characters"),
});

export const appTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type AppTokenInfo = z.infer<typeof appTokenSchema>;
