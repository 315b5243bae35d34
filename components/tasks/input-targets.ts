// "Use as input": which models take an output of this kind, and in which field. Read from the
// catalog's field controls, so a new image-to-video model shows up in the menu by itself.
import {
  findModel,
  isHttpUrl,
  models,
  routes,
  type ModelEntry,
  type OutputKind,
  type RouteId,
} from "@/lib/catalog";
import { pageForRoute } from "./task-pages";

export interface InputTarget {
  model: ModelEntry;
  /** The first field that takes one URL of this kind (an image list counts for images). */
  field: string;
  /** That field's label in the form ("Start frame", "Background image"). */
  fieldLabel: string;
  /** Where the form opens with the URL filled in. */
  href: string;
  /** Menu group: the route's label ("Videos", "Remove background"). */
  group: string;
}

const fieldKinds: Record<"image" | "video", readonly string[]> = {
  image: ["image-url", "image-urls"],
  video: ["video-url"],
};

/** The generation page's URL that opens `model` with `url` in `field`. */
export function inputHref(model: ModelEntry, field: string, url: string): string {
  const params = new URLSearchParams({ model: model.slug, field, input: url });
  return `${pageForRoute(model.route).href}?${params.toString()}`;
}

/** Every model with a field for an output of this kind; none for audio. */
export function inputTargets(output: OutputKind, url: string): InputTarget[] {
  if (output === "audio") return [];
  const kinds = fieldKinds[output];
  return models.flatMap((model) => {
    const field = model.fields.find((f) => kinds.includes(f.control.kind));
    if (!field) return [];
    const href = inputHref(model, field.name, url);
    return [
      { model, field: field.name, fieldLabel: field.label, href, group: routes[model.route].label },
    ];
  });
}

/**
 * Reads `?model=<slug or route>&field=<name>&input=<url>` back: the request body that fills that
 * model's form with the URL in that field (else its first image or video field), or undefined
 * when the link names no such model.
 */
export function bodyFromInput(
  modelParam: string | null,
  url: string | null,
  fieldParam: string | null = null,
): { route: RouteId; body: Record<string, unknown> } | undefined {
  // Only a web address goes into a form (never javascript:, data: or a relative path).
  if (!modelParam || !url || !isHttpUrl(url)) return undefined;
  const model =
    models.find((m) => m.slug === modelParam) ?? models.find((m) => m.route === modelParam);
  if (!model) return undefined;
  const takesUrl = model.fields.filter((f) => /^(image|video)-urls?$/.test(f.control.kind));
  const field = takesUrl.find((f) => f.name === fieldParam) ?? takesUrl[0];
  if (!field) return undefined;
  const body: Record<string, unknown> = {
    [field.name]: field.control.kind === "image-urls" ? [url] : url,
  };
  const value = model.modelValues[0];
  if (value !== undefined) body.model = value;
  return { route: model.route, body };
}

/** The page route a stored request belongs to: the one whose catalog knows its `model` value. */
export function routeOfRequest(
  routeIds: readonly RouteId[],
  body: Record<string, unknown>,
): RouteId | undefined {
  if (routeIds.length === 1) return routeIds[0];
  const value = typeof body.model === "string" ? body.model : undefined;
  return routeIds.find((route) => findModel(route, value) !== undefined);
}
