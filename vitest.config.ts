import path from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Files that spend minutes waiting on a real clock (a key's minute of budget), not computing: they
// start first, in a worker of their own, while the others share the cores.
const waitsOnTheClock = ["lib/server/tracker/burst.test.ts"];

class ClockBoundFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const waits = (f: TestSpecification) =>
      waitsOnTheClock.some((name) => f.moduleId.endsWith(name));
    return [...sorted.filter(waits), ...sorted.filter((f) => !waits(f))];
  }
}

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    environment: "node",
    // Vitest's default is one worker fewer than the cores: one on a two-core machine. Most suites
    // wait on HTTP, timers and the database rather than compute, so two share the cores and a
    // third holds the file that waits on the clock (above): 433 s with two, 284 s with three and
    // the template below, in clean-clone CI rehearsals (`--maxWorkers` overrides it).
    maxWorkers: 3,
    sequence: { sequencer: ClockBoundFirst },
    // Stands in for the request scope Next gives route handlers (see the file).
    setupFiles: ["lib/testing/vitest-setup.ts"],
    // A migrated PGlite data directory the in-memory test databases start from.
    globalSetup: ["lib/testing/vitest-global-setup.ts"],
    // next-auth imports "next/server" without an extension; inlined, Vite resolves it.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // server-only throws outside a React Server environment; tests run server modules directly.
    alias: { "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") },
  },
});
