// Runs before every Vitest file. Tests call route handlers directly, not through a server Next is
// running, so next/headers has no request to read and headers() would throw; here it answers as
// for a request without cookies. Everything above it is real: Auth.js's auth() runs and finds no
// session, so a call without an app token is answered 401 as it would be in production.
import { vi } from "vitest";

vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: () => Promise.resolve(new Headers({ host: "localhost:3000" })),
}));
