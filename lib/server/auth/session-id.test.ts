import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setSecretsForTests } from "@/lib/server/secrets";

// The request's headers as next/headers hands them to a route (and to Auth.js inside auth()).
let requestHeaders = new Headers();
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: async () => requestHeaders,
}));

// Auth.js itself runs; the wrapper only counts how often it is asked.
let authRuns = 0;
vi.mock("./auth", async (importOriginal) => {
  const real = await importOriginal<typeof import("./auth")>();
  return {
    ...real,
    auth: () => {
      authRuns++;
      return (real.auth as () => Promise<unknown>)();
    },
  };
});

const { sessionUserId } = await import("./session-id");

const secret = randomBytes(32).toString("base64url");
const cookieName = "authjs.session-token";

async function sessionCookie(uid: string, maxAge = 3600): Promise<string> {
  const token = await encode({ token: { uid, sub: uid }, secret, salt: cookieName, maxAge });
  return `${cookieName}=${token}`;
}

function request(cookie: string, proto = "http") {
  requestHeaders = new Headers({ host: "localhost:3000", "x-forwarded-proto": proto, cookie });
}

describe("sessionUserId (who the session cookie names)", () => {
  beforeAll(() => setSecretsForTests({ authSecret: secret, vaultKey: "unused" }));
  afterAll(() => setSecretsForTests(undefined));
  beforeEach(() => {
    authRuns = 0;
  });

  it("is the signed-in user's id, and the same cookie again is not decrypted again", async () => {
    const uid = randomUUID();
    request(await sessionCookie(uid));
    expect(await sessionUserId()).toBe(uid);
    expect(await sessionUserId()).toBe(uid);
    expect(authRuns).toBe(1);
  });

  it("tells two users' cookies apart", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const [cookieA, cookieB] = [await sessionCookie(a), await sessionCookie(b)];
    request(cookieA);
    expect(await sessionUserId()).toBe(a);
    request(cookieB);
    expect(await sessionUserId()).toBe(b);
    request(cookieA);
    expect(await sessionUserId()).toBe(a);
    expect(authRuns).toBe(2);
  });

  it("is null without a cookie, with a tampered one and with an expired one", async () => {
    request("");
    expect(await sessionUserId()).toBeNull();
    const good = await sessionCookie(randomUUID());
    request(good.slice(0, -6) + (good.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA"));
    expect(await sessionUserId()).toBeNull();
    request(await sessionCookie(randomUUID(), -60));
    expect(await sessionUserId()).toBeNull();
  });

  it("over https reads only the __Secure- cookie, though the same header was valid over http", async () => {
    const uid = randomUUID();
    const cookie = await sessionCookie(uid);
    request(cookie, "http");
    expect(await sessionUserId()).toBe(uid);
    request(cookie, "https");
    expect(await sessionUserId()).toBeNull();
    expect(authRuns).toBe(2);
  });
});
