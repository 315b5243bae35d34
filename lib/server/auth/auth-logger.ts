// What Auth.js reports, in the Studio's log: one line each. A session cookie this server cannot
// read (forged, tampered with, or signed before AUTH_SECRET changed) is simply no session, which
// Auth.js would report with a stack trace on every request that carries it; a wrong password is
// the sign-in form's business. Everything else stays an error, with what caused it.
import "server-only";
import type { NextAuthConfig } from "next-auth";
import { logger } from "@/lib/server/logger";

type AuthLogger = NonNullable<NextAuthConfig["logger"]>;

export const unreadableSessionNote =
  "auth: a session cookie could not be read (forged, tampered with, or from another AUTH_SECRET); treated as signed out";

export const authLogger = {
  error(error: Error) {
    // Auth.js errors carry their kind in `type` (class names do not survive minification).
    const kind = (error as Error & { type?: string }).type ?? error.name;
    if (kind === "JWTSessionError") {
      logger.warn(unreadableSessionNote);
      return;
    }
    if (kind === "CredentialsSignin") return;
    const cause =
      error.cause instanceof Error ? ` (${error.cause.name}: ${error.cause.message})` : "";
    logger.error(`auth: ${kind}: ${error.message}${cause}`);
  },
  warn(code: string) {
    logger.warn(`auth: ${code}`);
  },
  debug() {},
} satisfies AuthLogger;
