// Vitest globalSetup: the migrated PGlite template the harness copies (pglite-template.ts).
import fs from "node:fs";
import path from "node:path";
import { migrationsFolder, templatePath } from "./pglite-template";

export default async function setup(): Promise<void> {
  const file = templatePath();
  if (fs.existsSync(file)) return;
  // Copies made for earlier migrations are 40 MB each and never read again.
  const dir = path.dirname(file);
  for (const old of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (/^pglite-template-[0-9a-f]+\.tar$/.test(old))
      fs.rmSync(path.join(dir, old), { force: true });
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = new PGlite();
  await migrate(drizzle(client), { migrationsFolder });
  const dump = await client.dumpDataDir("none");
  await client.close();
  fs.mkdirSync(dir, { recursive: true });
  // Written whole under another name first: a parallel run never reads half a file.
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, file);
}
