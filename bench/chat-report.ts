// The chat part of bench/results.md: time to first token, chunks and duration of a paced stream,
// directly, through POST /api/v1/chat/completions and through a bare Node passthrough.
import type { ChatPath, ChatResult, Spread } from "./chat";
import { round, type Verdict } from "./report";

const ms = (n: number) => n.toFixed(2);

const chunks = (p: ChatPath) =>
  p.chunks.min === p.chunks.max ? String(p.chunks.min) : `${p.chunks.min}–${p.chunks.max}`;

export function chatVerdicts(c: ChatResult): Verdict[] {
  const run = `${c.chunkCount} chunks ${c.intervalMs} ms apart, ${c.n} streams per path, interleaved`;
  const { direct, studio } = c.paths;
  return [
    {
      name: "ttft.added-p50",
      value: round(c.added.studio.p50),
      unit: "ms",
      measure: "Time to first token added by POST /api/v1/chat/completions (p50, paired)",
      run,
      figure: `${ms(c.added.studio.p50)} ms (p95 ${ms(c.added.studio.p95)} ms)`,
      target: `≤ ${c.targetP50Ms} ms`,
      met: c.added.studio.p50 <= c.targetP50Ms,
    },
    {
      name: "portkey.ttft-added-p50",
      value: round(c.added.portkey.p50),
      unit: "ms",
      measure:
        "Time to first token the Portkey AI gateway adds to the same stream (p50, paired), beside the Studio's",
      run,
      figure: `Portkey ${ms(c.added.portkey.p50)} ms (p95 ${ms(c.added.portkey.p95)} ms); Studio ${ms(c.added.studio.p50)} ms`,
      target: "Studio's added p50 ≤ Portkey's",
      met: c.added.studio.p50 <= c.added.portkey.p50,
    },
    {
      name: "ttft.chunk-mismatches",
      value: c.chunkMismatches,
      unit: "streams",
      measure: "Content chunks received per stream, direct / via Studio",
      run,
      figure: `${chunks(direct)} / ${chunks(studio)}${c.chunkMismatches ? `; ${c.chunkMismatches} streams differ` : ""}`,
      target: `equal (${c.chunkCount})`,
      met: c.chunkMismatches === 0,
    },
  ];
}

function row(name: string, p: ChatPath): string {
  return `| ${name} | ${ms(p.ttft.p50)} | ${ms(p.ttft.p95)} | ${ms(p.total.p50)} | ${ms(p.total.p95)} | ${chunks(p)} |`;
}

function addedRow(name: string, s: Spread): string {
  return `| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.mean)} |`;
}

export function chatSection(c: ChatResult): string[] {
  const { direct, studio, bare, portkey } = c.paths;
  return [
    "## Added time to first token of POST /api/v1/chat/completions",
    "",
    `Setup: one simulator process (\`lib/simulator/cli.ts\`, its rate limit lifted for the bench's key) emitting ${c.chunkCount} content chunks ${c.intervalMs} ms apart (\`[sim:chunks=${c.chunkCount}x${c.intervalMs}]\`, the first after ${c.intervalMs} ms), then the usage chunk and \`data: [DONE]\`. Read four ways, one stream at a time, the order rotated each round: directly with the key; through the Studio (production build under \`next start\`, embedded PGlite in a temporary DATA_DIR, an app token as Bearer, the user's own key saved through PUT /api/v1/keys, UPSTREAM_RATE_LIMIT raised — the budget is still taken on every request); and through a bare Node passthrough (\`bench/chat-passthrough.ts\`: node:http + fetch, each chunk written as it arrives; no Next, no auth, no database), the floor of any extra hop; and through the Portkey AI gateway (\`@portkey-ai/gateway\` 1.15 from npm with \`@hono/node-server\` 2.1, its own process on 127.0.0.1, provider \`openai\` with the simulator as custom host), the peer. ${c.n} streams per path after ${c.warmup} warm-up streams each. Body \`${c.body}\`.`,
    "",
    "Time to first token (TTFT) runs from just before the request is sent to the first content delta parsed (eventsource-parser); the total to the end of the stream. Chunks are the content deltas counted per stream.",
    "",
    "| path | TTFT p50 ms | TTFT p95 ms | total p50 ms | total p95 ms | chunks |",
    "|---|---|---|---|---|---|",
    row("direct to the simulator", direct),
    row("via Studio", studio),
    row("via the bare passthrough", bare),
    row("via the Portkey AI gateway", portkey),
    "",
    "| added time to first token (paired per round) | p50 ms | p95 ms | mean ms |",
    "|---|---|---|---|",
    addedRow("**via Studio − direct**", c.added.studio),
    addedRow("bare passthrough − direct (the floor of a hop)", c.added.bare),
    addedRow("Portkey gateway − direct (the peer)", c.added.portkey),
    addedRow(
      "Next's floor: the same POST refused at authentication, Studio − simulator",
      c.refusedFloor,
    ),
    "",
    `Unpaired, the TTFT p50s differ by ${ms(studio.ttft.p50 - direct.ttft.p50)} ms and the p95s by ${ms(studio.ttft.p95 - direct.ttft.p95)} ms. Total duration: ${ms(direct.total.p50)} ms direct, ${ms(studio.total.p50)} ms via Studio (p50).`,
    "",
    `Target: added TTFT p50 ≤ ${c.targetP50Ms} ms → **${c.added.studio.p50 <= c.targetP50Ms ? "met" : "MISSED"}** (${ms(c.added.studio.p50)} ms; a bare hop costs ${ms(c.added.bare.p50)} ms). Chunks: ${c.chunkMismatches === 0 ? `every stream on every path carried exactly ${c.chunkCount}` : `**${c.chunkMismatches} rounds saw different counts**`}.`,
    "",
  ];
}
