// The catalog's strict rules, as the simulator answers them over real HTTP: `model` on tool
// routes, unknown fields, the text and length rule, and the callback and URL policies.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicUrlPolicy } from "../catalog";
import type { RunningSimulator } from "./server";
import {
  adminGet,
  asRecord,
  client,
  createTask,
  pollFinal,
  startTestSimulator,
  uniqueKey,
} from "./test-support";

const img = "https://cdn.example.com/in.png";
const vid = "https://cdn.example.com/in.mp4";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

async function refusal(res: Response): Promise<{ status: number; body: unknown }> {
  return { status: res.status, body: await res.json() };
}

const invalid = (message: string) => ({
  status: 400,
  body: { error: { code: 400, type: "invalid_request", message } },
});

describe("model on tool routes (SPEC §0)", () => {
  it.each([
    ["/images/tools/face-swap", { image: img, face_image: img }],
    ["/images/tools/upscale", { image: img }],
    ["/videos/tools/bg-remover", { video: vid }],
  ])("%s without model is 400 model: required, nothing charged", async (path, body) => {
    const key = uniqueKey();
    const res = await client(sim, key).post(path, body);
    expect(await refusal(res)).toEqual(invalid("model: required"));
    expect((await adminGet(sim, `/keys/${key}`)).balance).toBe(10_000);
  });

  it.each([
    ["/images/tools/face-swap", { model: "face-swap", image: img, face_image: img }],
    ["/images/tools/upscale", { model: "image-upscale", image: img }],
    ["/videos/tools/bg-remover", { model: "video-bg-remover", video: vid }],
    ["/images/tools/remove-bg", { image: img }],
    ["/images/tools/remove-bg", { model: "bg-remover", image: img }],
  ])("%s with its model (remove-bg: optional) creates a task", async (path, body) => {
    const api = client(sim, uniqueKey());
    const id = await createTask(api, path, body);
    expect((await pollFinal(api, id)).status).toBe("SUCCESS");
  });
});

describe("strict bodies", () => {
  it("refuses an unknown field by name", async () => {
    const api = client(sim, uniqueKey());
    const res = await api.post("/images/generations", {
      model: "flux-2",
      prompt: "a fox",
      seed: 1,
    });
    expect(await refusal(res)).toEqual(invalid("seed: unknown field"));
  });

  it("counts lengths with the catalog's rule: 2,500 😀 pass a 5000 limit, 2,501 do not", async () => {
    const api = client(sim, uniqueKey());
    await createTask(api, "/images/generations", { model: "flux-2", prompt: "😀".repeat(2500) });
    const res = await api.post("/images/generations", {
      model: "flux-2",
      prompt: "😀".repeat(2501),
    });
    expect(await refusal(res)).toEqual(
      invalid("prompt: must be at most 5000 characters (got 5002)"),
    );
  });

  it("refuses control characters and broken Unicode, nested ones included", async () => {
    const api = client(sim, uniqueKey());
    const nul = await api.post("/audio/speech", {
      model: "elevenlabs-v3",
      dialogue: [{ text: "fine" }, { text: "not\u0000fine" }],
    });
    expect(await refusal(nul)).toEqual(
      invalid("dialogue[1].text: contains a control character (U+0000)"),
    );
    // A lone surrogate survives JSON as \ud83d: the server sees it after parsing.
    const lone = await api.post(
      "/images/generations",
      '{"model":"flux-2","prompt":"a fox \\ud83d runs"}',
    );
    expect(await refusal(lone)).toEqual(
      invalid("prompt: is not well-formed Unicode (lone surrogate U+D83D)"),
    );
    const chat = await api.post("/chat/completions", {
      model: "gemini",
      stream: false,
      messages: [{ role: "user", content: "hi\u0007" }],
    });
    expect(await refusal(chat)).toEqual(
      invalid("messages[0].content: contains a control character (U+0007)"),
    );
  });

  it("takes localhost URLs by default: it plays the internet-facing upstream", async () => {
    const api = client(sim, uniqueKey());
    const id = await createTask(api, "/images/tools/remove-bg", {
      image: "http://127.0.0.1:3000/uploads/u1.png",
    });
    expect((await pollFinal(api, id)).status).toBe("SUCCESS");
  });
});

/** A receiver that records every POST it gets. */
async function receiver(): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    req.resume();
    req.on("end", () => res.writeHead(200).end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe("callbackPolicy", () => {
  it("refuses a callback_url it does not allow with 400, charges nothing and never calls it", async () => {
    const hook = await receiver();
    const seen: string[] = [];
    const own = await startTestSimulator({
      callbackPolicy: (url) => {
        seen.push(url);
        return new URL(url).origin === "https://studio.example";
      },
    });
    try {
      const key = uniqueKey();
      const api = client(own, key);
      const res = await api.post("/images/generations", {
        model: "flux-2",
        prompt: "call me",
        callback_url: hook.url,
      });
      expect(await refusal(res)).toEqual(
        invalid(
          "callback_url: not allowed here (this server only calls back to approved addresses)",
        ),
      );
      expect(seen).toEqual([hook.url]);
      expect((await adminGet(own, `/keys/${key}`)).balance).toBe(10_000);
      expect(asRecord(await adminGet(own, "/stats")).tasks).toBe(0);
      // Long enough for any task and callback at this speed; nothing may arrive.
      await new Promise((r) => setTimeout(r, 300));
      expect(hook.hits).toEqual([]);
    } finally {
      await own.close();
      await hook.close();
    }
  });

  it("delivers to a callback_url it allows, and ignores bodies without one", async () => {
    const hook = await receiver();
    const own = await startTestSimulator({ callbackPolicy: (url) => url.startsWith(hook.url) });
    try {
      const api = client(own, uniqueKey());
      const id = await createTask(api, "/images/generations", {
        model: "flux-2",
        prompt: "call me",
        callback_url: `${hook.url}?task=1`,
      });
      await pollFinal(api, id);
      const deadline = Date.now() + 3000;
      while (hook.hits.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(hook.hits).toEqual(["/hook?task=1"]);
      await createTask(api, "/images/generations", { model: "flux-2", prompt: "no hook" });
    } finally {
      await own.close();
      await hook.close();
    }
  });

  it("runs after validation: a malformed callback_url is the schema's 400", async () => {
    const own = await startTestSimulator({ callbackPolicy: () => true });
    try {
      const res = await client(own, uniqueKey()).post("/images/generations", {
        model: "flux-2",
        prompt: "a fox",
        callback_url: "ftp://x.example/hook",
      });
      expect(await refusal(res)).toEqual(invalid("callback_url: must be an http(s) URL"));
    } finally {
      await own.close();
    }
  });
});

describe("urlPolicy", () => {
  it("applies a URL policy to every URL of a task body when given one", async () => {
    const own = await startTestSimulator({
      urlPolicy: publicUrlPolicy({ allowOrigins: ["http://localhost:3000"] }),
    });
    try {
      const api = client(own, uniqueKey());
      const res = await api.post("/images/generations", {
        model: "flux-2",
        prompt: "a fox",
        input_urls: [img, "http://0x7f.1/a.png"],
      });
      expect(await refusal(res)).toEqual(
        invalid(
          "input_urls[1]: must be a public http(s) URL (private and loopback addresses are refused)",
        ),
      );
      const id = await createTask(api, "/images/tools/remove-bg", {
        image: "http://localhost:3000/uploads/u1.png",
      });
      expect((await pollFinal(api, id)).status).toBe("SUCCESS");
    } finally {
      await own.close();
    }
  });
});
