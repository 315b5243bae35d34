// The admin CLI against the server's own embedded database: through the running server while it
// owns the data directory, directly once it has stopped — and both see the same accounts.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { startStudio, stopStudio } from "./support/server";

const port = 3191;
const dataDir = path.resolve("tmp/e2e-admin");
const serverEnv = {
  PORT: String(port),
  DATA_DIR: dataDir,
  AUTH_SECRET: "",
  AIO_API_KEY: "",
  DATABASE_URL: "",
};

const startServer = () => startStudio(port, serverEnv);
const stopServer = stopStudio;

/** Runs `npm run admin -- …` the way an operator would, with the server's environment. */
function admin(
  ...args: string[]
): Promise<{ code: number | null; output: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn("npx", ["tsx", "--conditions=react-server", "scripts/admin.ts", ...args], {
      env: { ...process.env, ...serverEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let stdout = "";
    proc.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      stdout += d.toString();
    });
    proc.stderr.on("data", (d: Buffer) => (output += d.toString()));
    proc.on("error", reject);
    proc.on("close", (code) => resolve({ code, output, stdout }));
  });
}

test.describe.configure({ mode: "serial" });

test("the admin CLI goes through a running server and directly once it stops", async () => {
  test.setTimeout(240_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const email = "operator@example.com";

  const server = await startServer();
  try {
    const created = await admin("user", "create", "--email", email, "--password", "correct horse");
    expect(created.output).toContain(`via the running server at http://localhost:${port}`);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain(`Created ${email} (admin).`);

    const token = await admin("token", "create", "--email", email, "--name", "e2e");
    expect(token.code, token.output).toBe(0);
    expect(token.output).toContain("via the running server");
    expect(token.stdout.trim().split("\n").at(-1)).toMatch(/^ais_[A-Za-z0-9_-]{43}$/);

    const listed = await admin("user", "list");
    expect(listed.code, listed.output).toBe(0);
    expect(listed.output).toContain("via the running server");
    expect(listed.stdout).toMatch(/operator@example\.com\s+admin\s+active\s+password/);

    const duplicate = await admin("user", "create", "--email", email, "--password", "another one");
    expect(duplicate.code).toBe(1);
    expect(duplicate.output).toContain("An account with this email already exists");

    // The route itself: no admin token, no command.
    const refused = await fetch(`http://localhost:${port}/api/internal/admin`, {
      method: "POST",
      headers: { authorization: `Bearer ${"0".repeat(64)}`, "content-type": "application/json" },
      body: JSON.stringify({ cmd: "user.list" }),
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      error: { code: 401, type: "authentication_error" },
    });
    expect(server.output()).not.toMatch(/ais_[A-Za-z0-9_-]{20,}/);
  } finally {
    await stopServer(server.proc);
  }

  const direct = await admin("user", "list", "--json");
  expect(direct.code, direct.output).toBe(0);
  expect(direct.output).toContain(`directly on the embedded database in ${dataDir}`);
  const parsed = JSON.parse(direct.stdout) as { via: string; users: { email: string }[] };
  expect(parsed.via).toBe("embedded");
  expect(parsed.users.map((u) => u.email)).toEqual([email]);
});
