import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/lib/server/db/open";
import { appTokens } from "@/lib/server/db/schema";
import { dbTargets, uniqueEmail } from "./test-targets";
import {
  authenticateAppToken,
  createAppToken,
  listAppTokens,
  revokeAppToken,
  tokenCacheTtlMs,
  tokenNameSchema,
} from "./tokens";
import { createUser, setUserDisabled, type User } from "./users";

describe("tokenNameSchema", () => {
  it("accepts 1–64 characters after trimming", () => {
    expect(tokenNameSchema.parse("  ci  ")).toBe("ci");
    expect(tokenNameSchema.safeParse("x".repeat(64)).success).toBe(true);
    expect(tokenNameSchema.safeParse("x".repeat(65)).success).toBe(false);
    expect(tokenNameSchema.safeParse("   ").error?.issues[0]?.message).toBe(
      "Give the token a name",
    );
  });
});

describe.each(dbTargets)("app tokens on $name", ({ target }) => {
  let opened: OpenedDatabase;
  let ada: User;
  let bob: User;
  beforeAll(async () => {
    opened = await openDatabase(target);
    ada = await createUser(opened.db, { email: uniqueEmail("ada"), password: "password one" });
    bob = await createUser(opened.db, { email: uniqueEmail("bob"), password: "password two" });
  });
  afterAll(() => opened?.close());

  it("creates an ais_ token shown once and stores only its hash", async () => {
    const { token, record } = await createAppToken(opened.db, ada.id, "laptop");
    expect(token).toMatch(/^ais_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: "laptop", prefix: token.slice(0, 10), revokedAt: null });
    expect(record).not.toHaveProperty("tokenHash");

    const [row] = await opened.db.select().from(appTokens).where(eq(appTokens.id, record.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(10));
  });

  it("authenticates a live token as its owner and records when it was used", async () => {
    const { token, record } = await createAppToken(opened.db, ada.id, "script");
    const user = await authenticateAppToken(opened.db, token);
    expect(user?.id).toBe(ada.id);
    const [listed] = (await listAppTokens(opened.db, ada.id)).filter((t) => t.id === record.id);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);

    // A second use within the minute does not write again.
    await authenticateAppToken(opened.db, token);
    const [again] = (await listAppTokens(opened.db, ada.id)).filter((t) => t.id === record.id);
    expect(again?.lastUsedAt?.getTime()).toBe(listed?.lastUsedAt?.getTime());
  });

  it("updates lastUsedAt again once it is a minute old", async () => {
    const { token, record } = await createAppToken(opened.db, ada.id, "old");
    const old = new Date(Date.now() - 5 * 60_000);
    await opened.db.update(appTokens).set({ lastUsedAt: old }).where(eq(appTokens.id, record.id));
    await authenticateAppToken(opened.db, token);
    const [row] = await opened.db.select().from(appTokens).where(eq(appTokens.id, record.id));
    expect(row!.lastUsedAt!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  it("rejects unknown and malformed tokens", async () => {
    const { token } = await createAppToken(opened.db, ada.id, "real");
    const unknown = `ais_${"A".repeat(43)}`;
    for (const candidate of [
      unknown,
      "",
      "ais_",
      token.slice(0, -1),
      token + "x",
      "aio_" + token.slice(4),
    ]) {
      expect(await authenticateAppToken(opened.db, candidate)).toBeNull();
    }
  });

  it("lists a user's tokens newest first, and only theirs", async () => {
    const first = await createAppToken(opened.db, bob.id, "first");
    const second = await createAppToken(opened.db, bob.id, "second");
    const listed = await listAppTokens(opened.db, bob.id);
    const ids = listed.map((t) => t.id);
    expect(ids.indexOf(second.record.id)).toBeLessThan(ids.indexOf(first.record.id));
    expect(listed.every((t) => !("tokenHash" in t))).toBe(true);
    const adasIds = (await listAppTokens(opened.db, ada.id)).map((t) => t.id);
    expect(adasIds).not.toContain(first.record.id);
  });

  it("revokes a token: it stops authenticating and stays listed with revokedAt", async () => {
    const { token, record } = await createAppToken(opened.db, ada.id, "to revoke");
    expect(await revokeAppToken(opened.db, ada.id, record.id)).toBe(true);
    expect(await revokeAppToken(opened.db, ada.id, record.id)).toBe(false);
    expect(await authenticateAppToken(opened.db, token)).toBeNull();
    const listed = (await listAppTokens(opened.db, ada.id)).find((t) => t.id === record.id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
  });

  it("never lets another user revoke a token", async () => {
    const { token, record } = await createAppToken(opened.db, ada.id, "mine");
    expect(await revokeAppToken(opened.db, bob.id, record.id)).toBe(false);
    expect((await authenticateAppToken(opened.db, token))?.id).toBe(ada.id);
    expect(await revokeAppToken(opened.db, bob.id, "not-a-uuid")).toBe(false);
    expect(await revokeAppToken(opened.db, bob.id, "00000000-0000-4000-8000-000000000000")).toBe(
      false,
    );
  });

  it("stops a disabled user's tokens, and lets them work again when enabled", async () => {
    const carol = await createUser(opened.db, {
      email: uniqueEmail("carol"),
      password: "password 3",
    });
    const { token } = await createAppToken(opened.db, carol.id, "ci");
    await setUserDisabled(opened.db, carol.email, true);
    expect(await authenticateAppToken(opened.db, token)).toBeNull();
    await setUserDisabled(opened.db, carol.email, false);
    expect((await authenticateAppToken(opened.db, token))?.id).toBe(carol.id);
  });

  it("refuses a token at once when revoked or its owner disabled, even right after a use", async () => {
    const dora = await createUser(opened.db, {
      email: uniqueEmail("dora"),
      password: "password 4",
    });
    const first = await createAppToken(opened.db, dora.id, "cached then revoked");
    const second = await createAppToken(opened.db, dora.id, "cached then disabled");
    const cached = { cache: true };
    expect((await authenticateAppToken(opened.db, first.token, cached))?.id).toBe(dora.id);
    expect((await authenticateAppToken(opened.db, second.token, cached))?.id).toBe(dora.id);
    await revokeAppToken(opened.db, dora.id, first.record.id);
    expect(await authenticateAppToken(opened.db, first.token, cached)).toBeNull();
    expect((await authenticateAppToken(opened.db, second.token, cached))?.id).toBe(dora.id);
    await setUserDisabled(opened.db, dora.email, true);
    expect(await authenticateAppToken(opened.db, second.token, cached)).toBeNull();
  });

  it("without the cache (a shared database): a revocation made by another process counts at once", async () => {
    const { token, record } = await createAppToken(opened.db, ada.id, "revoked next door");
    expect((await authenticateAppToken(opened.db, token))?.id).toBe(ada.id);
    // What another instance on the same Postgres database does.
    await opened.db
      .update(appTokens)
      .set({ revokedAt: new Date() })
      .where(eq(appTokens.id, record.id));
    expect(await authenticateAppToken(opened.db, token)).toBeNull();
  });

  it("with the cache (the embedded database, one process): an outside revocation counts within its lifetime", async () => {
    const cached = { cache: true };
    const { token, record } = await createAppToken(opened.db, ada.id, "revoked elsewhere");
    expect((await authenticateAppToken(opened.db, token, cached))?.id).toBe(ada.id);
    // What another app process on the same Postgres database would do.
    await opened.db
      .update(appTokens)
      .set({ revokedAt: new Date() })
      .where(eq(appTokens.id, record.id));
    expect((await authenticateAppToken(opened.db, token, cached))?.id).toBe(ada.id);
    await new Promise((resolve) => setTimeout(resolve, tokenCacheTtlMs + 100));
    expect(await authenticateAppToken(opened.db, token, cached)).toBeNull();
  });

  it("rejects a bad name", async () => {
    await expect(createAppToken(opened.db, ada.id, "")).rejects.toMatchObject({ code: "invalid" });
  });
});
