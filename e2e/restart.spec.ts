// A second start reuses the generated secrets and the data; nothing else may open the embedded
// database while the server owns it.
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../lib/server/db/open";
import { DataDirLockedError } from "../lib/server/db/lock";
import { expect, test } from "./fixtures";
import { startStudio, stopStudio } from "./support/server";
import { anonymous, registerThroughUi } from "./support/accounts";

test.use({ storageState: anonymous });

const port = 3190;
const dataDir = path.resolve("tmp/e2e-restart");

const startServer = () =>
  startStudio(port, { DATA_DIR: dataDir, AUTH_SECRET: "", AIO_API_KEY: "", DATABASE_URL: "" });
const stopServer = stopStudio;

test.describe.configure({ mode: "serial" });

test("a second start reuses the generated secrets and the same database", async ({ context }) => {
  test.setTimeout(240_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const base = `http://localhost:${port}`;

  const first = await startServer();
  const secretsFile = path.join(dataDir, "secrets.json");
  const secrets = fs.readFileSync(secretsFile, "utf8");
  expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
  expect(first.output()).toMatch(/generated AUTH_SECRET, VAULT_KEY once/);
  // The first account on a fresh server; its session must survive the restart (same AUTH_SECRET).
  // Each server lifetime gets its own tab, closed before the server stops, so no prefetch is cut off.
  const before = await context.newPage();
  await registerThroughUi(before, {
    email: "restart@example.com",
    password: "restart-password",
    base,
  });
  await before.goto(`${base}/settings`);
  const installedAt = await before.getByTestId("installed-at").getAttribute("datetime");
  expect(installedAt).toBeTruthy();
  await before.close();

  // While the server owns the embedded database, another process is refused, not let in.
  await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toBeInstanceOf(
    DataDirLockedError,
  );
  await stopServer(first.proc);

  const second = await startServer();
  try {
    expect(fs.readFileSync(secretsFile, "utf8")).toBe(secrets);
    expect(second.output()).not.toMatch(/generated/);
    // Still signed in: the session cookie verifies with the reused secret.
    const after = await context.newPage();
    await after.goto(`${base}/settings`);
    await expect(after.getByTestId("installed-at")).toHaveAttribute("datetime", installedAt!);
    await after.close();
  } finally {
    await stopServer(second.proc);
  }
});
