"use client";

import { CheckCircle2Icon, CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import type { ModelEntry } from "@/lib/catalog";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { useUsage } from "@/lib/hooks/use-usage";
import { cn } from "@/lib/utils/cn";
import { PriceEstimate } from "./price-estimate";
import { RunButton } from "./run-button";
import { SubmitErrorAlert } from "./submit-error-alert";
import type { LastRun, ShownAlert } from "./use-submit-task";
import { formatCount } from "@/lib/utils/format";
import { IntentLink } from "@/components/ui/intent-link";

function LastRunStatus({ lastRun }: { lastRun: LastRun }) {
  if (!lastRun) return null;
  const { state } = lastRun;
  const Icon =
    state === "starting"
      ? LoaderCircleIcon
      : state === "started"
        ? CheckCircle2Icon
        : CircleAlertIcon;
  const text =
    state === "starting"
      ? "Starting…"
      : state === "started"
        ? "Started — the result appears alongside"
        : "Not started — see above";
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1",
        state === "refused" && "text-destructive",
        state === "started" && "text-success-strong",
      )}
      data-testid="last-run-status"
      data-state={state}
    >
      <Icon className={cn("size-3.5", state === "starting" && "animate-spin")} aria-hidden />
      {text}
    </span>
  );
}

function TodaySpend() {
  const query = useUsage(1);
  // The spend may arrive (the header asked for it) before this part of the page hydrates: show it
  // only after, so the first render matches the server's HTML.
  const hydrated = useHydrated();
  const today = query.data?.totals.today;
  if (!hydrated || today === undefined) return null;
  return (
    <IntentLink
      href="/usage"
      className="hover:text-foreground underline-offset-4 hover:underline"
      data-testid="action-bar-spend"
    >
      Spent today: <span className="tabular-nums">{formatCount(today)}</span>{" "}
      {today === 1 ? "credit" : "credits"}
    </IntentLink>
  );
}

/**
 * Run, its cost, how the last Run went and today's spend, stuck to the bottom of the screen while
 * the form is on it: a long form never hides Run.
 */
export function FormActionBar({
  entry,
  body,
  alert,
  secondsLeft,
  pending,
  lastRun,
}: {
  entry: ModelEntry;
  body: Record<string, unknown>;
  alert: ShownAlert | null;
  secondsLeft: number;
  pending: boolean;
  lastRun: LastRun;
}) {
  return (
    <div
      className="bg-card/95 supports-[backdrop-filter]:bg-card/85 sticky bottom-0 z-10 -mx-4 -mb-4 flex flex-col gap-3 rounded-b-xl border-t px-4 py-3 backdrop-blur sm:-mx-5 sm:-mb-5 sm:px-5"
      data-testid="form-action-bar"
    >
      {alert ? <SubmitErrorAlert error={alert} secondsLeft={secondsLeft} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="flex min-w-0 flex-col gap-0.5">
          <PriceEstimate entry={entry} body={body} />
          <div
            className="text-muted-foreground flex flex-wrap items-center gap-x-3 gap-y-0.5 pl-6 text-xs"
            aria-live="polite"
          >
            <LastRunStatus lastRun={lastRun} />
            <TodaySpend />
          </div>
        </div>
        <RunButton pending={pending} secondsLeft={secondsLeft} />
      </div>
    </div>
  );
}
