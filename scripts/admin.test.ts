// The admin CLI as operators run it: a real process on a real data directory.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-admin-"));
  dirs.push(dir);
  return dir;
}

/** A port nothing listens on, so "is a server running there?" has a definite answer. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function admin(dataDir: string, port: number, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn("npx", ["tsx", "--conditions=react-server", "scripts/admin.ts", ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.on("error", reject);
    proc.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run admin", () => {
  it("prints usage", async () => {
    const run = await admin(tmpDir(), 3000, "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: npm run admin -- <command> [options]");
    expect(run.stdout).toContain("token create --email E --name N");
  });

  it("refuses bad input with a clear message and exit code 1", async () => {
    const dataDir = tmpDir();
    const unknown = await admin(dataDir, 3000, "user", "drop");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "user drop"');
    const short = await admin(
      dataDir,
      3000,
      "user",
      "create",
      "--email",
      "a@b.io",
      "--password",
      "x",
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("--password: Password must be at least 8 characters");
    // Validation happens before anything touches the database.
    expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false);
  });

  it("creates, lists and disables users and creates tokens directly on a fresh embedded database", async () => {
    const dataDir = tmpDir();
    const port = await freePort();

    const created = await admin(
      dataDir,
      port,
      ...[
        "user",
        "create",
        "--email",
        "Ops@Example.com",
        "--password",
        "correct horse",
        "--name",
        "Ops",
      ],
    );
    expect(created.stderr).toContain(`directly on the embedded database in ${dataDir}`);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Created ops@example.com (admin).");

    const second = await admin(
      dataDir,
      port,
      "user",
      "create",
      "--email",
      "dev@example.com",
      "--password",
      "another one",
    );
    expect(second.stdout).toContain("Created dev@example.com.");

    const token = await admin(
      dataDir,
      port,
      "token",
      "create",
      "--email",
      "dev@example.com",
      "--name",
      "ci",
    );
    expect(token.code).toBe(0);
    const lines = token.stdout.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^ais_[A-Za-z0-9_-]{43}$/);

    const disabled = await admin(dataDir, port, "user", "disable", "--email", "DEV@example.com");
    expect(disabled.code).toBe(0);

    const listed = await admin(dataDir, port, "user", "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS/m);
    expect(listed.stdout).toMatch(/ops@example\.com\s+Ops\s+admin\s+active/);
    expect(listed.stdout).toMatch(/dev@example\.com\s+user\s+disabled/);

    const json = await admin(dataDir, port, "user", "list", "--json");
    const parsed = JSON.parse(json.stdout) as { via: string; users: { email: string }[] };
    expect(parsed.via).toBe("embedded");
    expect(parsed.users.map((u) => u.email)).toEqual(["ops@example.com", "dev@example.com"]);
    expect(json.stdout).not.toMatch(/scrypt|passwordHash/);

    // Each run released the lock on exit.
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  }, 300_000);

  it("refuses cleanly when a live process that is not a reachable server holds the database", async () => {
    const dataDir = tmpDir();
    const port = await freePort();
    fs.writeFileSync(
      path.join(dataDir, "secrets.json"),
      JSON.stringify({ authSecret: "a".repeat(43), vaultKey: "b".repeat(43) }),
      { mode: 0o600 },
    );
    const lock = path.join(dataDir, "pglite.lock");
    const holder = spawn(process.execPath, [
      "-e",
      `require("fs").writeFileSync(${JSON.stringify(lock)}, String(process.pid)); setTimeout(() => {}, 60000)`,
    ]);
    try {
      await new Promise((r) => setTimeout(r, 300));
      const run = await admin(dataDir, port, "user", "list");
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`in use by process ${holder.pid}`);
      expect(run.stderr).toContain(`no Studio server answered at http://localhost:${port}`);
      expect(run.stderr).toContain("PORT=");
      // It neither opened the database nor took the lock.
      expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false);
      expect(fs.readFileSync(lock, "utf8")).toBe(String(holder.pid));

      fs.rmSync(path.join(dataDir, "secrets.json"));
      const noSecrets = await admin(dataDir, port, "user", "list");
      expect(noSecrets.code).toBe(1);
      expect(noSecrets.stderr).toContain("is not a Studio server for this DATA_DIR");
    } finally {
      holder.kill();
    }
  }, 60_000);
});
