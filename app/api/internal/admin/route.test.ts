import { describe, expect, it } from "vitest";
import { adminCliToken } from "@/lib/server/accounts/admin-token";
import { testVaultKey } from "@/lib/server/tasks/test-harness";
import { setupTaskHarness } from "@/lib/testing/server-harness";
import { POST } from "./route";

setupTaskHarness();

function call(body: unknown, token: string | null = adminCliToken(testVaultKey)) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return POST(
    new Request("http://localhost/api/internal/admin", {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

describe("POST /api/internal/admin", () => {
  it("refuses a missing or wrong admin token with 401 in the error shape", async () => {
    for (const token of [null, "", adminCliToken("another-vault-key"), "x".repeat(64)]) {
      const res = await call({ cmd: "user.list" }, token);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: {
          code: 401,
          type: "authentication_error",
          message: "A valid admin token is required",
        },
      });
    }
  });

  it("checks the token before it reads the body: a stranger's junk is 401, not 400", async () => {
    for (const body of ["{nope", { cmd: "no.such.command" }, "x".repeat(2 * 1024 * 1024)]) {
      const res = await call(body, null);
      expect(res.status).toBe(401);
    }
  });

  it("runs a command for the CLI", async () => {
    const res = await call({
      cmd: "user.create",
      email: "Ops@Example.com",
      password: "correct horse",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ email: "ops@example.com", isAdmin: true });
    expect(body.user).not.toHaveProperty("passwordHash");
  });

  it("answers 400 for an invalid command or body", async () => {
    const bad = await call({ cmd: "user.create", email: "nope", password: "correct horse" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 400, type: "invalid_request", message: "email: Enter a valid email address" },
    });
    expect((await call("{not json")).status).toBe(400);
    expect((await call({ cmd: "db.drop" })).status).toBe(400);
  });

  it("maps account errors to 409 and 404", async () => {
    const dup = await call({
      cmd: "user.create",
      email: "ops@example.com",
      password: "x".repeat(8),
    });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({
      error: {
        code: 409,
        type: "invalid_request",
        message: "An account with this email already exists",
      },
    });
    const missing = await call({ cmd: "user.disable", email: "ghost@example.com" });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { type: string } }).error.type).toBe("not_found");
  });
});
