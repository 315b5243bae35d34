import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/lib/server/db/open";
import { freshPostgresSchema } from "@/lib/testing/postgres-schema";
import { pgliteTemplate } from "@/lib/testing/pglite-template";
import { dbTargets, uniqueEmail } from "./test-targets";
import {
  AccountError,
  authenticateWithPassword,
  createUser,
  emailSchema,
  findOrCreateOidcUser,
  findUserByEmail,
  getUserById,
  listUsers,
  normalizeEmail,
  setUserDisabled,
} from "./users";

const password = "correct horse battery";

describe("emails", () => {
  it("normalises case and whitespace", () => {
    expect(normalizeEmail("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(emailSchema.parse(" Ada@Example.COM")).toBe("ada@example.com");
    expect(emailSchema.safeParse("not-an-email").error?.issues[0]?.message).toBe(
      "Enter a valid email address",
    );
  });
});

describe.each(dbTargets)("users on $name", ({ target }) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openDatabase(target);
  });
  afterAll(() => opened?.close());

  // The first-user rule needs an empty users table: the in-memory database is one; on the
  // persistent Postgres server the test gets a fresh schema of its own.
  it("makes the first user admin, and only the first, even when they race", async () => {
    const schema = target.kind === "postgres" ? freshPostgresSchema(target.url) : undefined;
    const fresh = schema ? await openDatabase({ kind: "postgres", url: schema.url }) : opened;
    try {
      const emails = Array.from({ length: 5 }, (_, i) => uniqueEmail(`race${i}`));
      const created = await Promise.all(
        emails.map((email) => createUser(fresh.db, { email, password })),
      );
      expect(created.filter((u) => u.isAdmin)).toHaveLength(1);
      const later = await createUser(fresh.db, { email: uniqueEmail("later"), password });
      expect(later.isAdmin).toBe(false);
    } finally {
      if (schema) {
        await fresh.close();
        await schema.drop();
      }
    }
  });

  it("creates admins on request and users otherwise", async () => {
    const admin = await createUser(opened.db, {
      email: uniqueEmail("op"),
      password,
      isAdmin: true,
    });
    const user = await createUser(opened.db, { email: uniqueEmail("plain"), password });
    expect(admin.isAdmin).toBe(true);
    expect(user.isAdmin).toBe(false);
  });

  it("stores a normalised email, a name, and a hash rather than the password", async () => {
    const email = uniqueEmail("Ada");
    const user = await createUser(opened.db, {
      email: `  ${email.toUpperCase()} `,
      password,
      name: " Ada ",
    });
    expect(user.email).toBe(email.toLowerCase());
    expect(user.name).toBe("Ada");
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(password);
    expect(await getUserById(opened.db, user.id)).toEqual(user);
    expect(await findUserByEmail(opened.db, email.toUpperCase())).toEqual(user);
    expect((await listUsers(opened.db)).map((u) => u.id)).toContain(user.id);
  });

  it("refuses a duplicate email regardless of case", async () => {
    const email = uniqueEmail("dup");
    await createUser(opened.db, { email, password });
    const again = createUser(opened.db, {
      email: email.toUpperCase(),
      password: "another password",
    });
    await expect(again).rejects.toBeInstanceOf(AccountError);
    await expect(again).rejects.toMatchObject({
      code: "email_taken",
      message: "An account with this email already exists",
    });
  });

  it("rejects invalid input with code invalid", async () => {
    await expect(createUser(opened.db, { email: "nope", password })).rejects.toMatchObject({
      code: "invalid",
      message: "Enter a valid email address",
    });
    await expect(
      createUser(opened.db, { email: uniqueEmail("short"), password: "short" }),
    ).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses self-registration once accounts exist when registration is closed", async () => {
    // Users exist by now on every target.
    await expect(
      createUser(
        opened.db,
        { email: uniqueEmail("closed"), password },
        { registrationOpen: false },
      ),
    ).rejects.toMatchObject({ code: "registration_closed" });
  });

  it("returns null for unknown ids and emails", async () => {
    expect(await getUserById(opened.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getUserById(opened.db, "not-a-uuid")).toBeNull();
    expect(await findUserByEmail(opened.db, uniqueEmail("ghost"))).toBeNull();
  });

  it("authenticates by password, case-insensitively by email", async () => {
    const email = uniqueEmail("login");
    const user = await createUser(opened.db, { email, password });
    expect((await authenticateWithPassword(opened.db, email.toUpperCase(), password))?.id).toBe(
      user.id,
    );
    expect(await authenticateWithPassword(opened.db, email, "wrong password")).toBeNull();
    expect(await authenticateWithPassword(opened.db, uniqueEmail("ghost"), password)).toBeNull();
  });

  it("spends scrypt work on unknown emails too", async () => {
    const email = uniqueEmail("timing");
    await createUser(opened.db, { email, password });
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    await authenticateWithPassword(opened.db, uniqueEmail("warm"), password); // builds the dummy hash
    const known = await time(() => authenticateWithPassword(opened.db, email, "wrong password"));
    const unknown = await time(() =>
      authenticateWithPassword(opened.db, uniqueEmail("ghost"), password),
    );
    // Both include a full scrypt verification (tens of milliseconds), not a fast "no such user".
    expect(unknown).toBeGreaterThan(known / 3);
  });

  it("blocks password sign-in for disabled users until they are enabled", async () => {
    const email = uniqueEmail("disabled");
    await createUser(opened.db, { email, password });
    const disabled = await setUserDisabled(opened.db, email.toUpperCase(), true);
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    const again = await setUserDisabled(opened.db, email, true);
    expect(again.disabledAt?.getTime()).toBe(disabled.disabledAt?.getTime());
    expect(await authenticateWithPassword(opened.db, email, password)).toBeNull();
    const enabled = await setUserDisabled(opened.db, email, false);
    expect(enabled.disabledAt).toBeNull();
    expect(await authenticateWithPassword(opened.db, email, password)).not.toBeNull();
  });

  it("reports an unknown email when disabling", async () => {
    await expect(setUserDisabled(opened.db, uniqueEmail("ghost"), true)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  describe("OIDC", () => {
    it("creates a passwordless user while registration is open, then finds it again", async () => {
      const email = uniqueEmail("oidc");
      const created = await findOrCreateOidcUser(
        opened.db,
        { email: email.toUpperCase(), name: "Grace" },
        { registrationOpen: true },
      );
      expect(created).toMatchObject({ email, name: "Grace", passwordHash: null, isAdmin: false });
      const found = await findOrCreateOidcUser(
        opened.db,
        { email, name: "Other name" },
        { registrationOpen: false },
      );
      expect(found?.id).toBe(created?.id);
      // An OIDC-only account has no password to sign in with.
      expect(await authenticateWithPassword(opened.db, email, password)).toBeNull();
    });

    it("signs existing password users in by email even when registration is closed", async () => {
      const email = uniqueEmail("both");
      const user = await createUser(opened.db, { email, password });
      const found = await findOrCreateOidcUser(opened.db, { email }, { registrationOpen: false });
      expect(found?.id).toBe(user.id);
    });

    it("creates nobody new while registration is closed", async () => {
      const email = uniqueEmail("closed-oidc");
      expect(
        await findOrCreateOidcUser(opened.db, { email }, { registrationOpen: false }),
      ).toBeNull();
      expect(await findUserByEmail(opened.db, email)).toBeNull();
    });

    it("refuses disabled accounts", async () => {
      const email = uniqueEmail("oidc-disabled");
      await findOrCreateOidcUser(opened.db, { email }, { registrationOpen: true });
      await setUserDisabled(opened.db, email, true);
      expect(
        await findOrCreateOidcUser(opened.db, { email }, { registrationOpen: true }),
      ).toBeNull();
    });
  });
});

describe("the first account on an empty database", () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openDatabase({ kind: "pglite", dataDir: "memory", from: pgliteTemplate() });
  });
  afterAll(() => opened?.close());

  it("is created through OIDC even with registration closed, and is the admin", async () => {
    const first = await findOrCreateOidcUser(
      opened.db,
      { email: uniqueEmail("first") },
      { registrationOpen: false },
    );
    expect(first?.isAdmin).toBe(true);
    expect(
      await findOrCreateOidcUser(
        opened.db,
        { email: uniqueEmail("second") },
        { registrationOpen: false },
      ),
    ).toBeNull();
  });
});
