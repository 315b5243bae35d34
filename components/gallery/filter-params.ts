// The gallery's filters as they live in the URL (`/gallery?kind=image&q=fox&since=2026-11-24`),
// and what `GET /api/v1/tasks` is asked for them. Pure, so every rule has a unit test: a value the
// URL should not hold is dropped (never a crash), and dates are the user's own days.
import { models } from "@/lib/catalog";
import type { TaskListFilter } from "@/lib/queries/tasks";
import { taskStatuses, type TaskStatus } from "@/lib/schemas/api";
import {
  maxSearchLength,
  routeKind,
  taskKinds,
  taskListQuerySchema,
  type TaskKind,
} from "@/lib/schemas/tasks";

export interface GalleryFilters {
  kind?: TaskKind;
  /** A catalog slug (of `kind`, when one is chosen). */
  model?: string;
  status?: TaskStatus;
  favorite?: true;
  /** Local calendar days, `YYYY-MM-DD`, both inclusive. */
  since?: string;
  until?: string;
  q?: string;
}

/** The URL's parameter order, so equal filters always make the same URL. */
export const filterParams = ["kind", "model", "status", "favorite", "since", "until", "q"] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

/** `YYYY-MM-DD` naming a real day (2026-02-30 is not one). */
export function isDay(value: string | null): value is string {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/** The filters a URL's query holds; anything unknown, malformed or contradictory is left out. */
export function parseGalleryFilters(params: URLSearchParams): GalleryFilters {
  const filters: GalleryFilters = {};
  const kind = params.get("kind");
  if (isOneOf(taskKinds, kind)) filters.kind = kind;
  const model = params.get("model");
  const entry = model ? models.find((m) => m.slug === model) : undefined;
  if (entry && (!filters.kind || routeKind[entry.route] === filters.kind))
    filters.model = entry.slug;
  const status = params.get("status");
  if (isOneOf(taskStatuses, status)) filters.status = status;
  if (params.get("favorite") === "true") filters.favorite = true;
  const since = params.get("since");
  const until = params.get("until");
  if (isDay(since)) filters.since = since;
  if (isDay(until) && !(filters.since && until < filters.since)) filters.until = until;
  const q = taskListQuerySchema.shape.q.safeParse(params.get("q") ?? undefined);
  if (q.success && q.data) filters.q = q.data;
  return filters;
}

/** The query string for these filters (without "?"), in filterParams order. */
export function galleryQueryString(filters: GalleryFilters): string {
  const params = new URLSearchParams();
  for (const name of filterParams) {
    const value = filters[name];
    if (value !== undefined) params.set(name, String(value));
  }
  return params.toString();
}

export const hasFilters = (filters: GalleryFilters): boolean =>
  filterParams.some((name) => filters[name] !== undefined);

/** Midnight at the start of a local day, as an ISO instant with the user's offset. */
export function localMidnight(day: string, addDays = 0): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d + addDays);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, "0");
  const local = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${local}T00:00:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/**
 * What the API is asked: the same filters, the days as instants in the user's time zone (`until`
 * is exclusive there, so the chosen last day runs to the next midnight).
 */
export function toListFilter(filters: GalleryFilters, limit: number): TaskListFilter {
  return {
    ...(filters.kind && { kind: filters.kind }),
    ...(filters.model && { model: filters.model }),
    ...(filters.status && { status: filters.status }),
    ...(filters.favorite && { favorite: "true" as const }),
    ...(filters.since && { since: localMidnight(filters.since) }),
    ...(filters.until && { until: localMidnight(filters.until, 1) }),
    ...(filters.q && { q: filters.q.slice(0, maxSearchLength) }),
    limit,
  };
}
