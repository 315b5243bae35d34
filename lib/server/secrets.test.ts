import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getEnv } from "@/lib/env";
import { loadSecrets, secretsPath } from "./secrets";

describe("loadSecrets", () => {
  let dir: string;
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it("generates missing secrets once with mode 0600 and reuses them on the next start", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-secrets-"));
    const env = getEnv({ DATA_DIR: dir });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const first = loadSecrets(env);
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.vaultKey).not.toBe(first.authSecret);
    expect(fs.statSync(secretsPath(env)).mode & 0o777).toBe(0o600);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toMatch(/generated AUTH_SECRET, VAULT_KEY once/);
    // The log line names the file, never the secret itself.
    expect(String(log.mock.calls[0]?.[0])).not.toContain(first.authSecret);

    const second = loadSecrets(env);
    expect(second).toEqual(first);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it("lets AUTH_SECRET from the environment win without rewriting the file", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-secrets-"));
    vi.spyOn(console, "log").mockImplementation(() => {});
    const generated = loadSecrets(getEnv({ DATA_DIR: dir }));
    const fromEnv = "x".repeat(40);
    const loaded = loadSecrets(getEnv({ DATA_DIR: dir, AUTH_SECRET: fromEnv }));
    expect(loaded.authSecret).toBe(fromEnv);
    expect(loaded.vaultKey).toBe(generated.vaultKey);
    expect(
      JSON.parse(fs.readFileSync(secretsPath(getEnv({ DATA_DIR: dir })), "utf8")).authSecret,
    ).toBe(generated.authSecret);
  });
});
