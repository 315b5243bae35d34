// The library's list at scale: 100,000 tasks for one user (and a few thousand for others), then
// each kind of page the gallery asks for, timed through listTaskPage (the function
// GET /api/v1/tasks calls), on embedded PGlite and, when a server is given, on Postgres.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { taskListQuerySchema, type TaskListQuery } from "@/lib/schemas/tasks";
import type { Database } from "@/lib/server/db";
import { openDatabase, type OpenedDatabase } from "@/lib/server/db/open";
import { listTaskPage } from "@/lib/server/tasks/task-list";
import { freshPostgresSchema } from "@/lib/testing/postgres-schema";
import { log } from "./app-server";
import { percentile } from "./stats";
import { seedLibrary } from "./library-seed";

export const libraryTargetP95Ms = 20;
const deepPage = 250;

export interface LibraryCase {
  name: string;
  query: string;
  p50: number;
  p95: number;
  rows: number;
}

export interface LibraryRun {
  database: string;
  tasks: number;
  seedMs: number;
  iterations: number;
  cases: LibraryCase[];
}

const day = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** The gallery's pages, as query strings (a cursor is added for the deep one). */
function cases(): { name: string; query: Record<string, string> }[] {
  return [
    { name: "first page", query: {} },
    { name: `deep page (page ${deepPage}, through cursors)`, query: {} },
    { name: "kind + status", query: { kind: "video", status: "FAILED" } },
    { name: "model", query: { model: "suno" } },
    { name: "favourites", query: { favorite: "true" } },
    { name: "since/until (one week)", query: { since: day(60), until: day(53) } },
    { name: "search, one word", query: { q: "fox" } },
    { name: "search, two words (prefix)", query: { q: "red fo" } },
    { name: "search + kind", query: { q: "castle", kind: "image" } },
    { name: "search, rare (a title)", query: { q: "keeper 4203" } },
  ];
}

async function cursorAt(db: Database, userId: string, page: number): Promise<string> {
  let cursor: string | undefined;
  for (let i = 1; i < page; i++) {
    const query = taskListQuerySchema.parse(cursor ? { cursor } : {});
    const next = (await listTaskPage(db, userId, query)).nextCursor;
    if (!next) throw new Error(`the library ends before page ${page}`);
    cursor = next;
  }
  return cursor!;
}

async function time(db: Database, userId: string, query: TaskListQuery, iterations: number) {
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < iterations + 10; i++) {
    const started = performance.now();
    const page = await listTaskPage(db, userId, query);
    const ms = performance.now() - started;
    rows = page.rows.length;
    if (i >= 10) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), rows };
}

async function measureOn(
  opened: OpenedDatabase,
  label: string,
  count: number,
  iterations: number,
): Promise<LibraryRun> {
  log(`library: seeding ${count} tasks on ${label}`);
  const seedStarted = performance.now();
  const { userId, total } = await seedLibrary(opened.db, count);
  const seedMs = performance.now() - seedStarted;
  log(`library: seeded ${total} tasks in ${(seedMs / 1000).toFixed(1)} s`);
  const deepCursor = await cursorAt(opened.db, userId, deepPage);
  const results: LibraryCase[] = [];
  for (const c of cases()) {
    const raw = c.name.startsWith("deep") ? { cursor: deepCursor } : c.query;
    const query = taskListQuerySchema.parse(raw);
    const timed = await time(opened.db, userId, query, iterations);
    const shown = new URLSearchParams(c.name.startsWith("deep") ? { cursor: "…" } : raw);
    results.push({ name: c.name, query: shown.toString() || "(none)", ...timed });
    log(
      `library: ${label} ${c.name}: p50 ${timed.p50.toFixed(2)} ms, p95 ${timed.p95.toFixed(2)} ms`,
    );
  }
  return { database: label, tasks: total, seedMs, iterations, cases: results };
}

/** PGlite in a temporary directory, then Postgres when BENCH_DATABASE_URL or TEST_DATABASE_URL is set. */
export async function measureLibrary(
  options: { count?: number; iterations?: number } = {},
): Promise<LibraryRun[]> {
  const count = options.count ?? 100_000;
  const iterations = options.iterations ?? 200;
  const runs: LibraryRun[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-bench-library-"));
  try {
    const opened = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      runs.push(await measureOn(opened, "PGlite (embedded, on disk)", count, iterations));
    } finally {
      await opened.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = freshPostgresSchema(url);
    try {
      const opened = await openDatabase({ kind: "postgres", url: schema.url });
      try {
        runs.push(await measureOn(opened, `Postgres (${opened.location})`, count, iterations));
      } finally {
        await opened.close();
      }
    } finally {
      await schema.drop();
    }
  } else {
    log("library: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure Postgres as well");
  }
  return runs;
}
