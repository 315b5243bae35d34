import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "@/lib/catalog";
import { minimalBodies } from "@/lib/catalog/test-bodies";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { shellQuote, toCurl, toPython, toTypeScript } from ".";

const run = promisify(execFile);

// Everything a shell or a string literal could mangle: quotes of all kinds, expansions, escapes,
// control characters and text outside the BMP.
const trickyPrompt = [
  `He said "it's fine" — 'single' and \`backticks\` $(whoami) $HOME \${x} !!`,
  `backslash \\ and \\n literal, a tab\there`,
  `naïve café, 日本語, emoji 🦊🎸, RTL مرحبا, U+2028:\u2028end`,
  `'\\''`,
].join("\n");

const trickyBody = {
  model: "flux-2",
  prompt: trickyPrompt,
  aspect_ratio: "16:9",
  resolution: "2K",
  input_urls: ["https://cdn.example.com/a.png?x=1&y='2'"],
};

describe("shellQuote", () => {
  it("wraps in single quotes and escapes embedded ones", () => {
    expect(shellQuote("plain")).toBe("'plain'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("")).toBe("''");
  });
});

describe("generators", () => {
  const body = { model: "flux-2", prompt: "a red fox", make_instrumental: false, n: 2 };

  it("writes a readable curl command against apiin.one with the key as a variable", () => {
    expect(toCurl("/images/generations", { model: "flux-2", prompt: "a fox" })).toBe(
      [
        "curl -X POST 'https://apiin.one/api/v1/images/generations' \\",
        '  -H "Authorization: Bearer $AIO_API_KEY" \\',
        "  -H 'Content-Type: application/json' \\",
        `  -d '{\n  "model": "flux-2",\n  "prompt": "a fox"\n}'`,
      ].join("\n"),
    );
  });

  it("writes TypeScript with unquoted identifier keys and process.env", () => {
    const code = toTypeScript("/audio/speech", {
      model: "elevenlabs-v3",
      dialogue: [{ text: "Hi", voice: "Adam" }],
      "odd-key": null,
    });
    expect(code).toContain('fetch("https://apiin.one/api/v1/audio/speech", {');
    expect(code).toContain("Authorization: `Bearer ${process.env.AIO_API_KEY}`");
    expect(code).toContain(
      [
        "  body: JSON.stringify({",
        '    model: "elevenlabs-v3",',
        "    dialogue: [",
        "      {",
        '        text: "Hi",',
        '        voice: "Adam",',
        "      },",
        "    ],",
        '    "odd-key": null,',
        "  }),",
      ].join("\n"),
    );
  });

  it("writes Python with True/False/None and os.environ", () => {
    const code = toPython("/audio/music", { ...body, gender: null });
    expect(code).toContain('"https://apiin.one/api/v1/audio/music",');
    expect(code).toContain('os.environ["AIO_API_KEY"]');
    expect(code).toContain('        "make_instrumental": False,');
    expect(code).toContain('        "gender": None,');
    expect(code).toContain('        "n": 2,');
  });

  it("never contains a real-looking key", () => {
    for (const make of [toCurl, toTypeScript, toPython]) {
      expect(make("/images/generations", body)).not.toMatch(/aio_[A-Za-z0-9]/);
    }
  });

  it("honours a custom base URL", () => {
    expect(toCurl("/images/generations", body, "http://127.0.0.1:4010/api/v1/")).toContain(
      "'http://127.0.0.1:4010/api/v1/images/generations'",
    );
  });
});

describe("exported code against the simulator (real HTTP)", () => {
  let sim: RunningSimulator;
  let dir: string;
  const key = `aio_codeexport_${randomBytes(6).toString("hex")}`;
  const env = { ...process.env, AIO_API_KEY: key };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, speed: 1000, rateLimitPerMinute: 10_000 });
    dir = await mkdtemp(path.join(tmpdir(), "code-export-"));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function echoedRequest(taskId: string): Promise<unknown> {
    const res = await fetch(`${sim.baseUrl}/tasks/${taskId}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    const payload = (await res.json()) as { data: { request: unknown } };
    return payload.data.request;
  }

  function taskIdFrom(stdout: string): string {
    const payload = JSON.parse(stdout) as { code: number; data: { task_id: string } };
    expect(payload.code).toBe(200);
    return payload.data.task_id;
  }

  it("curl creates the task and the tricky prompt arrives intact", async () => {
    const command = toCurl(routes.images.path, trickyBody, sim.baseUrl);
    const { stdout } = await run("bash", ["-c", `${command} --silent --show-error`], { env });
    expect(await echoedRequest(taskIdFrom(stdout))).toEqual(trickyBody);
  });

  it("curl works for every model's minimal body", async () => {
    for (const [slug, { route, body }] of Object.entries(minimalBodies)) {
      const command = toCurl(routes[route].path, body, sim.baseUrl);
      const { stdout } = await run("bash", ["-c", `${command} -sS`], { env });
      expect(await echoedRequest(taskIdFrom(stdout)), slug).toEqual(body);
    }
  });

  it("TypeScript runs (through tsx) and sends the same body", async () => {
    const file = path.join(dir, "request.mts");
    await writeFile(file, toTypeScript(routes.images.path, trickyBody, sim.baseUrl));
    const tsx = path.resolve("node_modules/.bin/tsx");
    const { stdout } = await run(tsx, [file], { env });
    const [taskId, status] = stdout.trim().split(" ");
    expect(status).toBe("IN_PROGRESS");
    expect(await echoedRequest(taskId ?? "")).toEqual(trickyBody);
  });

  it("Python runs (with requests) and sends the same body", async () => {
    // Without the real `requests` (no PyPI here), a urllib stand-in with its one call runs the
    // snippet, so its Python and its body literal are still checked end to end.
    const probe = await run("python3", ["-c", "import requests"]).catch(() => null);
    const pyEnv = probe
      ? env
      : { ...env, PYTHONPATH: path.resolve("lib/code-export/testing/requests-shim") };
    const file = path.join(dir, "request.py");
    const speech = {
      model: "elevenlabs-v3",
      dialogue: [{ text: trickyPrompt, voice: "Narrator" }, { text: "ok" }],
      stability: 0.35,
    };
    await writeFile(file, toPython(routes.speech.path, speech, sim.baseUrl));
    const { stdout } = await run("python3", [file], { env: pyEnv });
    const [taskId] = stdout.trim().split(" ");
    expect(await echoedRequest(taskId ?? "")).toEqual(speech);
  });
});
