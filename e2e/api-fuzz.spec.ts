// Property-based fuzz of every /api/v1 route and method, over HTTP with an app token: thousands of
// generated bodies (wrong types, huge and broken strings, deep nesting, unicode edge cases, missing
// and extra fields, mutations of valid bodies), paths and query strings. For every one: never a
// 5xx, every non-2xx in the one error shape, and an invalid body never reaches the upstream (the
// simulator's creation counter for the user's key grows by exactly the number of 2xx creations).
//
// FUZZ_RUNS (default 300) property runs per test, each a batch of 8 requests sent together;
// FUZZ_SEED replays a failing run (fast-check prints the seed and the shrunk counterexample).
import assert from "node:assert/strict";
import fc from "fast-check";
import { keyStatusSchema, saveKeySchema } from "../lib/schemas/account";
import { anonymous } from "./support/accounts";
import {
  call,
  createApiUser,
  expect,
  expectError,
  simCounts,
  simCreations,
  taskRoutes,
  test,
  type ApiUser,
} from "./support/api";
import {
  baseline,
  bodyProblem,
  bodyText,
  describeBody,
  checkTaskAnswer,
  json,
  key,
  text,
} from "../lib/testing/fuzz/bodies";
import { probes } from "../lib/testing/fuzz/probes";

test.use({ storageState: anonymous });

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got "${raw}"`);
  return n;
}

const runs = positiveInt(process.env.FUZZ_RUNS, 300);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const batch = 8;
const params = { numRuns: runs, ...(seed !== undefined && { seed }) };

test.describe.configure({ timeout: 240_000 });

test("task routes: every body is created or refused by the catalog's rule, and only creations reach the upstream", async ({
  browser,
}) => {
  const user = await createApiUser(browser, { label: "fuzz" });
  const createdBefore = await simCreations(user.key!);
  let created = 0;
  let refused = 0;

  const request = fc
    .constantFrom(...taskRoutes)
    .chain((r) => bodyText(r.route).map((source) => ({ ...r, source })));
  await fc.assert(
    fc.asyncProperty(
      fc.array(request, { minLength: batch, maxLength: batch }),
      async (requests) => {
        await Promise.all(
          requests.map(async ({ path, route, source }) => {
            const what = `POST ${path} ${describeBody(source)}`;
            const answer = await call(user, "POST", path, { body: source });
            baseline(answer, what);
            if (answer.status === 200) created++;
            if (!checkTaskAnswer(route, source, answer, what)) refused++;
          }),
        );
      },
    ),
    params,
  );

  const upstream = (await simCreations(user.key!)) - createdBefore;
  test.info().annotations.push({
    type: "fuzz",
    description: `${runs * batch}+ task bodies: ${created} created, ${refused} refused; upstream creations ${upstream}`,
  });
  expect(upstream, "upstream creations = 2xx answers").toBe(created);
  expect(created, "some generated bodies are valid").toBeGreaterThan(0);
  expect(refused, "most generated bodies are not").toBeGreaterThan(created);
});

test("account, task and unknown routes: any path, query, id, method or body gets a sound answer", async ({
  browser,
}) => {
  const user = await createApiUser(browser, { label: "fuzzmisc" });
  const before = await simCounts(user.key!);

  await fc.assert(
    fc.asyncProperty(
      fc.array(probes, { minLength: batch, maxLength: batch }),
      async (batchOfProbes) => {
        await Promise.all(
          batchOfProbes.map(async (p) => {
            const what = `${p.method} ${p.path.slice(0, 200)}${p.body !== undefined ? ` ${describeBody(p.body)}` : ""}`;
            const answer = await call(user, p.method, p.path, {
              ...(p.body !== undefined && { body: p.body }),
              ...(p.headers && { headers: p.headers }),
            });
            baseline(answer, what);
            p.check(answer, what);
          }),
        );
      },
    ),
    params,
  );

  // None of it created anything upstream or in the user's list, and the token still works.
  expect(await simCounts(user.key!)).toEqual(before);
  const list = await call(user, "GET", "/api/v1/tasks");
  expect(list.json).toEqual({ tasks: [], next_cursor: null });
});

test("keys: junk never replaces the saved key; a valid key the upstream accepts always does", async ({
  browser,
}) => {
  // A user of its own: this test saves, replaces and removes keys on purpose.
  const user: ApiUser = await createApiUser(browser, { key: false, label: "fuzzkeys" });
  const validKey = fc
    .tuple(
      fc.constantFrom("aio_fz_", "aio_revoked_fz_", " aio_fz_"),
      // Long enough that the masked key shows its last four characters.
      fc.string({ unit: fc.constantFrom(..."abcXYZ0189_-"), minLength: 12, maxLength: 24 }),
    )
    .map(([prefix, rest]) => `${prefix}${rest}`);
  const action = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .oneof(
          json,
          fc.record({ key: fc.oneof(text, json) }),
          fc.tuple(validKey, key, json).map(([k, f, v]) => ({ key: k, [f]: v })),
        )
        .map((v) => ({ kind: "put" as const, body: JSON.stringify(v) ?? "null" })),
    },
    {
      weight: 2,
      arbitrary: validKey.map((k) => ({ kind: "put" as const, body: JSON.stringify({ key: k }) })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: "delete" as const }) },
  );
  const masked = (k: string) => `aio_…${k.slice(-4)}`;
  const current = async () =>
    keyStatusSchema.parse((await call(user, "GET", "/api/v1/keys")).json).key?.masked ?? null;

  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
      let saved = await current();
      for (const a of actions) {
        if (a.kind === "delete") {
          const answer = await call(user, "DELETE", "/api/v1/keys");
          assert.equal(answer.status, 200, `DELETE /api/v1/keys → ${answer.text}`);
          saved = null;
        } else {
          const what = `PUT /api/v1/keys ${describeBody(a.body)}`;
          const answer = await call(user, "PUT", "/api/v1/keys", { body: a.body });
          baseline(answer, what);
          const read = bodyProblem(a.body);
          const parsed = "expected" in read ? undefined : saveKeySchema.safeParse(read.value);
          if (!parsed?.success) {
            const error = expectError(
              answer,
              {
                status: "expected" in read ? read.expected.status : 400,
                type: "invalid_request",
                source: "studio",
              },
              what,
            );
            assert.ok(error.param, `${what}: names the field`);
          } else if (parsed.data.key.startsWith("aio_revoked")) {
            expectError(
              answer,
              { status: 400, param: "key", source: "upstream", charged: false },
              what,
            );
          } else {
            assert.equal(answer.status, 200, `${what} → ${answer.text.slice(0, 200)}`);
            saved = masked(parsed.data.key);
          }
        }
        assert.equal(await current(), saved, "the saved key after the last call");
      }
    }),
    { ...params, numRuns: Math.max(1, Math.ceil(runs / 6)) },
  );
});
