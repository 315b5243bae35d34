"use client";

// A tool task's card shows what went in beside what came out (the photo and its cut-out, the
// small and the upscaled image), both in the input's shape. The list item carries the request's
// inputs, so no card asks for its task's detail.
import { useState } from "react";
import { isHttpUrl } from "@/lib/catalog";
import type { TaskListItem } from "@/lib/schemas/tasks";
import { CardImage, CardPending, CardVideo, knownAspect } from "./card-media";

interface ToolInput {
  url: string;
  kind: "image" | "video";
}

/** The tool's main input (its first image or video field); a video tool takes a video. */
function toolInput(task: TaskListItem): ToolInput | undefined {
  const url = task.inputs[0];
  if (url === undefined || !isHttpUrl(url)) return undefined;
  return { url, kind: task.output === "video" ? "video" : "image" };
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <figure className="relative min-w-0 flex-1">
      {children}
      <figcaption className="bg-background/85 text-foreground absolute bottom-1.5 left-1.5 rounded px-1.5 py-0.5 text-[10px] font-medium">
        {label}
      </figcaption>
    </figure>
  );
}

function Media({
  url,
  kind,
  alt,
  cssWidth,
  aspect,
  onAspect,
}: ToolInput & { alt: string; cssWidth: number; aspect: number; onAspect?: (r: number) => void }) {
  return kind === "video" ? (
    <CardVideo url={url} aspect={aspect} onAspect={onAspect} />
  ) : (
    <CardImage url={url} alt={alt} cssWidth={cssWidth} aspect={aspect} onAspect={onAspect} />
  );
}

export function ToolMedia({
  task,
  output,
  label,
  cssWidth,
}: {
  task: TaskListItem;
  /** The first output URL; undefined while running or after a failure. */
  output: string | undefined;
  label: string;
  cssWidth: number;
}) {
  const input = toolInput(task);
  const kind = task.output === "video" ? "video" : "image";
  const [learned, setLearned] = useState<number>();
  const aspect = learned ?? knownAspect(input?.url, kind);
  const half = (cssWidth - 1) / 2;
  return (
    <div className="flex gap-px" data-testid="gallery-tool">
      <Labelled label="Input">
        {input ? (
          <Media
            {...input}
            alt={`${label} input`}
            cssWidth={half}
            aspect={aspect}
            onAspect={setLearned}
          />
        ) : (
          <CardPending kind={kind} label="" aspect={aspect} />
        )}
      </Labelled>
      <Labelled label="Result">
        {output ? (
          <Media url={output} kind={kind} alt={`${label} result`} cssWidth={half} aspect={aspect} />
        ) : (
          <CardPending
            kind={kind}
            label={task.status === "FAILED" ? "No result" : ""}
            aspect={aspect}
          />
        )}
      </Labelled>
    </div>
  );
}
