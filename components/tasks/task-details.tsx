"use client";

import { formatCredits } from "@/lib/utils/format";
import { formatSeconds } from "./run-timing";
import { modelEntry } from "./task-pages";
import { isHttpUrl } from "@/lib/catalog";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { LocalTime } from "@/components/ui/local-time";
import { parameterRows, type ParameterValue } from "./parameter-rows";

const dateFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "medium",
});

function Row({
  label,
  children,
  testId,
}: {
  label: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-muted-foreground text-xs font-medium sm:pt-0.5">{label}</dt>
      <dd className="min-w-0 text-sm [overflow-wrap:anywhere]" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Value({ value }: { value: ParameterValue }) {
  switch (value.kind) {
    case "text":
      return <span className={value.long ? "whitespace-pre-wrap" : undefined}>{value.text}</span>;
    case "urls":
      return (
        <ul className="flex flex-col gap-1">
          {value.urls.map((url, i) => (
            <li key={`${i}:${url}`} className="truncate">
              {isHttpUrl(url) ? (
                <a
                  href={url}
                  target="_blank"
                  rel="noreferrer noopener"
                  className="underline underline-offset-4"
                >
                  {url}
                </a>
              ) : (
                url
              )}
            </li>
          ))}
        </ul>
      );
    case "lines":
      return (
        <ol className="flex flex-col gap-1.5">
          {value.lines.map((line, i) => (
            <li key={i} className="whitespace-pre-wrap">
              {line.voice ? <span className="font-medium">{line.voice}: </span> : null}
              {line.text}
            </li>
          ))}
        </ol>
      );
    case "json":
      return <pre className="font-mono text-xs whitespace-pre-wrap">{value.text}</pre>;
  }
}

function Time({ iso }: { iso: string }) {
  return <LocalTime iso={iso} format={dateFormat} />;
}

/** Settings first (what a person changes), then what happened: times, credits, ids. */
export function TaskDetails({
  item,
  request,
}: {
  item: TaskListItem;
  request: Record<string, unknown>;
}) {
  const entry = modelEntry(item.model);
  const rows = parameterRows(request, entry);
  const duration = item.completed_at
    ? (Date.parse(item.completed_at) - Date.parse(item.created_at)) / 1000
    : null;
  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="task-parameters-heading" className="flex flex-col gap-1">
        <h2 id="task-parameters-heading" className="text-sm font-semibold">
          Parameters
        </h2>
        <dl className="divide-y" data-testid="task-parameters">
          <Row label="Model">{entry?.label ?? item.model}</Row>
          {rows.map((row) => (
            <Row key={row.name} label={row.label} testId={`param-${row.name}`}>
              <Value value={row.value} />
            </Row>
          ))}
        </dl>
      </section>
      <section aria-labelledby="task-run-heading" className="flex flex-col gap-1">
        <h2 id="task-run-heading" className="text-sm font-semibold">
          Run
        </h2>
        <dl className="divide-y" data-testid="task-run">
          <Row label="Submitted" testId="task-submitted">
            <Time iso={item.created_at} />
          </Row>
          <Row label="Started" testId="task-started">
            {item.started_at ? (
              <Time iso={item.started_at} />
            ) : item.tracking.state === "submitting" ? (
              "Being created"
            ) : (
              // Its creation's answer never arrived (unknown outcome): when it ran is not known.
              "Not known"
            )}
          </Row>
          <Row label="Finished" testId="task-finished">
            {item.completed_at ? <Time iso={item.completed_at} /> : "Not yet"}
          </Row>
          {duration !== null ? (
            <Row label="Duration" testId="task-duration">
              {duration < 10 ? `${Math.max(0, duration).toFixed(1)} s` : formatSeconds(duration)}
            </Row>
          ) : null}
          <Row label="Credits" testId="task-credits">
            {item.consumed_credits === null
              ? item.status === "IN_PROGRESS"
                ? "Known when it finishes"
                : "Not reported"
              : formatCredits(item.consumed_credits)}
          </Row>
          <Row label="Task id" testId="task-upstream-id">
            <code className="font-mono text-xs">{item.task_id}</code>
          </Row>
        </dl>
      </section>
    </div>
  );
}
