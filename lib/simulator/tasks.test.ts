// Contract tests over real HTTP: every task route, from creation to downloaded outputs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { priceOf, routes } from "../catalog";
import { expectRangeAnswer, rangeCases } from "../http/byte-range-cases";
import { minimalBodies } from "../catalog/test-bodies";
import { taskCreatedSchema, taskInfoSchema } from "../schemas/api";
import { pngSignature, readPngSize } from "./media/png";
import { loadVideoAsset } from "./media/video-assets";
import { loopWebm, parseWebm } from "./media/webm";
import type { RunningSimulator } from "./server";
import { defaultTaskPrice } from "./task-routes";
import {
  adminGet,
  asRecord,
  bytesOf,
  client,
  createTask,
  json,
  pollFinal,
  startTestSimulator,
  uniqueKey,
} from "./test-support";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const magic: Record<string, (bytes: Buffer) => boolean> = {
  "image/png": (b) => b.subarray(0, 8).equals(pngSignature),
  "audio/wav": (b) => b.toString("ascii", 0, 4) === "RIFF" && b.toString("ascii", 8, 12) === "WAVE",
  "video/webm": (b) => b.readUInt32BE(0) === 0x1a45dfa3,
};

describe.concurrent("every model on every task route", () => {
  it("creates an enveloped task, succeeds and serves real files", async () => {
    const api = client(sim, uniqueKey());
    await Promise.all(
      Object.entries(minimalBodies).map(async ([slug, { route, body }]) => {
        const res = await api.post(routes[route].path, body);
        const created = await json(res);
        expect(res.status, slug).toBe(200);
        expect(created).toMatchObject({ code: 200, message: "success" });
        const data = taskCreatedSchema.parse(created.data);
        expect(data.status).toBe("IN_PROGRESS");

        const info = taskInfoSchema.parse(await pollFinal(api, data.task_id));
        expect(info.status, slug).toBe("SUCCESS");
        expect(info.error_message).toBeNull();
        expect(info.consumed_credits).toBeGreaterThan(0);
        expect(info.request).toEqual(body);
        expect(info.response.length).toBeGreaterThanOrEqual(1);
        for (const url of info.response) {
          expect(url.startsWith(`${sim.origin}/files/${data.task_id}/`)).toBe(true);
          const file = await fetch(url);
          const type = file.headers.get("content-type") ?? "";
          const bytes = await bytesOf(file);
          expect(file.status).toBe(200);
          expect(file.headers.get("accept-ranges")).toBe("bytes");
          expect(Number(file.headers.get("content-length"))).toBe(bytes.length);
          expect(magic[type]?.(bytes), `${slug} ${type}`).toBe(true);
          expect(
            url.endsWith(
              { "image/png": ".png", "audio/wav": ".wav", "video/webm": ".webm" }[type] ?? "?",
            ),
          ).toBe(true);
        }
      }),
    );
  });
});

describe.concurrent("images", () => {
  it.each([
    ["16:9", 1024, 576],
    ["9:16", 576, 1024],
    ["1:1", 1024, 1024],
  ])("renders %s at %ix%i", async (aspect, width, height) => {
    const api = client(sim, uniqueKey());
    const id = await createTask(api, "/images/generations", {
      model: "flux-2",
      prompt: "a lighthouse at dusk",
      aspect_ratio: aspect,
    });
    const info = taskInfoSchema.parse(await pollFinal(api, id));
    const png = await bytesOf(await fetch(info.response[0] ?? ""));
    expect(readPngSize(png)).toEqual({ width, height });
  });

  it("uses the model's default aspect ratio when none is sent", async () => {
    const api = client(sim, uniqueKey());
    const id = await createTask(api, "/images/generations", {
      model: "imagen4",
      prompt: "a lighthouse",
    });
    const info = taskInfoSchema.parse(await pollFinal(api, id));
    expect(readPngSize(await bytesOf(await fetch(info.response[0] ?? "")))).toEqual({
      width: 1024,
      height: 1024,
    });
  });

  it("is deterministic: same prompt and seed → same bytes, another seed → other bytes", async () => {
    const api = client(sim, uniqueKey());
    const body = { model: "imagen4", prompt: "a koi pond", seed: 42, aspect_ratio: "4:3" };
    const [a, b, c] = await Promise.all([
      createTask(api, "/images/generations", body),
      createTask(api, "/images/generations", body),
      createTask(api, "/images/generations", { ...body, seed: 43 }),
    ]);
    const download = async (id: string): Promise<Buffer> => {
      const info = taskInfoSchema.parse(await pollFinal(api, id));
      return bytesOf(await fetch(info.response[0] ?? ""));
    };
    const [pa, pb, pc] = await Promise.all([download(a), download(b), download(c)]);
    expect(pa.equals(pb)).toBe(true);
    expect(pa.equals(pc)).toBe(false);
  });

  it("yields num_images files", async () => {
    const api = client(sim, uniqueKey());
    const id = await createTask(api, "/images/generations", {
      model: "imagen4",
      prompt: "three cats",
      num_images: 3,
    });
    const info = taskInfoSchema.parse(await pollFinal(api, id));
    expect(info.response).toHaveLength(3);
    const files = await Promise.all(info.response.map(async (u) => bytesOf(await fetch(u))));
    expect(files[0]?.equals(files[1] ?? Buffer.alloc(0))).toBe(false);
  });
});

describe.concurrent("tools, video and audio outputs", () => {
  it("remove-bg returns a PNG with an alpha channel; upscale a larger PNG", async () => {
    const api = client(sim, uniqueKey());
    const [cut, up] = await Promise.all([
      createTask(api, "/images/tools/remove-bg", { image: "https://cdn.example.com/cat.png" }),
      createTask(api, "/images/tools/upscale", {
        model: "image-upscale",
        image: "https://cdn.example.com/cat.png",
      }),
    ]);
    const cutPng = await bytesOf(
      await fetch(taskInfoSchema.parse(await pollFinal(api, cut)).response[0] ?? ""),
    );
    expect(cutPng[25]).toBe(6); // IHDR colour type 6 = RGBA
    const upPng = await bytesOf(
      await fetch(taskInfoSchema.parse(await pollFinal(api, up)).response[0] ?? ""),
    );
    expect(readPngSize(upPng)).toEqual({ width: 1024, height: 1024 });
  });

  it("serves a WebM made from the clip that matches the aspect ratio, as long as asked", async () => {
    const api = client(sim, uniqueKey());
    const id = await createTask(api, "/videos/generations", {
      model: "kling-3",
      prompt: "a fox runs",
      aspect_ratio: "9:16",
    });
    const info = taskInfoSchema.parse(await pollFinal(api, id));
    const res = await fetch(info.response[0] ?? "");
    expect(res.headers.get("content-type")).toBe("video/webm");
    // kling-3's default duration is 5 s: the 2.5 s clip twice.
    const expected = loopWebm(parseWebm(loadVideoAsset("video-9x16")), 5);
    expect((await bytesOf(res)).equals(expected)).toBe(true);
  });

  it("music runs MiniMax's 30–60 s (no model takes a duration); Suno yields two clips", async () => {
    const api = client(sim, uniqueKey());
    const minimax = await createTask(api, "/audio/music", {
      model: "minimax-music",
      prompt: "calm piano",
    });
    const suno = await createTask(api, "/audio/music", {
      model: "chirp-v4-5",
      gpt_description_prompt: "a sea shanty",
    });
    const wav = await bytesOf(
      await fetch(taskInfoSchema.parse(await pollFinal(api, minimax)).response[0] ?? ""),
    );
    const seconds = wav.readUInt32LE(40) / (wav.readUInt32LE(24) * 2);
    expect(seconds).toBeGreaterThanOrEqual(30);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(taskInfoSchema.parse(await pollFinal(api, suno)).response).toHaveLength(2);
  });

  it("speech length grows with the dialogue", async () => {
    const api = client(sim, uniqueKey());
    const seconds = async (text: string): Promise<number> => {
      const id = await createTask(api, "/audio/speech", {
        model: "elevenlabs-v3",
        dialogue: [{ text, voice: "narrator" }],
      });
      const wav = await bytesOf(
        await fetch(taskInfoSchema.parse(await pollFinal(api, id)).response[0] ?? ""),
      );
      return wav.readUInt32LE(40) / (wav.readUInt32LE(24) * 2);
    };
    const [short, long] = await Promise.all([
      seconds("Hello."),
      seconds("Hello there, this is a much longer line. ".repeat(5)),
    ]);
    expect(short).toBeLessThan(2);
    expect(long).toBeGreaterThan(8);
  });
});

describe.concurrent("file downloads", () => {
  async function pngTask(): Promise<{ url: string; full: Buffer }> {
    const api = client(sim, uniqueKey());
    const id = await createTask(api, "/images/generations", {
      model: "flux-2",
      prompt: "ranges please",
    });
    const url = taskInfoSchema.parse(await pollFinal(api, id)).response[0] ?? "";
    return { url, full: await bytesOf(await fetch(url)) };
  }

  // The same cases as the Studio's upload server (lib/http/byte-range-cases).
  it("answers Range requests like every byte server here", async () => {
    const { url, full } = await pngTask();
    for (const c of rangeCases(full.length)) {
      await expectRangeAnswer(await fetch(url, { headers: { Range: c.header } }), full, c);
    }
  });

  it("supports HEAD and 404s unknown files", async () => {
    const { url, full } = await pngTask();
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(full.length));
    expect((await fetch(url.replace(/\/0\.png$/, "/9.png"))).status).toBe(404);
    expect((await fetch(url.replace(/\.png$/, ".wav"))).status).toBe(404);
    expect((await fetch(`${sim.origin}/files/nope/0.png`)).status).toBe(404);
  });

  it("serves no files before the task has succeeded", async () => {
    // At real speed the video takes minutes: still running when asked, however busy the machine.
    const realTime = await startTestSimulator({ speed: 1 });
    try {
      const id = await createTask(client(realTime, uniqueKey()), "/videos/generations", {
        model: "kling-3",
        prompt: "slowly now",
      });
      const res = await fetch(`${realTime.origin}/files/${id}/0.webm`);
      expect(res.status).toBe(404);
      expect(asRecord((await json(res)).error).type).toBe("not_found");
    } finally {
      await realTime.close();
    }
  });

  it("builds output URLs from the Host the caller used", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    const id = await createTask(api, "/images/generations", {
      model: "flux-2",
      prompt: "via localhost",
    });
    await pollFinal(api, id);
    const viaLocalhost = await fetch(`http://localhost:${sim.port}/api/v1/tasks/${id}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    const info = taskInfoSchema.parse((await json(viaLocalhost)).data);
    expect(info.response[0]).toBe(`http://localhost:${sim.port}/files/${id}/0.png`);
  });
});

describe.concurrent("credits", () => {
  it("charges the flat default for a model without a documented price", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    const body = { model: "minimax-music", prompt: "calm piano" };
    expect(priceOf("music", body)).toBeNull();
    const id = await createTask(api, "/audio/music", body);
    expect(await adminGet(sim, `/keys/${key}`)).toMatchObject({
      balance: 10_000 - defaultTaskPrice,
    });
    expect((await pollFinal(api, id)).consumed_credits).toBe(defaultTaskPrice);
  });

  it("draws each task's price from the key's balance", async () => {
    const key = uniqueKey();
    const api = client(sim, key);
    await createTask(api, "/images/generations", {
      model: "flux-2",
      prompt: "pro 2K",
      resolution: "2K",
    });
    await createTask(api, "/images/tools/face-swap", {
      model: "face-swap",
      image: "https://x.test/a.png",
      face_image: "https://x.test/b.png",
    });
    const account = await adminGet(sim, `/keys/${key}`);
    expect(account).toMatchObject({ balance: 10_000 - 7 - 4, taskCount: 2 });
  });
});

describe("filesOrigin", () => {
  it("points output URLs at the proxy in front of /files, which serves the same bytes", async () => {
    const proxied = await startTestSimulator({ filesOrigin: "https://studio.example/demo/" });
    try {
      const api = client(proxied, uniqueKey());
      const id = await createTask(api, "/images/generations", { model: "flux-2", prompt: "a fox" });
      const info = taskInfoSchema.parse(await pollFinal(api, id));
      expect(info.response).toEqual([`https://studio.example/demo/files/${id}/0.png`]);
      // What the proxy forwards to: the simulator's own /files path.
      const own = await fetch(`${proxied.origin}/files/${id}/0.png`);
      expect(own.status).toBe(200);
      expect(magic["image/png"]?.(await bytesOf(own))).toBe(true);
    } finally {
      await proxied.close();
    }
  });
});
