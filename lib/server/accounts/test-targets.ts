// Test support: the databases the accounts tests run on — embedded PGlite in memory always, and a
// real Postgres server when TEST_DATABASE_URL is set (CI). That one persists, so tests use fresh
// emails each run.
import "server-only";
import { randomBytes } from "node:crypto";
import type { DatabaseTarget } from "@/lib/server/db/open";

export const dbTargets: { name: string; target: DatabaseTarget }[] = [
  { name: "pglite (memory)", target: { kind: "pglite", dataDir: "memory" } },
];
if (process.env.TEST_DATABASE_URL) {
  dbTargets.push({
    name: "postgres server",
    target: { kind: "postgres", url: process.env.TEST_DATABASE_URL },
  });
}

/** An email no earlier run used. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}
