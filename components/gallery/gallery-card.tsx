"use client";

// One task in the library: its media first (sized to itself), then what it is — title or prompt,
// status (with the time it has been running), model, credits, age — and a star. The whole card is
// one link to the task's page (a stretched <a>, one tab stop); the star and an audio player sit
// above that link and take their own clicks.
import { AlertCircleIcon, CoinsIcon, LayersIcon } from "lucide-react";
import { memo, useRef } from "react";
import { formatCredits } from "@/lib/utils/format";
import { elapsedSeconds, formatAgo, formatSeconds, isStalled } from "@/components/tasks/run-timing";
import { modelLabel } from "@/components/tasks/task-pages";
import { TaskStatusBadge } from "@/components/tasks/task-status-badge";
import { useNow } from "@/components/tasks/use-now";
import { isHttpUrl } from "@/lib/catalog";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils/cn";
import { IntentLink } from "@/components/ui/intent-link";
import { CardAudio, CardImage, CardPending, CardVideo, ratioOf } from "./card-media";
import { FavoriteButton } from "./favorite-button";
import { ToolMedia } from "./tool-media";

const kindNames: Record<TaskListItem["kind"], string> = {
  image: "Image",
  video: "Video",
  music: "Music",
  speech: "Speech",
  tool: "Tool",
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** What a card is called: the owner's title, else the prompt, else the model. */
export function cardName(task: TaskListItem): string {
  return task.title || task.prompt_preview || modelLabel(task.model);
}

function prefersReducedMotion(): boolean {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

function VisualMedia({
  task,
  urls,
  cssWidth,
  videoRef,
}: {
  task: TaskListItem;
  urls: string[];
  cssWidth: number;
  videoRef: React.RefObject<HTMLVideoElement | null>;
}) {
  const label = modelLabel(task.model);
  const first = urls[0];
  if (task.kind === "tool") {
    return <ToolMedia task={task} output={first} label={label} cssWidth={cssWidth} />;
  }
  if (task.output === "audio") return null;
  if (task.status === "IN_PROGRESS") {
    return <CardPending kind={task.output} label="" aspect={ratioOf(task.aspect_ratio)} />;
  }
  if (!first) return null;
  return (
    <div className="relative">
      {task.output === "video" ? (
        <CardVideo url={first} videoRef={videoRef} hint={ratioOf(task.aspect_ratio)} />
      ) : (
        <CardImage
          url={first}
          alt={cardName(task)}
          cssWidth={cssWidth}
          hint={ratioOf(task.aspect_ratio)}
        />
      )}
      {urls.length > 1 ? (
        <span className="bg-background/85 absolute bottom-2 left-2 inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium">
          <LayersIcon className="size-3" aria-hidden /> {urls.length}
          <span className="sr-only"> outputs</span>
        </span>
      ) : null}
    </div>
  );
}

/**
 * Memoized: the grid renders again whenever the visible range moves, and only the cards that came
 * into view need to render then (a task changed by the stream arrives as a new object).
 */
export const GalleryCard = memo(function GalleryCard({
  task,
  cssWidth,
}: {
  task: TaskListItem;
  cssWidth: number;
}) {
  const running = task.status === "IN_PROGRESS";
  const now = useNow(running);
  const videoRef = useRef<HTMLVideoElement>(null);
  const label = modelLabel(task.model);
  const name = cardName(task);
  const urls = task.status === "SUCCESS" ? task.response.filter(isHttpUrl) : [];
  const hasVisual =
    task.kind === "tool" || (task.output !== "audio" && (running || urls.length > 0));

  const preview = (play: boolean) => {
    const video = videoRef.current;
    if (!video) return;
    if (play && !prefersReducedMotion()) void video.play().catch(() => {});
    else video.pause();
  };

  return (
    <article
      className="group bg-card text-card-foreground relative flex flex-col overflow-hidden rounded-xl border shadow-xs transition-shadow hover:shadow-md"
      data-testid="gallery-item"
      data-task-id={task.task_id}
      data-status={task.status}
      data-kind={task.kind}
      onPointerEnter={() => preview(true)}
      onPointerLeave={() => preview(false)}
      onFocus={() => preview(true)}
      onBlur={() => preview(false)}
    >
      <VisualMedia task={task} urls={urls} cssWidth={cssWidth} videoRef={videoRef} />
      <div className="flex flex-col gap-2 p-3">
        <h3
          className={cn(
            "line-clamp-2 text-sm leading-snug font-medium [overflow-wrap:anywhere]",
            !hasVisual && "pr-9",
          )}
          title={name}
        >
          <IntentLink
            href={`/tasks/${encodeURIComponent(task.task_id)}`}
            className="after:ring-ring/50 outline-none after:absolute after:inset-0 after:rounded-xl focus-visible:after:ring-[3px]"
            data-testid="gallery-link"
          >
            {name}
          </IntentLink>
        </h3>
        {task.output === "audio" && urls[0] ? (
          <CardAudio url={urls[0]} label={`${name}: ${label}`} />
        ) : null}
        {task.output === "audio" && running ? <CardPending kind="audio" label="" /> : null}
        {task.status === "FAILED" ? (
          <p
            className="text-destructive flex items-start gap-1.5 text-xs"
            data-testid="gallery-error"
          >
            <AlertCircleIcon className="mt-px size-3.5 shrink-0" aria-hidden />
            <span className="line-clamp-2 [overflow-wrap:anywhere]">
              {task.error_message || "Failed without a reason from API in One."}
            </span>
          </p>
        ) : null}
        <div className="text-muted-foreground flex items-center justify-between gap-2 text-xs">
          <span className="truncate">{name === label ? kindNames[task.kind] : label}</span>
          <time
            dateTime={task.created_at}
            title={dateFormat.format(new Date(task.created_at))}
            className="shrink-0"
          >
            {formatAgo(task.created_at, now)}
          </time>
        </div>
        <div className="text-muted-foreground flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
          <TaskStatusBadge
            status={task.status}
            tracking={task.tracking.state}
            testId="gallery-status"
          />
          {running && !isStalled(task) ? (
            <span data-testid="gallery-elapsed">{formatSeconds(elapsedSeconds(task, now))}</span>
          ) : null}
          {task.consumed_credits !== null ? (
            <span className="inline-flex items-center gap-1">
              <CoinsIcon className="size-3" aria-hidden /> {formatCredits(task.consumed_credits)}
            </span>
          ) : null}
        </div>
      </div>
      <FavoriteButton
        taskId={task.task_id}
        favorite={task.favorite}
        name={name}
        className="absolute top-2 right-2"
      />
    </article>
  );
});
