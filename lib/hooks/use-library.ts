"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { libraryQuery, libraryTasks } from "@/lib/queries/library";
import {
  pendingDeletions,
  subscribePendingDeletions,
  withoutPendingDeletions,
} from "@/lib/queries/pending-deletions";
import type { TaskListFilter } from "@/lib/queries/tasks";
import { galleryQueryString, parseGalleryFilters } from "@/components/gallery/filter-params";
import { useTaskStreamLive } from "./task-stream-context";

const emptySet: ReadonlySet<string> = new Set();

/**
 * The library for one filter: every task loaded so far, newest first, and the next page on ask.
 * A task deleted with undo is left out while its undo window is open (the server still lists it).
 */
export function useLibrary(filter: TaskListFilter) {
  useRememberGalleryView();
  const query = useInfiniteQuery(libraryQuery(filter, useTaskStreamLive()));
  const hidden = useSyncExternalStore(subscribePendingDeletions, pendingDeletions, () => emptySet);
  const tasks = useMemo(() => {
    const all = libraryTasks(query.data);
    return all && withoutPendingDeletions(all, hidden);
  }, [query.data, hidden]);
  return { query, tasks };
}

// The gallery view (its filters) this tab showed last, so that a task page's way back — its
// "Gallery" link, Delete — returns to the same filtered view, however the task page was reached.
const gallerySearchKey = "studio.gallery-search";

/** Kept per tab, in sessionStorage (a reload keeps it; another tab has its own). */
function useRememberGalleryView(): void {
  const search = galleryQueryString(parseGalleryFilters(useSearchParams()));
  useEffect(() => {
    try {
      sessionStorage.setItem(gallerySearchKey, search);
    } catch {
      // Storage refused (private mode, quota): the way back is the bare gallery.
    }
  }, [search]);
}

function lastGalleryHref(): string {
  let search: string | null = null;
  try {
    search = sessionStorage.getItem(gallerySearchKey);
  } catch {
    // As above.
  }
  // Parsed again: only known filters go into the link, whatever the storage holds.
  const clean = search ? galleryQueryString(parseGalleryFilters(new URLSearchParams(search))) : "";
  return clean ? `/gallery?${clean}` : "/gallery";
}

const noChanges = () => () => {};

/** Where "back to the gallery" goes: the last gallery view of this tab ("/gallery" on the server). */
export function useGalleryHref(): string {
  return useSyncExternalStore(noChanges, lastGalleryHref, () => "/gallery");
}
