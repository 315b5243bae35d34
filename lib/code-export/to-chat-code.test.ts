import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatRequestBody } from "@/lib/chat/chat-request";
import { ChatStreamAccumulator, createChatSseReader } from "@/lib/chat/stream-accumulator";
import { toolExamples } from "@/lib/chat/tool-examples";
import { defaultChatSettings, type ChatMessage } from "@/lib/schemas/chat";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { chatCode, chatCodeLanguages, studioTarget, upstreamTarget } from ".";

const run = promisify(execFile);

// Everything a shell or a string literal could mangle (as in code-export.test.ts).
const tricky = [
  `He said "it's fine" — 'single' and \`backticks\` $(whoami) $HOME \${x} !!`,
  `backslash \\ and \\n literal, a tab\there`,
  `naïve café, 日本語, emoji 🦊🎸, RTL مرحبا, U+2028:\u2028end`,
  `'\\''`,
].join("\n");

function message(fields: Partial<ChatMessage> & Pick<ChatMessage, "role">): ChatMessage {
  return {
    ...{ id: randomUUID(), parent_id: null, content: null, reasoning: null, tool_calls: null },
    ...{ tool_call_id: null, status: "complete", error: null, finish_reason: null, usage: null },
    ...{ credits: null, duration_ms: null, first_token_ms: null, json_mode: false },
    created_at: "2026-12-03T15:00:00.000Z",
    ...fields,
  } as ChatMessage;
}

const call = {
  id: "call_7",
  type: "function" as const,
  function: { name: "get_weather", arguments: '{"city":"Zürich \\"old town\\""}' },
};
/** A conversation with every kind of message, a system prompt and tools. */
const conversation = chatRequestBody(
  {
    ...defaultChatSettings,
    system_prompt: tricky,
    reasoning_effort: "low",
    tools: toolExamples.map((example) => example.tool),
  },
  [
    message({ role: "user", content: "What's the weather in Zürich?" }),
    message({ role: "assistant", tool_calls: [call] }),
    message({ role: "tool", tool_call_id: "call_7", content: '{"temp": 21, "sky": "clear"}' }),
    message({ role: "assistant", content: "It is 21 °C and clear." }),
    message({ role: "user", content: tricky }),
  ],
);
const jsonTurn = chatRequestBody(
  { ...defaultChatSettings, json_mode: true, include_thoughts: false },
  [message({ role: "user", content: `Give me a JSON "haiku" about café ☕` })],
);

describe("chatCode", () => {
  it("curl streams (-N) to the upstream with the key from the environment", () => {
    const code = chatCode("curl", jsonTurn, upstreamTarget);
    expect(code).toContain(`BASE=\${AIO_BASE_URL:-'https://apiin.one/api/v1'}`);
    expect(code).toContain(`curl -N "$BASE/chat/completions"`);
    expect(code).toContain(`-H "Authorization: Bearer $AIO_API_KEY"`);
  });

  it("every language targets the Studio with an app token", () => {
    const target = studioTarget("https://studio.example.com/");
    for (const { id } of chatCodeLanguages) {
      const code = chatCode(id, conversation, target);
      expect(code, id).toContain("https://studio.example.com/api/v1");
      expect(code, id).toContain("STUDIO_TOKEN");
      expect(code, id).toContain("STUDIO_BASE_URL");
      expect(code, id).not.toContain("AIO_API_KEY");
      expect(code, id).not.toMatch(/aio_[A-Za-z0-9]/);
    }
  });

  it("sends the Gemini-only options through each SDK's escape hatch", () => {
    const ts = chatCode("typescript", conversation, upstreamTarget);
    expect(ts).toContain("const gemini = {\n  include_thoughts: true,\n};");
    expect(ts).toContain("  ...gemini,\n});");
    expect(ts).not.toContain("@ts-");
    const py = chatCode("python", jsonTurn, upstreamTarget);
    expect(py).toContain('    extra_body={\n        "include_thoughts": False,\n    },');
    expect(py).toContain('    response_format={\n        "type": "json_object",\n    },');
  });

  it("TypeScript type-checks against the openai package's own types", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "chat-code-tsc-"));
    try {
      await symlink(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
      const tsconfig = {
        compilerOptions: {
          ...{ strict: true, noUncheckedIndexedAccess: true, noEmit: true, skipLibCheck: true },
          ...{ module: "nodenext", target: "es2022", types: ["node"] },
        },
      };
      await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
      await writeFile(
        path.join(dir, "chat.mts"),
        chatCode("typescript", conversation, upstreamTarget),
      );
      await writeFile(path.join(dir, "json.mts"), chatCode("typescript", jsonTurn, upstreamTarget));
      const tsc = path.resolve("node_modules/.bin/tsc");
      const result = await run(tsc, ["-p", dir]).catch((error: { stdout: string }) => error);
      expect(result.stdout).toBe("");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

interface Recorded {
  body: unknown;
  authorization: string | undefined;
  /** The content and tool calls of the reply, as the page would read them. */
  answer: string;
  raw: string;
}

/** Forwards to the simulator and remembers what went through, so a test sees both sides. */
async function startRecordingProxy(
  target: string,
): Promise<{ server: Server; url: string; seen: Recorded[] }> {
  const seen: Recorded[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      const text = Buffer.concat(parts).toString("utf8");
      const record: Recorded = {
        body: JSON.parse(text),
        authorization: req.headers.authorization,
        answer: "",
        raw: "",
      };
      seen.push(record);
      void (async () => {
        const upstream = await fetch(`${target}${req.url ?? ""}`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Authorization: req.headers.authorization ?? "",
          },
          body: text,
        });
        res.writeHead(upstream.status, {
          "Content-Type": upstream.headers.get("content-type") ?? "",
        });
        const accumulator = new ChatStreamAccumulator();
        const reader = createChatSseReader((data) => accumulator.push(data));
        const decoder = new TextDecoder();
        for await (const bytes of upstream.body ?? []) {
          reader.feed(bytes);
          record.raw += decoder.decode(bytes, { stream: true });
          res.write(bytes);
        }
        reader.end();
        const { content, toolCalls } = accumulator.state;
        record.answer =
          content + toolCalls.map((c) => c.function.name + c.function.arguments).join("");
        res.end();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/api/v1`, seen };
}

describe("chat code against the simulator (real HTTP)", () => {
  let sim: RunningSimulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let dir: string;
  const key = `aio_chatcode_${randomBytes(6).toString("hex")}`;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, speed: 1000, rateLimitPerMinute: 10_000 });
    proxy = await startRecordingProxy(sim.baseUrl.replace(/\/api\/v1\/?$/, ""));
    dir = await mkdtemp(path.join(tmpdir(), "chat-code-"));
    await symlink(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
    env = { ...process.env, AIO_API_KEY: key, AIO_BASE_URL: proxy.url };
  });
  afterAll(async () => {
    proxy.server.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The one request the snippet made: its body must be the input, sent with our key. */
  function lastRequest(body: unknown): Recorded {
    const record = proxy.seen.at(-1);
    expect(record?.body).toEqual(body);
    expect(record?.authorization).toBe(`Bearer ${key}`);
    return record!;
  }

  it("curl sends the body byte for byte and prints the raw stream", async () => {
    for (const body of [conversation, jsonTurn]) {
      const { stdout } = await run(
        "bash",
        ["-c", `${chatCode("curl", body, upstreamTarget)} -sS`],
        { env },
      );
      const record = lastRequest(body);
      expect(stdout).toBe(record.raw);
      expect(stdout).toContain("data: [DONE]");
    }
  });

  it("TypeScript (openai package, through tsx) streams the same answer", async () => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    for (const [name, body] of [
      ["chat", conversation],
      ["json", jsonTurn],
    ] as const) {
      const file = path.join(dir, `${name}.mts`);
      await writeFile(file, chatCode("typescript", body, upstreamTarget));
      const { stdout } = await run(tsx, [file], { env, timeout: 30_000 });
      const record = lastRequest(body);
      expect(record.answer).not.toBe("");
      expect(stdout).toBe(`${record.answer}\n`);
    }
  }, 60_000);

  it("Python (openai package) streams the same answer", async () => {
    // Without the real `openai` (no PyPI here), a urllib stand-in with the SDK's signature runs the
    // snippet, so its Python, its literals and its use of extra_body are still checked end to end.
    const probe = await run("python3", ["-c", "import openai"]).catch(() => null);
    const pyEnv = probe
      ? env
      : { ...env, PYTHONPATH: path.resolve("lib/code-export/testing/openai-shim") };
    for (const [name, body] of [
      ["chat", conversation],
      ["json", jsonTurn],
    ] as const) {
      const file = path.join(dir, `${name}_turn.py`); // not json.py: it would shadow the json module
      await writeFile(file, chatCode("python", body, upstreamTarget));
      const { stdout } = await run("python3", [file], { env: pyEnv, timeout: 30_000 });
      const record = lastRequest(body);
      expect(record.answer).not.toBe("");
      expect(stdout).toBe(`${record.answer}\n`);
    }
  }, 60_000);
});
