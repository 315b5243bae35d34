"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { toast } from "sonner";
import { modelEntry } from "./task-pages";
import { TaskStatusBadge } from "./task-status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { routes } from "@/lib/catalog";
import { useTaskStreamLive } from "@/lib/hooks/task-stream-context";
import { LocalTime } from "@/components/ui/local-time";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { useGalleryHref } from "@/lib/hooks/use-library";
import { taskQuery } from "@/lib/queries/tasks";
import type { TaskInfo } from "@/lib/schemas/api";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { FavoriteButton } from "./favorite-button";
import { RawJson } from "./raw-json";
import { TaskActions } from "./task-actions";
import { TaskCode } from "./task-code";
import { TaskDetails } from "./task-details";
import { patchErrorText } from "./patch-errors";
import { patchTask } from "./task-mutations";
import { TaskOutcome } from "./task-outcome";
import { TaskTitle } from "./task-title";
import { IntentLink } from "@/components/ui/intent-link";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * The item as the server rendered it, kept current: the live task stream updates the task's
 * status query (status, outputs, credits, error); each such change while it runs re-reads the page
 * on the server for the rest (finish time, tracking). Renames and stars come back from PATCH.
 */
function useLiveItem(initialItem: TaskListItem, initialInfo: TaskInfo) {
  const router = useRouter();
  const live = useTaskStreamLive();
  const [item, setItem] = useState(initialItem);
  const [seen, setSeen] = useState(initialItem);
  if (initialItem !== seen) {
    setSeen(initialItem);
    setItem(initialItem);
  }
  const detail = useQuery({
    ...taskQuery(initialItem.task_id, live),
    initialData: { code: 200 as const, message: "success" as const, data: initialInfo },
    // Rendered on the server a moment ago: a task still running then may have finished before
    // this view existed for the live stream to update (the news came and went). Read it once more.
    ...(initialInfo.status === "IN_PROGRESS" && { refetchOnMount: "always" as const }),
  });
  // While hydrating, exactly what the server rendered: the live stream can update the cache before
  // this part of the page hydrates (outputs copied a moment ago), and React must see the same text.
  const hydrated = useHydrated();
  const info = hydrated ? detail.data.data : initialInfo;
  const running = item.status === "IN_PROGRESS";
  useEffect(() => {
    if (running && info.status !== "IN_PROGRESS") router.refresh();
  }, [running, info.status, router]);

  const merged: TaskListItem = {
    ...item,
    status: info.status,
    response: info.response,
    consumed_credits: info.consumed_credits,
    error_message: info.error_message,
  };
  return { item: merged, request: info.request, info, setItem };
}

export function TaskPageView({
  initialItem,
  initialInfo,
  studioOrigin,
}: {
  initialItem: TaskListItem;
  initialInfo: TaskInfo;
  studioOrigin: string;
}) {
  const client = useQueryClient();
  const galleryHref = useGalleryHref();
  const { item, request, info, setItem } = useLiveItem(initialItem, initialInfo);
  const entry = modelEntry(item.model);
  const label = entry?.label ?? item.model;
  const fallbackTitle = item.prompt_preview ?? label;
  const answer = useMemo(
    () => ({
      code: 200,
      message: "success",
      data: info,
      original_response: item.original_response,
    }),
    [info, item.original_response],
  );

  const patch = async (change: { favorite?: boolean; title?: string | null }) => {
    try {
      setItem(await patchTask(client, item.task_id, change));
    } catch (error) {
      const text = patchErrorText(error, change.favorite === undefined ? "rename" : "favorite");
      toast.error(text.title, { description: text.description });
      throw error;
    }
  };

  return (
    <div className="flex flex-col gap-6" data-testid="task-page" data-status={item.status}>
      <header className="flex flex-col gap-3">
        <IntentLink
          href={galleryHref}
          data-testid="back-to-gallery"
          className="text-muted-foreground hover:text-foreground focus-visible:ring-ring/50 inline-flex w-fit items-center gap-1.5 rounded-sm text-sm outline-none focus-visible:ring-[3px]"
        >
          <ArrowLeftIcon className="size-4" aria-hidden /> Gallery
        </IntentLink>
        <div className="flex items-start gap-2">
          <TaskTitle
            title={item.title}
            fallback={fallbackTitle}
            onRename={(title) => patch({ title })}
          />
          <FavoriteButton
            favorite={item.favorite}
            onToggle={(favorite) => patch({ favorite }).catch(() => undefined)}
          />
        </div>
        <div className="text-muted-foreground flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm">
          <TaskStatusBadge
            status={item.status}
            tracking={item.tracking.state}
            testId="task-status"
          />
          <span className="text-foreground font-medium">{label}</span>
          <LocalTime iso={item.created_at} format={dateFormat} />
        </div>
        <TaskActions item={item} entry={entry} request={request} />
      </header>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <Card className="min-w-0">
          <CardContent>
            <TaskOutcome item={item} label={label} studioOrigin={studioOrigin} />
          </CardContent>
        </Card>
        <Card className="min-w-0">
          <CardContent>
            <TaskDetails item={item} request={request} />
          </CardContent>
        </Card>
      </div>

      <Card className="min-w-0">
        <CardHeader>
          <CardTitle>Code</CardTitle>
        </CardHeader>
        <CardContent>
          <TaskCode route={item.route} body={request} studioOrigin={studioOrigin} />
        </CardContent>
      </Card>

      <section aria-labelledby="raw-json-heading" className="flex flex-col gap-3">
        <h2 id="raw-json-heading" className="text-sm font-semibold">
          Raw JSON
        </h2>
        <RawJson
          title="Request"
          caption={`POST /api/v1${routes[item.route].path}`}
          value={request}
          testId="raw-request"
        />
        <RawJson
          title="Answer"
          caption={`GET /api/v1/tasks/${item.task_id}, with API in One's original URLs`}
          value={answer}
          testId="raw-answer"
        />
      </section>
    </div>
  );
}
