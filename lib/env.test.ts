import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "./env";

describe("getEnv", () => {
  it("works with no configuration at all", () => {
    const env = getEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.dataDir).toBe(path.resolve(".data"));
    expect(env.AIO_BASE_URL).toBe("https://apiin.one/api/v1");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AIO_API_KEY).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    const env = getEnv({ DATABASE_URL: "", AIO_API_KEY: " ", AUTH_SECRET: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AIO_API_KEY).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it("names every bad variable in one readable error", () => {
    expect(() =>
      getEnv({ PORT: "http", DATABASE_URL: "mysql://x", PUBLIC_URL: "not a url" }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL: must be a postgres:\/\/[\s\S]*PUBLIC_URL/);
  });

  it("keeps uploads 7 days and 500 MB per user unless told otherwise", () => {
    expect(getEnv({})).toMatchObject({ UPLOAD_RETENTION_DAYS: 7, UPLOAD_QUOTA_MB: 500 });
    expect(getEnv({ UPLOAD_RETENTION_DAYS: "30", UPLOAD_QUOTA_MB: "2048" })).toMatchObject({
      UPLOAD_RETENTION_DAYS: 30,
      UPLOAD_QUOTA_MB: 2048,
    });
  });

  it.each(["0", "-1", "1.5", "seven", ""])("refuses %j as upload retention or quota", (value) => {
    expect(() => getEnv({ UPLOAD_RETENTION_DAYS: value })).toThrow(/UPLOAD_RETENTION_DAYS/);
    expect(() => getEnv({ UPLOAD_QUOTA_MB: value })).toThrow(/UPLOAD_QUOTA_MB/);
  });
});
