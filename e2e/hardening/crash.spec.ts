// Hardening: kill -9 at random moments of a 100-task run, three times. A client submits 100 tasks
// (images and videos, some ten times slower) four at a time, each with its own Idempotency-Key,
// and resends a request whose connection dropped, as an integrator would. Meanwhile the server is
// killed with no warning and started again on the same data directory, three times, at moments
// drawn from a seed (HARDENING_SEED replays a run). Afterwards every task is in our list exactly
// once and final, every one the client was told about is the one listed, and the simulator's own
// record shows no prompt created twice and no credit spent twice.
import { randomUUID } from "node:crypto";
import { simOrigin } from "../../playwright.config";
import { anonymous } from "../support/accounts";
import { call, createApiUser, expect, test, type Answer, type ApiUser } from "../support/api";
import { studioOn } from "../support/studio-crash";

test.use({ storageState: anonymous });

const port = 3197;
const base = `http://localhost:${port}`;
const { withFreshStudio, allFinal } = studioOn(port);

const seed = Number(process.env.HARDENING_SEED ?? Date.now() % 1_000_000);

/** A small seeded generator (mulberry32): the same seed, the same crash moments. */
function random(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Job {
  prompt: string;
  path: string;
  body: Record<string, unknown>;
  idempotencyKey: string;
  answer?: Answer;
  attempts: number;
}

function jobs(): Job[] {
  return Array.from({ length: 100 }, (_, i) => {
    const slow = i % 5 === 0 ? " [sim:slow]" : "";
    const video = i % 4 === 0;
    const prompt = `${video ? "a paper boat on a river" : "a lighthouse at dusk"}, take ${i}${slow}`;
    return {
      prompt,
      path: video ? "/api/v1/videos/generations" : "/api/v1/images/generations",
      body: { model: video ? "kling-3" : "flux-2", prompt },
      idempotencyKey: randomUUID(),
      attempts: 0,
    };
  });
}

/**
 * Sends a job until the Studio answers it. A dropped or refused connection (the server died, or
 * is starting again) is resent with the same Idempotency-Key; so is 409, an earlier attempt still
 * being created.
 */
async function submit(user: ApiUser, job: Job): Promise<void> {
  for (;;) {
    job.attempts++;
    try {
      const answer = await call(user, "POST", job.path, {
        json: job.body,
        headers: { "Idempotency-Key": job.idempotencyKey },
      });
      if (answer.status !== 409) {
        job.answer = answer;
        return;
      }
    } catch {
      // the connection dropped or was refused: the server is down
    }
    await sleep(250);
  }
}

interface UpstreamTask {
  task_id: string;
  prompt: string | null;
  price: number;
}

async function upstreamTasks(key: string): Promise<UpstreamTask[]> {
  const res = await fetch(`${simOrigin}/__sim/keys/${key}/tasks`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { tasks: UpstreamTask[] }).tasks;
}

async function balance(key: string): Promise<number> {
  const res = await fetch(`${simOrigin}/__sim/keys/${key}`);
  return ((await res.json()) as { balance: number }).balance;
}

test("kill -9 three times at random moments of a 100-task run: every task ends once, nothing is charged twice", async ({
  browser,
}) => {
  test.setTimeout(600_000);
  test.info().annotations.push({ type: "seed", description: `HARDENING_SEED=${seed}` });
  const next = random(seed);
  await withFreshStudio(
    "e2e-hardening-crash",
    { UPSTREAM_RATE_LIMIT: "100000" },
    async (studio) => {
      const user = await createApiUser(browser, { base, label: "crash100" });
      const key = user.key!;
      // createApiUser gave this key a limit and a balance no burst here can meet.
      const startBalance = await balance(key);

      const work = jobs();
      const queue = [...work];
      const clients = Array.from({ length: 4 }, async () => {
        // A steady stream rather than one burst, so the crashes land among submissions.
        for (let job = queue.shift(); job; job = queue.shift()) {
          await submit(user, job);
          await sleep(150);
        }
      });
      const crashes: number[] = [];
      const crasher = (async () => {
        for (let k = 0; k < 3; k++) {
          // Somewhere in the run: 0.3–3 s after the last start, while submissions are under way.
          await sleep(300 + next() * 2700);
          crashes.push(work.filter((j) => j.answer).length);
          await studio.crashAndRestart();
        }
      })();
      await Promise.all([...clients, crasher]);

      // Every answer is a task or the one "unknown outcome" refusal, never anything else.
      for (const job of work) {
        const answer = job.answer!;
        if (answer.status !== 200) {
          expect(answer.status, `${job.prompt}: ${answer.text}`).toBe(502);
          const error = (answer.json as { error: { type: string; may_have_been_charged: boolean } })
            .error;
          expect(error).toMatchObject({ type: "server_error", may_have_been_charged: true });
        }
      }

      // Every task ends, with nobody watching but the server's tracker.
      const tasks = await allFinal(user, 100, 240_000);
      expect(tasks).toHaveLength(100);
      const byId = new Map(tasks.map((t) => [t.task_id, t]));
      for (const job of work) {
        if (job.answer!.status !== 200) continue;
        const id = (job.answer!.json as { data: { task_id: string } }).data.task_id;
        expect(byId.get(id)?.prompt_preview, job.prompt).toBe(job.prompt);
      }
      // One task per submission, each prompt once.
      expect(new Set(tasks.map((t) => t.prompt_preview)).size).toBe(100);

      // The upstream's own record: no prompt created twice, credits spent once per creation.
      const created = await upstreamTasks(key);
      const prompts = created.map((t) => t.prompt);
      expect(prompts.length, "no prompt created twice upstream").toBe(new Set(prompts).size);
      expect(created.length).toBeLessThanOrEqual(100);
      const spent = startBalance - (await balance(key));
      expect(spent).toBe(created.reduce((n, t) => n + t.price, 0));
      // Each task the upstream created is in our list as a success; the rest (a crash between
      // storing and sending, or between sending and storing the answer) are failed, named so.
      for (const t of tasks) {
        if (t.status === "SUCCESS") expect(prompts).toContain(t.prompt_preview);
        else expect(t.error_message, t.prompt_preview ?? "").toMatch(/Unknown outcome|not sent/i);
      }
      const successes = tasks.filter((t) => t.status === "SUCCESS").length;
      const summary = `seed ${seed}: kill -9 after ${crashes.join(", ")} of 100 answers; ${work.reduce((n, j) => n + j.attempts, 0)} requests sent; ${successes} succeeded, ${100 - successes} unknown outcome; ${created.length} created upstream`;
      test.info().annotations.push({ type: "crash", description: summary });
      console.log(`[crash] ${summary}`);
      // The crashes fell among the submissions (not all after the last one).
      expect(crashes[0], "the first crash comes before the last answer").toBeLessThan(100);
      expect(successes, "most tasks succeed").toBeGreaterThan(80);
    },
  );
});
