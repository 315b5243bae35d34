import { describe, expect, it } from "vitest";
import { hashPassword, passwordSchema, verifyPassword } from "./password";

describe("password hashing", () => {
  it("round-trips and stores the scrypt parameters with the hash", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same password"),
      hashPassword("same password"),
    ]);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
  });

  it("rejects a tampered or malformed hash instead of throwing", async () => {
    const stored = await hashPassword("correct horse battery");
    const parts = stored.split("$");
    const hash = Buffer.from(parts[5]!, "base64url");
    hash[0] = hash[0]! ^ 1;
    const tampered = [...parts.slice(0, 5), hash.toString("base64url")].join("$");
    expect(await verifyPassword("correct horse battery", tampered)).toBe(false);

    const otherSalt = [...parts.slice(0, 4), "AAAAAAAAAAAAAAAAAAAAAA", parts[5]].join("$");
    expect(await verifyPassword("correct horse battery", otherSalt)).toBe(false);

    for (const bad of ["", "plain", "bcrypt$x", stored.replace("scrypt$32768", "scrypt$30000")]) {
      expect(await verifyPassword("correct horse battery", bad)).toBe(false);
    }
    // A cost far beyond ours is refused rather than computed.
    const huge = stored.replace("scrypt$32768", `scrypt$${2 ** 24}`);
    expect(await verifyPassword("correct horse battery", huge)).toBe(false);
  });

  it("validates length with readable messages", () => {
    expect(passwordSchema.safeParse("12345678").success).toBe(true);
    expect(passwordSchema.safeParse("x".repeat(200)).success).toBe(true);
    const short = passwordSchema.safeParse("1234567");
    expect(short.error?.issues[0]?.message).toBe("Password must be at least 8 characters");
    const long = passwordSchema.safeParse("x".repeat(201));
    expect(long.error?.issues[0]?.message).toBe("Password must be at most 200 characters");
  });
});
