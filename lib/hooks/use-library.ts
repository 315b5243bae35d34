"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { libraryQuery, libraryTasks } from "@/lib/queries/library";
import type { TaskListFilter } from "@/lib/queries/tasks";
import { useTaskStreamLive } from "./task-stream-context";

/** The library for one filter: every task loaded so far, newest first, and the next page on ask. */
export function useLibrary(filter: TaskListFilter) {
  const query = useInfiniteQuery(libraryQuery(filter, useTaskStreamLive()));
  const tasks = useMemo(() => libraryTasks(query.data), [query.data]);
  return { query, tasks };
}
