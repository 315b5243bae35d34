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

  it("takes VAULT_KEY's keys newest first, and keeps the stored key for what it wrote", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-secrets-"));
    vi.spyOn(console, "log").mockImplementation(() => {});
    const generated = loadSecrets(getEnv({ DATA_DIR: dir }));
    const [newest, older] = ["n".repeat(43), "o".repeat(43)];
    const loaded = loadSecrets(getEnv({ DATA_DIR: dir, VAULT_KEY: ` ${newest}, ${older} ` }));
    expect(loaded.vaultKey).toBe(`${newest},${older},${generated.vaultKey}`);
    // The stored key is not listed twice when VAULT_KEY already names it.
    const listed = loadSecrets(
      getEnv({ DATA_DIR: dir, VAULT_KEY: `${newest},${generated.vaultKey}` }),
    );
    expect(listed.vaultKey).toBe(`${newest},${generated.vaultKey}`);
    expect(JSON.parse(fs.readFileSync(secretsPath(getEnv({ DATA_DIR: dir })), "utf8"))).toEqual(
      generated,
    );
  });

  it("gives two data directories the same secrets when the environment sets them", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-secrets-"));
    vi.spyOn(console, "log").mockImplementation(() => {});
    const shared = { AUTH_SECRET: "a".repeat(40), VAULT_KEY: "v".repeat(43) };
    const one = loadSecrets(getEnv({ DATA_DIR: path.join(dir, "one"), ...shared }));
    const two = loadSecrets(getEnv({ DATA_DIR: path.join(dir, "two"), ...shared }));
    expect(one.authSecret).toBe(shared.AUTH_SECRET);
    expect(two.authSecret).toBe(shared.AUTH_SECRET);
    // New writes use the first key: the one both share.
    expect(one.vaultKey.split(",")[0]).toBe(shared.VAULT_KEY);
    expect(two.vaultKey.split(",")[0]).toBe(shared.VAULT_KEY);
    // Nothing to generate for the vault: the environment's key is the only one.
    expect(one.vaultKey).toBe(shared.VAULT_KEY);
    expect(
      JSON.parse(fs.readFileSync(path.join(dir, "one", "secrets.json"), "utf8")),
    ).not.toHaveProperty("vaultKey");
  });

  it.each([
    ["a short key", "short-key"],
    ["an empty entry", `${"k".repeat(43)},,${"j".repeat(43)}`],
    ["the same key twice", `${"k".repeat(43)},${"k".repeat(43)}`],
  ])("refuses VAULT_KEY with %s, without echoing it", (_, value) => {
    let message = "";
    try {
      getEnv({ VAULT_KEY: value });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/VAULT_KEY/);
    expect(message).not.toContain("k".repeat(43));
    expect(message).not.toContain("short-key");
  });
});
