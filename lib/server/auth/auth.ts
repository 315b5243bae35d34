// Auth.js: email + password, and an optional OpenID Connect provider configured by env.
// Sessions are JWTs carrying our own user id; every request re-checks the user in the database.
import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { loginThrottle } from "@/lib/server/accounts/throttle";
import {
  authenticateWithPassword,
  findOrCreateOidcUser,
  findUserByEmail,
} from "@/lib/server/accounts/users";
import { getDb } from "@/lib/server/db";
import { getSecrets } from "@/lib/server/secrets";
import { authLogger } from "./auth-logger";
import { clientIp } from "./client-ip";

/** Wrong email or password: one message for both, so it does not reveal which accounts exist. */
export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

function oidcProvider(): NextAuthConfig["providers"][number] | null {
  const env = getEnv();
  if (!env.AUTH_OIDC_ISSUER || !env.AUTH_OIDC_CLIENT_ID) return null;
  return {
    id: "oidc",
    name: env.AUTH_OIDC_NAME,
    type: "oidc",
    issuer: env.AUTH_OIDC_ISSUER,
    clientId: env.AUTH_OIDC_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
    checks: ["pkce", "state"],
  };
}

export function oidcProviderInfo(): { id: string; name: string } | null {
  const env = getEnv();
  return env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID
    ? { id: "oidc", name: env.AUTH_OIDC_NAME }
    : null;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const oidc = oidcProvider();
  return {
    secret: getSecrets().authSecret,
    trustHost: true,
    logger: authLogger,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const email = typeof credentials.email === "string" ? credentials.email : "";
          const password = typeof credentials.password === "string" ? credentials.password : "";
          const ip = clientIp(request.headers);
          const verdict = loginThrottle.check(email, ip);
          if (!verdict.allowed) throw new TooManyAttempts(verdict.retryAfterSeconds);
          const user = await authenticateWithPassword(await getDb(), email, password);
          if (!user) {
            loginThrottle.recordFailure(email, ip);
            throw new InvalidCredentials();
          }
          loginThrottle.recordSuccess(email, ip);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.type !== "oidc") return true;
        if (!user.email) return "/login?error=oidc_no_email";
        const local = await findOrCreateOidcUser(
          await getDb(),
          { email: user.email, name: user.name ?? null },
          { registrationOpen: getEnv().AUTH_REGISTRATION === "open" },
        );
        return local ? true : "/login?error=registration_closed";
      },
      async jwt({ token, user, account }) {
        // `user` is present only at sign-in: pin our own user id into the token then.
        if (account?.type === "oidc" && user?.email) {
          token.uid = (await findUserByEmail(await getDb(), user.email))?.id;
        } else if (user?.id) {
          token.uid = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
});
