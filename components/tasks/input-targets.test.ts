import { describe, expect, it } from "vitest";
import { routes } from "@/lib/catalog";
import { bodyFromInput, inputTargets, routeOfRequest } from "./input-targets";

const url = "http://localhost:3000/files/abc";

describe("inputTargets", () => {
  it("offers an image to the image tools, image-to-video and image editing models", () => {
    const targets = inputTargets("image", url);
    const slugs = targets.map((t) => t.model.slug);
    expect(slugs).toEqual(expect.arrayContaining(["bg-remover", "image-upscale", "kling-3"]));
    const removeBg = targets.find((t) => t.model.slug === "bg-remover");
    expect(removeBg?.href).toBe(
      `/tools?model=bg-remover&field=image&input=${encodeURIComponent(url)}`,
    );
    expect(targets.find((t) => t.model.slug === "kling-3")?.href.startsWith("/videos?")).toBe(true);
    expect(slugs).not.toContain("suno");
  });

  it("offers a video to the video background remover only; audio to nothing", () => {
    expect(inputTargets("video", url).map((t) => t.model.slug)).toEqual(["video-bg-remover"]);
    expect(inputTargets("audio", url)).toEqual([]);
  });
});

describe("bodyFromInput", () => {
  it("fills the first image field of the named model, with its default model value", () => {
    const filled = bodyFromInput("kling-3", url);
    expect(filled?.route).toBe("videos");
    expect(filled?.body.image).toBe(url);
    expect(typeof filled?.body.model).toBe("string");
  });

  it("puts the URL in a list where the field takes several images", () => {
    expect(bodyFromInput("flux-2", url)?.body.input_urls).toEqual([url]);
  });

  it("fills nothing from a link whose input is not a web address", () => {
    for (const input of [
      "javascript:alert(1)",
      "data:image/png;base64,AAAA",
      "/files/abc",
      "abc",
    ]) {
      expect(bodyFromInput("flux-2", input)).toBeUndefined();
    }
  });

  it("fills the field the link names", () => {
    const filled = bodyFromInput("video-bg-remover", url, "background_image");
    expect(filled?.body).toEqual({ background_image: url, model: expect.any(String) });
  });

  it("accepts a tool's route name for its model", () => {
    const filled = bodyFromInput("remove-bg", url);
    expect(filled?.route).toBe("remove-bg");
    expect(filled?.body.image).toBe(url);
    expect(routes[filled!.route].path).toContain("remove-bg");
  });

  it("ignores unknown models, models without a URL field and a missing URL", () => {
    expect(bodyFromInput("no-such-model", url)).toBeUndefined();
    expect(bodyFromInput("suno", url)).toBeUndefined();
    expect(bodyFromInput("kling-3", null)).toBeUndefined();
  });
});

describe("routeOfRequest", () => {
  const tools = ["remove-bg", "face-swap", "upscale", "video-bg-remover"] as const;

  it("is the page's only route, or the tool whose catalog knows the model value", () => {
    expect(routeOfRequest(["images"], { model: "anything" })).toBe("images");
    expect(routeOfRequest(tools, { model: "image-upscale", image: url })).toBe("upscale");
    expect(routeOfRequest(tools, { image: url })).toBe("remove-bg");
    expect(routeOfRequest(tools, { model: "flux-2" })).toBeUndefined();
  });
});
