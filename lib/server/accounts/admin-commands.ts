// Operator commands shared by the admin CLI (direct database access) and the internal admin
// route (the same commands through a running server). Results are JSON-able and never carry
// password hashes; token.create carries the new token, once.
import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/server/db/open";
import type { User } from "@/lib/server/db/schema";
import { AccountError } from "./account-error";
import { passwordSchema } from "./password";
import { createAppToken, tokenNameSchema } from "./tokens";
import {
  createUser,
  emailSchema,
  findUserByEmail,
  listUsers,
  nameSchema,
  setUserDisabled,
} from "./users";

export const adminCommandSchema = z.discriminatedUnion("cmd", [
  z.object({
    cmd: z.literal("user.create"),
    email: emailSchema,
    password: passwordSchema,
    name: nameSchema.optional(),
    admin: z.boolean().optional(),
  }),
  z.object({ cmd: z.literal("user.list") }),
  z.object({ cmd: z.literal("user.disable"), email: emailSchema }),
  z.object({ cmd: z.literal("user.enable"), email: emailSchema }),
  z.object({ cmd: z.literal("token.create"), email: emailSchema, name: tokenNameSchema }),
]);
export type AdminCommand = z.infer<typeof adminCommandSchema>;

export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  isAdmin: z.boolean(),
  hasPassword: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminResultSchema = z.discriminatedUnion("cmd", [
  z.object({ cmd: z.literal("user.create"), user: adminUserSchema }),
  z.object({ cmd: z.literal("user.list"), users: z.array(adminUserSchema) }),
  z.object({ cmd: z.literal("user.disable"), user: adminUserSchema }),
  z.object({ cmd: z.literal("user.enable"), user: adminUserSchema }),
  z.object({
    cmd: z.literal("token.create"),
    user: adminUserSchema,
    token: z.string(),
    tokenId: z.string(),
    name: z.string(),
    prefix: z.string(),
  }),
]);
export type AdminResult = z.infer<typeof adminResultSchema>;

/** A user as operators see it: no password hash, dates as ISO strings. */
export function toAdminUser(user: User): AdminUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    hasPassword: user.passwordHash !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** "path: message" for the first problem, the way every answer in this app words it. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid command";
  return issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

export async function runAdminCommand(db: Database, input: AdminCommand): Promise<AdminResult> {
  // Callers parse already; parsing again keeps this safe for any caller and normalises emails.
  const parsed = adminCommandSchema.safeParse(input);
  if (!parsed.success) throw new AccountError("invalid", describeZodError(parsed.error));
  const command = parsed.data;

  switch (command.cmd) {
    case "user.create": {
      const user = await createUser(db, {
        email: command.email,
        password: command.password,
        name: command.name,
        isAdmin: command.admin,
      });
      return { cmd: command.cmd, user: toAdminUser(user) };
    }
    case "user.list":
      return { cmd: command.cmd, users: (await listUsers(db)).map(toAdminUser) };
    case "user.disable":
    case "user.enable": {
      const user = await setUserDisabled(db, command.email, command.cmd === "user.disable");
      return { cmd: command.cmd, user: toAdminUser(user) };
    }
    case "token.create": {
      const user = await findUserByEmail(db, command.email);
      if (!user) throw new AccountError("not_found", `No account with the email ${command.email}`);
      if (user.disabledAt) {
        throw new AccountError(
          "invalid",
          `${user.email} is disabled: enable it before creating tokens`,
        );
      }
      const { token, record } = await createAppToken(db, user.id, command.name);
      return {
        cmd: command.cmd,
        user: toAdminUser(user),
        token,
        tokenId: record.id,
        name: record.name,
        prefix: record.prefix,
      };
    }
  }
}
