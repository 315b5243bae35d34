// User accounts: creation (the first account is the admin), lookup, disabling, and sign-in by
// password or by an OpenID Connect identity.
import "server-only";
import { randomBytes } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/server/db/open";
import { users, type User } from "@/lib/server/db/schema";
import { AccountError } from "./account-error";
import { hashPassword, passwordSchema, verifyPassword } from "./password";
import { forgetCachedTokens } from "./tokens";

export { AccountError, type AccountErrorCode } from "./account-error";
export type { User } from "@/lib/server/db/schema";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "Email must be at most 254 characters"));

export const nameSchema = z.string().trim().max(100, "Name must be at most 100 characters");

export interface CreateUserInput {
  email: string;
  /** Omitted for accounts that only sign in through OIDC. */
  password?: string;
  name?: string | null;
  isAdmin?: boolean;
}

export interface CreateUserOptions {
  /**
   * Self-registration passes the AUTH_REGISTRATION setting here: when false, only the very first
   * account may be created (checked atomically with the insert). Operators (the CLI) omit it.
   */
  registrationOpen?: boolean;
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AccountError("invalid", parsed.error.issues[0]?.message ?? "Invalid input");
  }
  return parsed.data;
}

const emailTaken = () =>
  new AccountError("email_taken", "An account with this email already exists");

/**
 * Creates an account. The first account ever created is the admin: the check and the insert run
 * in one transaction holding a lock that serialises account creation, so two simultaneous first
 * sign-ups cannot both become admin.
 */
export async function createUser(
  db: Database,
  input: CreateUserInput,
  options: CreateUserOptions = {},
): Promise<User> {
  const email = parseOrThrow(emailSchema, input.email);
  const name = input.name == null ? null : parseOrThrow(nameSchema, input.name) || null;
  const passwordHash =
    input.password === undefined
      ? null
      : await hashPassword(parseOrThrow(passwordSchema, input.password));

  return db.transaction(async (tx) => {
    // SHARE ROW EXCLUSIVE conflicts with itself and with inserts: one account creation at a time.
    await tx.execute(sql`lock table ${users} in share row exclusive mode`);
    const [existing] = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing && options.registrationOpen === false) {
      throw new AccountError("registration_closed", "Registration is closed on this server");
    }
    const [created] = await tx
      .insert(users)
      .values({ email, name, passwordHash, isAdmin: Boolean(input.isAdmin) || !existing })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!created) throw emailTaken();
    return created;
  });
}

export async function getUserById(db: Database, id: string): Promise<User | null> {
  // Ids come from sessions and URLs; a non-uuid would be a database error rather than "no user".
  if (!z.uuid().safeParse(id).success) return null;
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}

export async function findUserByEmail(db: Database, email: string): Promise<User | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return user ?? null;
}

/** Every account, oldest first. */
export function listUsers(db: Database): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.createdAt), asc(users.email));
}

export async function setUserDisabled(
  db: Database,
  email: string,
  disabled: boolean,
): Promise<User> {
  const [user] = await db
    .update(users)
    // Keep the original time when disabling twice.
    .set({ disabledAt: disabled ? sql`coalesce(${users.disabledAt}, now())` : null })
    .where(eq(users.email, normalizeEmail(email)))
    .returning();
  if (!user)
    throw new AccountError("not_found", `No account with the email ${normalizeEmail(email)}`);
  forgetCachedTokens({ userId: user.id });
  return user;
}

// A real hash of a random password, so an unknown email costs the same scrypt work as a known one.
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("base64url"));
  return dummyHash;
}

/**
 * The user whose password this is, or null — for an unknown email, a wrong password, a disabled
 * account or an OIDC-only account alike, after the same amount of work, so the answer and its
 * timing reveal nothing about which accounts exist.
 */
export async function authenticateWithPassword(
  db: Database,
  email: string,
  password: string,
): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  const hash = user?.passwordHash ?? (await getDummyHash());
  const ok = await verifyPassword(password, hash);
  if (!user?.passwordHash || !ok || user.disabledAt) return null;
  return user;
}

export interface OidcProfile {
  email: string;
  name?: string | null;
}

/**
 * The account for an OIDC sign-in, matched by email: the existing one (null when disabled), or a
 * new passwordless one when registration is open or no account exists yet; otherwise null.
 */
export async function findOrCreateOidcUser(
  db: Database,
  profile: OidcProfile,
  options: { registrationOpen: boolean },
): Promise<User | null> {
  const existing = await findUserByEmail(db, profile.email);
  if (existing) return existing.disabledAt ? null : existing;
  try {
    return await createUser(
      db,
      { email: profile.email, name: profile.name?.trim().slice(0, 100) || null },
      { registrationOpen: options.registrationOpen },
    );
  } catch (err) {
    if (!(err instanceof AccountError)) throw err;
    if (err.code === "registration_closed") return null;
    if (err.code === "email_taken") {
      // Two first sign-ins of the same person raced; the other one created the account.
      const raced = await findUserByEmail(db, profile.email);
      return raced && !raced.disabledAt ? raced : null;
    }
    throw err;
  }
}
