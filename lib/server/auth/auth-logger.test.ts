import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger, unreadableSessionNote } from "./auth-logger";

function captured() {
  const lines: string[] = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((line: unknown) => void lines.push(String(line)));
  }
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** As Auth.js makes them: the kind in `type` (the class name may be minified away). */
function authError(type: string, message: string, cause?: Error): Error {
  const error = Object.assign(new Error(message, cause ? { cause } : undefined), { type });
  error.name = "Y";
  return error;
}

describe("authLogger", () => {
  it("an unreadable session cookie is one warning line, not a stack trace", () => {
    const lines = captured();
    authLogger.error(
      authError(
        "JWTSessionError",
        "Read more at https://errors.authjs.dev",
        new Error("decryption operation failed"),
      ),
    );
    expect(lines).toEqual([`[studio] ${unreadableSessionNote}`]);
  });

  it("a wrong password is left to the sign-in form; other errors stay errors with their cause", () => {
    const lines = captured();
    authLogger.error(authError("CredentialsSignin", "Read more"));
    expect(lines).toEqual([]);
    authLogger.error(authError("OAuthCallbackError", "state mismatch", new TypeError("bad state")));
    expect(lines).toEqual([
      "[studio] auth: OAuthCallbackError: state mismatch (TypeError: bad state)",
    ]);
  });
});
