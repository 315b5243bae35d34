// The signed-in user for pages and server actions, re-read from the database on every request
// so a disabled account loses access at once.
import "server-only";
import { redirect } from "next/navigation";
import { getUserById } from "@/lib/server/accounts/users";
import { getDb } from "@/lib/server/db";
import type { User } from "@/lib/server/db/schema";
import { sessionUserId } from "./session-id";

export async function getSessionUser(): Promise<User | null> {
  const id = await sessionUserId();
  if (!id) return null;
  const user = await getUserById(await getDb(), id);
  return user && !user.disabledAt ? user : null;
}

/** For pages: the user, or a redirect to the sign-in page. */
export async function requirePageUser(): Promise<User> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}
