// Where a task's page is and what its model is called, for links, toasts and notifications.
import { models, type ModelEntry, type RouteId } from "@/lib/catalog";

export interface TaskPage {
  href: string;
  label: string;
}

const tools: TaskPage = { href: "/tools", label: "Tools" };

const pages: Record<RouteId, TaskPage> = {
  images: { href: "/images", label: "Images" },
  videos: { href: "/videos", label: "Videos" },
  music: { href: "/music", label: "Music" },
  speech: { href: "/speech", label: "Speech" },
  "remove-bg": tools,
  "face-swap": tools,
  upscale: tools,
  "video-bg-remover": tools,
};

/** The generation page a route's tasks are made on. */
export function pageForRoute(route: RouteId): TaskPage {
  return pages[route];
}

const bySlug = new Map(models.map((m) => [m.slug, m]));

/** The catalog entry of a listed task's model (undefined for a model no longer in the catalog). */
export function modelEntry(slug: string): ModelEntry | undefined {
  return bySlug.get(slug);
}

export function modelLabel(slug: string): string {
  return bySlug.get(slug)?.label ?? slug;
}
