"use client";

// The library: filters from the URL, then the matching tasks page by page in a virtualized grid,
// or the state that says what to do next (nothing made yet, nothing matches, loading, an error).
import { useMemo } from "react";
import { Tabs, TabsContent } from "@/components/ui/tabs";
import { hasFilters, toListFilter } from "./filter-params";
import { useGalleryFilters } from "./use-gallery-filters";
import { useLibrary } from "@/lib/hooks/use-library";
import { libraryPageSize } from "@/lib/queries/library";
import type { TaskKind } from "@/lib/schemas/tasks";
import { GalleryEmpty, GalleryNoMatch } from "./gallery-empty";
import { GalleryError } from "./gallery-error";
import { GalleryFilterBar } from "./gallery-filters";
import { GalleryGrid } from "./gallery-grid";
import { GallerySkeleton } from "./gallery-skeleton";
import { formatCount } from "@/lib/utils/format";

function GalleryResults() {
  const state = useGalleryFilters();
  const { filters, clear } = state;
  const filter = useMemo(() => toListFilter(filters, libraryPageSize), [filters]);
  const { query: library, tasks } = useLibrary(filter);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = library;
  const loadMore = useMemo(
    () => () => {
      void fetchNextPage();
    },
    [fetchNextPage],
  );

  let body: React.ReactNode;
  if (tasks === undefined) {
    body = library.error ? (
      <GalleryError error={library.error} onRetry={() => void library.refetch()} onClear={clear} />
    ) : (
      <GallerySkeleton />
    );
  } else if (tasks.length === 0) {
    body = hasFilters(filters) ? (
      <GalleryNoMatch onClear={clear} searched={filters.q !== undefined} />
    ) : (
      <GalleryEmpty />
    );
  } else {
    body = (
      <>
        <GalleryGrid
          tasks={tasks}
          hasMore={hasNextPage && !library.isFetchNextPageError}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
        />
        {library.isFetchNextPageError && library.error ? (
          <GalleryError
            error={library.error}
            more
            onRetry={() => void fetchNextPage()}
            onClear={clear}
          />
        ) : null}
        <p className="text-muted-foreground py-2 text-center text-xs" aria-live="polite">
          {isFetchingNextPage
            ? "Loading more…"
            : !hasNextPage
              ? `That is everything: ${formatCount(tasks.length)} ${tasks.length === 1 ? "task" : "tasks"}.`
              : ""}
        </p>
      </>
    );
  }

  // Nothing made yet: the filters would have nothing to filter.
  const nothingYet = tasks?.length === 0 && !hasFilters(filters);
  const kind = filters.kind ?? "all";
  return (
    // The kind tabs control the results: the results are their panel.
    <Tabs
      value={kind}
      onValueChange={(value) =>
        state.update({ kind: value === "all" ? undefined : (value as TaskKind) })
      }
      className="flex flex-col gap-5"
      data-testid="gallery"
      data-loaded={tasks?.length ?? -1}
    >
      {nothingYet ? null : <GalleryFilterBar {...state} />}
      <TabsContent value={kind} tabIndex={-1} className="flex flex-col gap-4 rounded-lg">
        {body}
      </TabsContent>
    </Tabs>
  );
}

export function TaskGallery() {
  return <GalleryResults />;
}
