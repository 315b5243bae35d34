"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { loginThrottle } from "@/lib/server/accounts/throttle";
import { AccountError, createUser, emailSchema } from "@/lib/server/accounts/users";
import { passwordSchema } from "@/lib/server/accounts/password";
import { signIn, signOut } from "@/lib/server/auth/auth";
import { clientIp } from "@/lib/server/auth/client-ip";
import { getDb } from "@/lib/server/db";

export interface AuthFormState {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password" | "name", string>>;
  email?: string;
}

/** Only same-site paths: an open redirect after sign-in would hand sessions to phishers. */
function safeRedirect(target: FormDataEntryValue | null): string {
  return typeof target === "string" && target.startsWith("/") && !target.startsWith("//")
    ? target
    : "/images";
}

function retryText(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

export async function signInWithPassword(
  _prev: AuthFormState,
  form: FormData,
): Promise<AuthFormState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  const verdict = loginThrottle.check(email, clientIp(await headers()));
  if (!verdict.allowed) {
    return {
      error: `Too many failed attempts. Try again in ${retryText(verdict.retryAfterSeconds)}.`,
      email,
    };
  }
  try {
    await signIn("credentials", {
      email,
      password,
      redirectTo: safeRedirect(form.get("callbackUrl")),
    });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      if (code === "too_many_attempts")
        return { error: "Too many failed attempts. Try again later.", email };
      return { error: "Wrong email or password.", email };
    }
    throw err; // the redirect after a successful sign-in
  }
  return {};
}

const registerSchema = z.object({
  name: z.string().trim().max(80, "Keep the name under 80 characters").optional(),
  email: emailSchema,
  password: passwordSchema,
});

export async function register(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  if (getEnv().AUTH_REGISTRATION === "closed") {
    return { error: "Registration is closed on this server. Ask an administrator for an account." };
  }
  const parsed = registerSchema.safeParse({
    name: String(form.get("name") ?? "") || undefined,
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
  });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) {
    const fieldErrors: AuthFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "email" || key === "password" || key === "name") && !fieldErrors[key])
        fieldErrors[key] = issue.message;
    }
    return { fieldErrors, email };
  }
  try {
    await createUser(await getDb(), parsed.data);
  } catch (err) {
    if (err instanceof AccountError && err.code === "email_taken") {
      return {
        fieldErrors: { email: "An account with this email already exists. Sign in instead." },
        email,
      };
    }
    throw err;
  }
  await signIn("credentials", {
    email: parsed.data.email,
    password: parsed.data.password,
    redirectTo: "/images",
  });
  return {};
}

export async function signInWithOidc(form: FormData) {
  await signIn("oidc", { redirectTo: safeRedirect(form.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirect: false });
  redirect("/login");
}
