// The library's part of bench/results.md: one results line per page kind and database, and a
// table with p50/p95 of each.
import { libraryTargetP95Ms, type LibraryRun } from "./library";
import { round, type Verdict } from "./report";

const ms = (n: number) => `${n.toFixed(2)} ms`;

export function libraryVerdicts(runs: readonly LibraryRun[]): Verdict[] {
  return runs.flatMap((run) =>
    run.cases.map((c) => ({
      name: `list.${run.database.toLowerCase().split(" ")[0]}.${c.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}.p95`,
      value: round(c.p95),
      unit: "ms",
      measure: `GET /api/v1/tasks query, ${c.name} (p95)`,
      run: `${run.database}, ${run.tasks.toLocaleString("en")} tasks`,
      figure: ms(c.p95),
      target: `≤ ${libraryTargetP95Ms} ms`,
      met: c.p95 <= libraryTargetP95Ms,
    })),
  );
}

export function librarySection(runs: readonly LibraryRun[]): string[] {
  return [
    "## The library's list (GET /api/v1/tasks)",
    "",
    "Setup: a fresh database (embedded PGlite in a temporary directory; Postgres in a schema of its own when BENCH_DATABASE_URL or TEST_DATABASE_URL is set), seeded with INSERT … SELECT generate_series: 100,000 tasks for one user over about a year (every catalog model in turn, 7 % failed, 2 % favourites, prompts of 4–8 words from a 100-word vocabulary) and 1,000 for each of five other users, then ANALYZE. Each case calls listTaskPage — the function the route calls — with the default page of 20, 10 warm-up calls then the counted ones, one after another.",
    "",
    ...runs.flatMap((run) => [
      `### ${run.database}`,
      "",
      `${run.tasks.toLocaleString("en")} tasks seeded in ${(run.seedMs / 1000).toFixed(1)} s; ${run.iterations} calls per case.`,
      "",
      "| case | query | p50 | p95 | rows |",
      "|---|---|---|---|---|",
      ...run.cases.map(
        (c) => `| ${c.name} | \`${c.query}\` | ${ms(c.p50)} | ${ms(c.p95)} | ${c.rows} |`,
      ),
      "",
    ]),
  ];
}
