"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  compareKeys,
  comparisonListQuery,
  comparisonQuery,
  createComparison,
  deleteComparison,
  pickFavorite,
} from "./compare-queries";
import { taskQuery } from "@/lib/queries/tasks";
import type { Comparison, ComparisonAnswer, ComparisonColumn } from "@/lib/schemas/compare";
import type { TaskStatus } from "@/lib/schemas/api";
import { useTaskStreamLive } from "@/lib/hooks/task-stream-context";

export function useComparisonList() {
  return useQuery(comparisonListQuery());
}

export function useComparison(id: string, initial?: Comparison) {
  return useQuery(comparisonQuery(id, initial));
}

export function useCreateComparison() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["comparisons", "create"],
    mutationFn: createComparison,
    retry: false,
    onSuccess: (comparison) => {
      client.setQueryData(compareKeys.detail(comparison.id), comparison);
      void client.invalidateQueries({ queryKey: compareKeys.list });
    },
  });
}

export function usePickFavorite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: pickFavorite,
    onSuccess: (comparison) => {
      client.setQueryData(compareKeys.detail(comparison.id), comparison);
      void client.invalidateQueries({ queryKey: compareKeys.list });
    },
  });
}

export function useDeleteComparison() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteComparison,
    onSuccess: () => client.invalidateQueries({ queryKey: compareKeys.list }),
  });
}

export interface ColumnTaskState {
  status: TaskStatus | "NONE";
  outputs: string[];
  credits: number | null;
  error: string | null;
  createdAt: string | null;
  completedAt: string | null;
}

/**
 * A column's task as it stands now: the status query (which the live stream updates, and which
 * reads our database, never the upstream) over what the comparison was loaded with.
 */
export function useColumnTask(column: ComparisonColumn): ColumnTaskState {
  const live = useTaskStreamLive();
  const taskId = column.task_id;
  const detail = useQuery({ ...taskQuery(taskId ?? "", live), enabled: taskId !== null });
  const item = column.task;
  const info = detail.data?.data;
  if (!taskId || (!item && !info)) {
    return {
      status: "NONE",
      outputs: [],
      credits: null,
      error: column.error?.message ?? null,
      createdAt: null,
      completedAt: null,
    };
  }
  return {
    status: info?.status ?? item?.status ?? "IN_PROGRESS",
    outputs: info?.response ?? item?.response ?? [],
    credits: info?.consumed_credits ?? item?.consumed_credits ?? null,
    error: info?.error_message ?? item?.error_message ?? null,
    createdAt: item?.created_at ?? info?.created_at ?? null,
    completedAt: item?.completed_at ?? null,
  };
}

/** A chat column's answer in the terms a task column is shown in. */
export function chatColumnState(answer: ComparisonAnswer): ColumnTaskState {
  const status =
    answer.status === "streaming"
      ? "IN_PROGRESS"
      : answer.status === "complete"
        ? "SUCCESS"
        : "FAILED";
  return {
    status,
    outputs: [],
    credits: answer.credits,
    error:
      answer.error?.message ??
      (answer.status === "interrupted" ? "The answer was cut off before it ended." : null),
    createdAt: null,
    completedAt: null,
  };
}
