"use client";

// The gallery's filters, read from and written to the URL: a reload, the back button and a shared
// link all show the same library. Picking a filter is a step in history (push); typing in the
// search box replaces the current entry, so a word typed is not a dozen back presses.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { galleryQueryString, parseGalleryFilters, type GalleryFilters } from "./filter-params";

export interface GalleryFiltersState {
  filters: GalleryFilters;
  /** Sets (a value) or clears (undefined) the named filters, keeping the others. */
  update: (patch: Partial<GalleryFilters>, options?: { replace?: boolean }) => void;
  clear: () => void;
}

export function useGalleryFilters(): GalleryFiltersState {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = params.toString();
  const filters = useMemo(() => parseGalleryFilters(new URLSearchParams(query)), [query]);

  // Navigations sent but not yet in the URL, oldest first: a second change made before the first
  // has landed (a quick click, then a date) builds on the first instead of undoing it. A URL that
  // is none of them (the back button) ends them all.
  const inFlight = useRef<{ query: string; filters: GalleryFilters }[]>([]);
  useEffect(() => {
    const at = inFlight.current.findIndex((sent) => sent.query === query);
    inFlight.current = at === -1 ? [] : inFlight.current.slice(at + 1);
  }, [query]);

  const navigate = useCallback(
    (next: GalleryFilters, replace = false) => {
      const search = galleryQueryString(next);
      inFlight.current.push({ query: search, filters: next });
      const href = search ? `${pathname}?${search}` : pathname;
      if (replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [pathname, router],
  );

  const update = useCallback(
    (patch: Partial<GalleryFilters>, options: { replace?: boolean } = {}) => {
      // Parsed again: a model of another kind than the one just picked is dropped, as in a URL.
      const base = inFlight.current.at(-1)?.filters ?? filters;
      const next = new URLSearchParams(galleryQueryString({ ...base, ...patch }));
      navigate(parseGalleryFilters(next), options.replace);
    },
    [filters, navigate],
  );

  const clear = useCallback(() => navigate({}), [navigate]);
  return { filters, update, clear };
}
