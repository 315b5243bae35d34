"use client";

import { AlertCircleIcon, CoinsIcon } from "lucide-react";
import { useState } from "react";
import { formatCredits } from "@/components/catalog/format";
import { MediaOutput } from "@/components/media/media-output";
import { TaskStatusBadge } from "@/components/tasks/task-status-badge";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { isHttpUrl, models, type OutputKind } from "@/lib/catalog";
import { useTaskList } from "@/lib/hooks/use-tasks";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { GalleryEmpty } from "./gallery-empty";

/** The newest tasks shown; older ones stay stored (a paged view can reach them later). */
export const galleryLimit = 60;

type Filter = "all" | OutputKind;
const filters: { value: Filter; label: string; none: string }[] = [
  { value: "all", label: "All", none: "No tasks yet" },
  { value: "image", label: "Images", none: "No images yet" },
  { value: "video", label: "Videos", none: "No videos yet" },
  { value: "audio", label: "Audio", none: "No music or speech yet" },
];

const labelBySlug = new Map(models.map((m) => [m.slug, m.label]));

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function GalleryItem({ task }: { task: TaskListItem }) {
  const label = labelBySlug.get(task.model) ?? task.model;
  const urls = task.response.filter(isHttpUrl);
  return (
    <Card className="flex flex-col gap-4 p-4" data-testid="gallery-item" data-status={task.status}>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">{label}</p>
          <p className="text-muted-foreground text-xs">
            <time dateTime={task.created_at}>{dateFormat.format(new Date(task.created_at))}</time>
          </p>
        </div>
        <TaskStatusBadge
          status={task.status}
          tracking={task.tracking.state}
          testId="gallery-status"
        />
      </div>
      {task.prompt_preview ? (
        <p className="text-muted-foreground line-clamp-2 text-sm" title={task.prompt_preview}>
          {task.prompt_preview}
        </p>
      ) : null}
      {task.status === "IN_PROGRESS" ? (
        <Skeleton className={task.output === "audio" ? "h-16" : "aspect-video"} />
      ) : null}
      {task.status === "IN_PROGRESS" && task.tracking.note ? (
        <p className="text-muted-foreground text-xs">{task.tracking.note}</p>
      ) : null}
      {task.status === "SUCCESS" ? (
        urls.length > 0 ? (
          <MediaOutput kind={task.output} urls={urls} label={`${label} output`} />
        ) : (
          <p className="text-muted-foreground text-sm">Finished without output files.</p>
        )
      ) : null}
      {task.status === "FAILED" ? (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <span>{task.error_message || "The task failed without a reason from API in One."}</span>
        </Alert>
      ) : null}
      {task.consumed_credits !== null ? (
        <p className="text-muted-foreground mt-auto flex items-center gap-1.5 text-xs">
          <CoinsIcon className="size-3.5" /> {formatCredits(task.consumed_credits)}
        </p>
      ) : null}
    </Card>
  );
}

function GallerySkeleton() {
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Loading tasks">
      {Array.from({ length: 6 }, (_, i) => (
        <Card key={i} className="flex flex-col gap-4 p-4">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="aspect-video" />
          <Skeleton className="h-3 w-20" />
        </Card>
      ))}
    </div>
  );
}

/** Every task the user ran, newest first, with its outputs; the live stream keeps them current. */
export function TaskGallery() {
  const [filter, setFilter] = useState<Filter>("all");
  const query = useTaskList({ limit: galleryLimit, ...(filter !== "all" && { output: filter }) });
  const tasks = query.data?.tasks;

  if (filter === "all" && tasks?.length === 0) return <GalleryEmpty />;
  return (
    <div className="flex flex-col gap-4">
      <Tabs value={filter} onValueChange={(value) => setFilter(value as Filter)}>
        <TabsList aria-label="Show">
          {filters.map((f) => (
            <TabsTrigger key={f.value} value={f.value}>
              {f.label}
            </TabsTrigger>
          ))}
        </TabsList>
      </Tabs>
      {query.error ? (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <span>Could not load your tasks: {query.error.message}</span>
        </Alert>
      ) : null}
      {!tasks && !query.error ? <GallerySkeleton /> : null}
      {tasks?.length === 0 ? (
        <Card className="text-muted-foreground px-6 py-12 text-center text-sm">
          {filters.find((f) => f.value === filter)?.none}
        </Card>
      ) : null}
      {tasks && tasks.length > 0 ? (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="gallery-grid">
          {tasks.map((task) => (
            <GalleryItem key={task.task_id} task={task} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
