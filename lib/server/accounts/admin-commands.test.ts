import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/lib/server/db/open";
import { adminCommandSchema, adminResultSchema, runAdminCommand } from "./admin-commands";
import { adminCliToken, verifyAdminCliToken } from "./admin-token";
import { dbTargets, uniqueEmail } from "./test-targets";
import { authenticateAppToken } from "./tokens";
import { authenticateWithPassword } from "./users";

describe("adminCommandSchema", () => {
  it("accepts each command and normalises emails", () => {
    expect(
      adminCommandSchema.parse({ cmd: "user.create", email: " Ada@X.io ", password: "12345678" }),
    ).toEqual({ cmd: "user.create", email: "ada@x.io", password: "12345678" });
    expect(adminCommandSchema.parse({ cmd: "user.list" })).toEqual({ cmd: "user.list" });
    expect(adminCommandSchema.safeParse({ cmd: "user.drop" }).success).toBe(false);
    expect(adminCommandSchema.safeParse({ cmd: "token.create", email: "a@x.io" }).success).toBe(
      false,
    );
  });
});

describe("the admin CLI token", () => {
  it("is an HMAC of the vault key that only that key verifies", () => {
    const token = adminCliToken("vault-key-one");
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyAdminCliToken(token, "vault-key-one")).toBe(true);
    expect(verifyAdminCliToken(token, "vault-key-two")).toBe(false);
    expect(verifyAdminCliToken("", "vault-key-one")).toBe(false);
    expect(verifyAdminCliToken(token.slice(0, -1), "vault-key-one")).toBe(false);
  });
});

describe.each(dbTargets)("runAdminCommand on $name", ({ target }) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openDatabase(target);
  });
  afterAll(() => opened?.close());

  it("creates, lists, disables and enables users, never returning hashes", async () => {
    const email = uniqueEmail("admin-cmd");
    const created = await runAdminCommand(opened.db, {
      cmd: "user.create",
      email,
      password: "correct horse",
      name: "Ada",
      admin: true,
    });
    expect(adminResultSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({
      cmd: "user.create",
      user: { email, name: "Ada", isAdmin: true, hasPassword: true, disabledAt: null },
    });
    expect(JSON.stringify(created)).not.toMatch(/scrypt|passwordHash|correct horse/);

    const listed = await runAdminCommand(opened.db, { cmd: "user.list" });
    if (listed.cmd !== "user.list") throw new Error("wrong result");
    expect(listed.users.map((u) => u.email)).toContain(email);
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|passwordHash/);

    const disabled = await runAdminCommand(opened.db, { cmd: "user.disable", email });
    expect(disabled).toMatchObject({ user: { email, disabledAt: expect.any(String) } });
    expect(await authenticateWithPassword(opened.db, email, "correct horse")).toBeNull();
    await expect(
      runAdminCommand(opened.db, { cmd: "token.create", email, name: "ci" }),
    ).rejects.toMatchObject({ code: "invalid" });

    const enabled = await runAdminCommand(opened.db, { cmd: "user.enable", email });
    expect(enabled).toMatchObject({ user: { email, disabledAt: null } });
    expect(await authenticateWithPassword(opened.db, email, "correct horse")).not.toBeNull();
  });

  it("creates a token that authenticates as the user", async () => {
    const email = uniqueEmail("admin-token");
    await runAdminCommand(opened.db, { cmd: "user.create", email, password: "correct horse" });
    const result = await runAdminCommand(opened.db, { cmd: "token.create", email, name: "ci" });
    if (result.cmd !== "token.create") throw new Error("wrong result");
    expect(result.token).toMatch(/^ais_/);
    expect(result.prefix).toBe(result.token.slice(0, 10));
    expect((await authenticateAppToken(opened.db, result.token))?.email).toBe(email);
  });

  it("reports expected failures as AccountErrors", async () => {
    const email = uniqueEmail("admin-dup");
    await runAdminCommand(opened.db, { cmd: "user.create", email, password: "correct horse" });
    await expect(
      runAdminCommand(opened.db, { cmd: "user.create", email, password: "correct horse" }),
    ).rejects.toMatchObject({ code: "email_taken" });
    await expect(
      runAdminCommand(opened.db, { cmd: "user.disable", email: uniqueEmail("ghost") }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      runAdminCommand(opened.db, { cmd: "token.create", email: uniqueEmail("ghost"), name: "x" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      runAdminCommand(opened.db, { cmd: "user.create", email: "bad", password: "correct horse" }),
    ).rejects.toMatchObject({ code: "invalid", message: "email: Enter a valid email address" });
  });
});
