"use client";

import { toast } from "sonner";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { modelLabel, pageForRoute } from "./task-pages";
import { IntentLink } from "@/components/ui/intent-link";

export interface AnnounceOptions {
  /** The user turned on browser notifications (they show only while the tab is hidden). */
  notify: boolean;
  navigate: (href: string) => void;
}

function headline(item: TaskListItem): string {
  const label = modelLabel(item.model);
  return item.status === "SUCCESS" ? `${label} finished` : `${label} failed`;
}

function detail(item: TaskListItem): string {
  if (item.status === "FAILED") {
    return item.error_message || "The task failed without a reason from API in One.";
  }
  return item.prompt_preview ?? "Your result is ready.";
}

function notifyHidden(item: TaskListItem, href: string, navigate: (href: string) => void) {
  if (document.visibilityState !== "hidden") return;
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  try {
    const notification = new Notification(headline(item), {
      body: detail(item),
      // One notification per task, whichever of the user's tabs shows it.
      tag: `task-${item.task_id}`,
      icon: "/icon-192.png",
    });
    notification.onclick = () => {
      window.focus();
      navigate(href);
      notification.close();
    };
  } catch {
    // Some browsers (Android Chrome) only notify through a service worker: the toast remains.
  }
}

/** A toast (and, when asked for and the tab is hidden, a browser notification) for a finished task. */
export function announceFinished(item: TaskListItem, { notify, navigate }: AnnounceOptions): void {
  const page = pageForRoute(item.route);
  const id = `task-finished-${item.task_id}`;
  const show = item.status === "SUCCESS" ? toast.success : toast.error;
  // On the page that shows it already, a link to that page would lead nowhere.
  const elsewhere = window.location.pathname !== page.href;
  show(headline(item), {
    id,
    description: (
      <span className="flex flex-col gap-1">
        <span className="line-clamp-2">{detail(item)}</span>
        {elsewhere ? (
          <IntentLink
            href={page.href}
            onClick={() => toast.dismiss(id)}
            className="font-medium underline underline-offset-4"
          >
            Open {page.label}
          </IntentLink>
        ) : null}
      </span>
    ),
  });
  if (notify) notifyHidden(item, page.href, navigate);
}
