"use client";

import { useMutation } from "@tanstack/react-query";
import { InfoIcon, LoaderCircleIcon, UploadIcon } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { EarlierOutputsDialog, type MediaKind } from "./earlier-outputs-dialog";
import { describeUploadError, uploadFile } from "./upload-file";

export const publicUrlNote =
  "Uploads need PUBLIC_URL: the upstream cannot reach files on this machine";

/** The ways to fill a media field besides pasting: an earlier result, or an uploaded file. */
export function MediaSources({
  kind,
  onPick,
  canUpload,
  disabled,
}: {
  kind: MediaKind;
  onPick: (url: string) => void;
  canUpload: boolean;
  disabled?: boolean;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  // The upload can outlast several renders; hand its URL to the latest onPick, not the first.
  const latestOnPick = useRef(onPick);
  useEffect(() => {
    latestOnPick.current = onPick;
  }, [onPick]);
  const upload = useMutation({
    mutationFn: uploadFile,
    onSuccess: (url) => latestOnPick.current(url),
  });
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <EarlierOutputsDialog kind={kind} onPick={onPick} disabled={disabled} />
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
              accept={kind === "video" ? "video/*" : "image/*"}
              className="sr-only"
              tabIndex={-1}
              aria-hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) upload.mutate(file);
              }}
            />
          </>
        ) : (
          <p className="text-muted-foreground flex items-start gap-1.5 text-xs">
            <InfoIcon className="mt-px size-3.5 shrink-0" aria-hidden />
            {publicUrlNote}
          </p>
        )}
      </div>
      {upload.error ? (
        <p className="text-destructive text-xs" role="alert">
          {describeUploadError(upload.error)}
        </p>
      ) : null}
    </div>
  );
}
