import { describe, expect, it } from "vitest";
import { modelsForRoute } from "@/lib/catalog";
import { buildBody, initialFormState } from "./form-values";
import { firstModel, formFingerprint, isEdited, planRefill, stateFor } from "./form-refill";

const routes = ["images"] as const;
const flux = firstModel("images");

function edited(prompt: string) {
  const form = initialFormState(flux);
  return { ...form, values: { ...form.values, prompt } };
}

describe("planRefill", () => {
  const retry = {
    route: "images" as const,
    body: { model: flux.modelValues[0], prompt: "a red fox" },
  };

  it("fills a form still at its defaults at once", () => {
    const plan = planRefill(initialFormState(flux), retry, routes, null);
    expect(plan.kind).toBe("apply");
    expect(buildBody(plan.form).prompt).toBe("a red fox");
  });

  it("asks before replacing edits that were never run", () => {
    const plan = planRefill(edited("my own words"), retry, routes, null);
    expect(plan.kind).toBe("ask");
    expect(buildBody(plan.form).prompt).toBe("a red fox");
  });

  it("does not ask when the form is exactly what was last run", () => {
    const form = edited("my own words");
    expect(planRefill(form, retry, routes, formFingerprint(form)).kind).toBe("apply");
  });

  it("merges only the given fields and keeps the rest", () => {
    const form = edited("my own words");
    const plan = planRefill(
      form,
      { route: "images", body: { resolution: "2K" }, merge: true },
      routes,
      null,
    );
    expect(plan.kind).toBe("apply");
    const body = buildBody(plan.form);
    expect(body.prompt).toBe("my own words");
    expect(body.resolution).toBe("2K");
    expect(plan.form.entry.slug).toBe(flux.slug);
  });

  it("a merge naming another model switches to it, keeping the prompt", () => {
    const other = modelsForRoute("images").find(
      (m) => m.slug !== flux.slug && m.fields.some((f) => f.name === "seed"),
    )!;
    const value = other.modelValues.at(-1)!;
    const plan = planRefill(
      edited("my own words"),
      { route: "images", body: { model: value, seed: 42 }, merge: true },
      routes,
      null,
    );
    expect(plan.kind).toBe("apply");
    expect(plan.form.entry.slug).toBe(other.slug);
    const body = buildBody(plan.form);
    expect(body).toMatchObject({ model: value, seed: 42, prompt: "my own words" });
  });

  it("ignores merged fields the model does not have", () => {
    const plan = planRefill(
      edited("x y z"),
      { route: "images", body: { nonsense: 1 }, merge: true },
      routes,
      null,
    );
    expect(buildBody(plan.form)).not.toHaveProperty("nonsense");
  });
});

describe("isEdited", () => {
  it("is false at defaults and after a run, true after a change", () => {
    expect(isEdited(stateFor(routes), null)).toBe(false);
    const form = edited("a fox");
    expect(isEdited(form, null)).toBe(true);
    expect(isEdited(form, formFingerprint(form))).toBe(false);
  });
});
