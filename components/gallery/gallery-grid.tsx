"use client";

// The library's grid: a masonry of columns ("lanes") as many as the width holds, virtualized over
// the window's scroll so only the cards near the screen exist (a few dozen, with ten thousand
// tasks loaded). Each card is measured as it renders and again when its media learns its shape,
// so columns pack without gaps. The next page is asked for when the last cards come near.
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { knownAspect, ratioOf } from "./card-media";
import { GalleryCard } from "./gallery-card";

export const gridGap = 16;
const minColumnWidth = 240;
/** Text, status line and padding under a card's media. */
const cardChrome = 84;

export function laneCount(width: number): number {
  return Math.max(1, Math.floor((width + gridGap) / (minColumnWidth + gridGap)));
}

/**
 * A card's height before it is measured, as close as the list lets us guess: the media's known
 * or likely shape plus the text; a failure has no media but a line of error.
 */
function estimateHeight(task: TaskListItem | undefined, columnWidth: number): number {
  if (!task) return 300;
  if (task.output === "audio") return cardChrome + (task.status === "FAILED" ? 36 : 48);
  const kind = task.output === "video" ? "video" : "image";
  const media = columnWidth / knownAspect(task.response[0], kind, ratioOf(task.aspect_ratio));
  if (task.kind === "tool") return cardChrome + media / 2;
  if (task.status === "FAILED") return cardChrome + 36;
  return cardChrome + media;
}

/** The element's width and its distance from the top of the document, kept current. */
function useGridBox(ref: React.RefObject<HTMLDivElement | null>) {
  const [box, setBox] = useState({ width: 0, top: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => {
      const rect = el.getBoundingClientRect();
      const next = { width: rect.width, top: rect.top + window.scrollY };
      setBox((old) => (old.width === next.width && old.top === next.top ? old : next));
    };
    read();
    // The filters above the grid wrap differently as the window narrows: the offset follows.
    const observer = new ResizeObserver(read);
    observer.observe(el);
    if (el.parentElement) observer.observe(el.parentElement);
    return () => observer.disconnect();
  }, [ref]);
  return box;
}

export function GalleryGrid({
  tasks,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  tasks: TaskListItem[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { width, top } = useGridBox(ref);
  const lanes = laneCount(width);
  const columnWidth = width > 0 ? (width - gridGap * (lanes - 1)) / lanes : minColumnWidth;

  // Stable between renders of the same list: the virtualizer lays every item out again from the
  // first whenever getItemKey changes, which with ten thousand tasks cost every scroll frame.
  const getItemKey = useCallback((i: number) => tasks[i]?.task_id ?? i, [tasks]);
  const estimateSize = useCallback(
    (i: number) => estimateHeight(tasks[i], columnWidth),
    [tasks, columnWidth],
  );
  const virtualizer = useWindowVirtualizer({
    count: tasks.length,
    estimateSize,
    getItemKey,
    overscan: 6,
    lanes,
    // A card keeps its column once measured, chosen by where the columns really end: estimated
    // sizes would pile the errors up in one column over thousands of cards.
    laneAssignmentMode: "measured",
    gap: gridGap,
    scrollMargin: top,
  });
  const items = virtualizer.getVirtualItems();

  const lastShown = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= tasks.length - 1 - lanes * 3) onLoadMore();
  }, [hasMore, loadingMore, lastShown, tasks.length, lanes, onLoadMore]);

  return (
    <div
      ref={ref}
      className="relative w-full"
      style={{ height: virtualizer.getTotalSize() }}
      data-testid="gallery-grid"
      data-lanes={lanes}
    >
      {width > 0
        ? items.map((item) => {
            const task = tasks[item.index];
            if (!task) return null;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="absolute top-0 left-0"
                style={{
                  width: columnWidth,
                  transform: `translate(${item.lane * (columnWidth + gridGap)}px, ${item.start - top}px)`,
                }}
              >
                <GalleryCard task={task} cssWidth={columnWidth} />
              </div>
            );
          })
        : null}
    </div>
  );
}
