"use client";

import { FilmIcon, ImageIcon, ImageOffIcon, PlusIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { isHttpUrl } from "@/lib/catalog";
import { cn } from "@/lib/utils/cn";
import type { MediaKind } from "./earlier-outputs-dialog";
import type { FieldProps } from "./field-props";
import { describedBy, FieldShell } from "./field-shell";
import { MediaDropZone } from "./media-drop-zone";

function PreviewMedia({ url, kind }: { url: string; kind: MediaKind }) {
  const [broken, setBroken] = useState(false);
  if (broken) {
    return (
      <ImageOffIcon className="text-muted-foreground size-5" aria-label="Preview unavailable" />
    );
  }
  return kind === "video" ? (
    <video
      src={url}
      muted
      playsInline
      loop
      autoPlay
      preload="metadata"
      onError={() => setBroken(true)}
      className="size-full object-cover"
    />
  ) : (
    // eslint-disable-next-line @next/next/no-img-element -- inputs live on arbitrary hosts
    <img
      src={url}
      alt="Preview"
      onError={() => setBroken(true)}
      className="size-full object-cover"
    />
  );
}

/** A live thumbnail of whatever the URL points at; a placeholder until it is a usable URL. */
export function MediaPreview({
  url,
  kind,
  className,
}: {
  url: string;
  kind: MediaKind;
  className?: string;
}) {
  const Placeholder = kind === "video" ? FilmIcon : ImageIcon;
  const usable = isHttpUrl(url.trim());
  return (
    <div
      className={cn(
        "bg-muted grid size-16 shrink-0 place-items-center overflow-hidden rounded-md border",
        className,
      )}
      data-testid="media-preview"
    >
      {usable ? (
        // A new URL gets a fresh element, so an earlier broken state does not stick.
        <PreviewMedia key={url.trim()} url={url.trim()} kind={kind} />
      ) : (
        <Placeholder className="text-muted-foreground size-5" aria-hidden />
      )}
    </div>
  );
}

function kindOf(field: FieldProps<unknown>["field"]): MediaKind {
  return field.control.kind === "video-url" ? "video" : "image";
}

export function MediaUrlField({
  id,
  field,
  value,
  onChange,
  error,
  canUpload,
}: FieldProps<string> & { canUpload: boolean }) {
  const kind = kindOf(field);
  return (
    <FieldShell id={id} field={field} error={error}>
      <MediaDropZone kind={kind} onPick={onChange} canUpload={canUpload}>
        <div className="flex items-center gap-3">
          <MediaPreview url={value} kind={kind} />
          <div className="relative min-w-0 flex-1">
            <Input
              id={id}
              name={field.name}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={
                kind === "video" ? "Link to a video (https://…)" : "Link to an image (https://…)"
              }
              value={value}
              onChange={(e) => onChange(e.target.value)}
              className={cn("placeholder:text-muted-foreground/70", value && "pr-8")}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, field, error)}
              aria-required={field.required || undefined}
            />
            {value ? (
              <button
                type="button"
                onClick={() => onChange("")}
                className="text-muted-foreground hover:text-foreground focus-visible:ring-ring/50 absolute top-1/2 right-1.5 grid size-6 -translate-y-1/2 place-items-center rounded-sm outline-none focus-visible:ring-[3px]"
                aria-label={`Clear ${field.label}`}
              >
                <XIcon className="size-3.5" />
              </button>
            ) : null}
          </div>
        </div>
      </MediaDropZone>
    </FieldShell>
  );
}

function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

export function MediaUrlListField({
  id,
  field,
  value,
  onChange,
  error,
  errorPath,
  canUpload,
}: FieldProps<string[]> & { canUpload: boolean }) {
  const maxItems = field.control.kind === "image-urls" ? field.control.maxItems : undefined;
  const full = maxItems !== undefined && value.length >= maxItems;
  const itemError = errorPath ? /^\[(\d+)\]/.exec(errorPath)?.[1] : undefined;
  const set = (index: number, url: string) =>
    onChange(value.map((v, i) => (i === index ? url : v)));
  const append = (url: string) => {
    if (!full) onChange([...value, url]);
  };
  return (
    <FieldShell
      id={id}
      field={field}
      error={error}
      labelFor={null}
      aside={
        maxItems !== undefined ? (
          <span className="text-muted-foreground text-xs tabular-nums">
            {value.length} / {maxItems}
          </span>
        ) : null
      }
    >
      <div
        id={id}
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy(id, field, error)}
      >
        <MediaDropZone
          kind="image"
          onPick={append}
          canUpload={canUpload}
          disabled={full}
          actions={
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={full}
              onClick={() => {
                onChange([...value, ""]);
                focusLater(`${id}-${value.length}`);
              }}
            >
              <PlusIcon /> Add a link
            </Button>
          }
        >
          {value.length > 0 ? (
            <ol className="flex flex-col gap-2">
              {value.map((url, index) => (
                <li key={index} className="flex items-center gap-2">
                  <MediaPreview url={url} kind="image" className="size-10" />
                  <Input
                    id={`${id}-${index}`}
                    type="url"
                    inputMode="url"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="Link to an image (https://…)"
                    className="placeholder:text-muted-foreground/70"
                    value={url}
                    onChange={(e) => set(index, e.target.value)}
                    aria-label={`${field.label} ${index + 1}`}
                    aria-invalid={
                      error && (itemError === undefined || itemError === String(index))
                        ? true
                        : undefined
                    }
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="text-muted-foreground size-8 shrink-0"
                    onClick={() => onChange(value.filter((_, i) => i !== index))}
                    aria-label={`Remove ${field.label.toLowerCase()} ${index + 1}`}
                  >
                    <XIcon />
                  </Button>
                </li>
              ))}
            </ol>
          ) : null}
        </MediaDropZone>
      </div>
    </FieldShell>
  );
}
