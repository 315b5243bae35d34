// A migrated, empty PGlite data directory, made once per Vitest run (globalSetup) and copied into
// every in-memory database the tests open: PGlite's initdb is most of a fresh open (2.5 s against
// 1 s for a copy), and about forty test files open one. The copy is named after the migrations,
// so a changed migration makes a new one; migrations still run on every open, as in the app.
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/** Where the copy for the current migrations is kept. */
export function templatePath(): string {
  const hash = createHash("sha256");
  for (const name of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const file = path.join(migrationsFolder, name);
    if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
  }
  const digest = hash.digest("hex").slice(0, 16);
  return path.join(process.cwd(), "tmp", "vitest", `pglite-template-${digest}.tar`);
}

/** The copy, when globalSetup has made it (a test file run on its own without it opens fresh). */
export function pgliteTemplate(): Blob | undefined {
  const file = templatePath();
  return fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : undefined;
}
