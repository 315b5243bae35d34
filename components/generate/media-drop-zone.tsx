"use client";

import { InfoIcon, LoaderCircleIcon, UploadIcon } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";
import { EarlierOutputsDialog } from "./earlier-outputs-dialog";
import type { MediaKind } from "./earlier-outputs-query";
import { describeUploadError } from "./upload-file";
import { useMediaIntake } from "./use-media-intake";

/**
 * A media field's body as a drop target: drag a file onto it, paste one (Ctrl+V), upload from
 * disk, or pick an earlier result. `children` is the field's own preview and address input.
 */
export function MediaDropZone({
  kind,
  canUpload,
  onPick,
  disabled,
  actions,
  children,
}: {
  kind: MediaKind;
  canUpload: boolean;
  onPick: (url: string) => void;
  disabled?: boolean;
  /** Buttons of the field's own, first in the zone's row ("Add a link"). */
  actions?: React.ReactNode;
  children?: React.ReactNode;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const intake = useMediaIntake({ kind, canUpload, disabled, onPick });
  const { upload, localPreview, dragging } = intake;
  const noun = kind === "video" ? "video" : "image";
  const notice =
    intake.notice ??
    (upload.error ? { tone: "error" as const, text: describeUploadError(upload.error) } : null);
  const an = kind === "video" ? "a video" : "an image";
  return (
    <div
      {...intake.zoneProps}
      className={cn(
        "relative flex min-w-0 flex-col gap-3 rounded-lg border border-dashed p-3 transition-colors",
        dragging ? "border-primary bg-primary/5" : "bg-muted/20",
      )}
      data-testid="media-drop-zone"
    >
      {children}
      <div className="flex flex-wrap items-center gap-2">
        {actions}
        {canUpload ? (
          <>
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={disabled || upload.isPending}
              onClick={() => fileInput.current?.click()}
            >
              {upload.isPending ? <LoaderCircleIcon className="animate-spin" /> : <UploadIcon />}
              {upload.isPending ? "Uploading…" : "Upload"}
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept={`${kind}/*`}
              className="sr-only"
              tabIndex={-1}
              aria-hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) intake.chooseFile(file);
              }}
            />
          </>
        ) : null}
        <EarlierOutputsDialog kind={kind} onPick={onPick} disabled={disabled} />
        {notice?.tone === "info" ? null : (
          <p className="text-muted-foreground min-w-0 flex-1 basis-40 text-xs">
            {canUpload
              ? `or drop ${an} here, or paste one (Ctrl+V)`
              : `Paste a link to ${an} on the web, or use one you made before`}
          </p>
        )}
      </div>
      {notice ? (
        <p
          className={cn(
            "flex items-start gap-1.5 text-xs",
            notice.tone === "error"
              ? "text-destructive"
              : "bg-muted text-foreground rounded-md px-2.5 py-2",
          )}
          role="alert"
        >
          <InfoIcon
            className={cn("mt-px size-3.5 shrink-0", notice.tone === "info" && "text-primary")}
            aria-hidden
          />
          {notice.text}
        </p>
      ) : null}
      {dragging || localPreview ? (
        <div
          className="bg-background/85 pointer-events-none absolute inset-0 grid place-items-center rounded-lg backdrop-blur-[1px]"
          aria-live="polite"
        >
          <div className="flex items-center gap-3 text-sm font-medium">
            {localPreview ? (
              <>
                {kind === "video" ? (
                  <video src={localPreview} muted className="size-12 rounded-md object-cover" />
                ) : (
                  // eslint-disable-next-line @next/next/no-img-element -- a local file, not yet uploaded
                  <img
                    src={localPreview}
                    alt=""
                    className="size-12 rounded-md border object-cover"
                    data-testid="upload-local-preview"
                  />
                )}
                <LoaderCircleIcon className="text-muted-foreground size-4 animate-spin" />
                Uploading…
              </>
            ) : (
              <>
                <UploadIcon className="text-primary size-4" aria-hidden />
                {canUpload ? `Drop the ${noun} to upload it` : `Drop the ${noun} here`}
              </>
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
