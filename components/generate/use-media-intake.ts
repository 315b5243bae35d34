"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { MediaKind } from "./earlier-outputs-query";
import { dragHasFiles, isEditable, readIntake, type Intake } from "./media-intake";
import { noUploadsMessage, uploadFile } from "./upload-file";

/** What the zone says about the last drop or paste: a plain fact, or a problem with the file. */
export interface Notice {
  tone: "info" | "error";
  text: string;
}

/**
 * Drop, paste and upload for one media field. A paste lands here when focus is inside the zone,
 * or anywhere on the page outside a text field if this is the page's first zone of its kind.
 */
export function useMediaIntake({
  kind,
  canUpload,
  disabled,
  onPick,
}: {
  kind: MediaKind;
  canUpload: boolean;
  disabled?: boolean;
  onPick: (url: string) => void;
}) {
  const zone = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [localPreview, setLocalPreview] = useState<string | null>(null);
  // The upload can outlast several renders; hand its URL to the latest onPick, not the first.
  const latestOnPick = useRef(onPick);
  useEffect(() => {
    latestOnPick.current = onPick;
  }, [onPick]);
  const upload = useMutation({
    mutationFn: uploadFile,
    onSuccess: (url) => latestOnPick.current(url),
    onSettled: () => setLocalPreview(null),
  });
  useEffect(() => {
    if (!localPreview) return;
    return () => URL.revokeObjectURL(localPreview);
  }, [localPreview]);

  const take = (intake: Intake): boolean => {
    if (!intake || disabled) return false;
    setNotice(null);
    upload.reset();
    if ("url" in intake) {
      onPick(intake.url);
    } else if ("wrongKind" in intake) {
      const text = kind === "video" ? "That file is not a video." : "That file is not an image.";
      setNotice({ tone: "error", text });
    } else if (!canUpload) {
      setNotice({ tone: "info", text: noUploadsMessage });
    } else {
      setLocalPreview(URL.createObjectURL(intake.file));
      upload.mutate(intake.file);
    }
    return true;
  };
  const takeRef = useRef(take);
  useEffect(() => {
    takeRef.current = take;
  });

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const el = zone.current;
      if (!el || event.defaultPrevented) return;
      const intake = readIntake(event.clipboardData, kind);
      if (!intake || "url" in intake) return; // text pastes go where the caret is
      const inside = el.contains(event.target as Node) || el.contains(document.activeElement);
      if (!inside) {
        if (isEditable(document.activeElement)) return;
        if (document.querySelector(`[data-media-drop-zone="${kind}"]`) !== el) return;
      }
      if (takeRef.current(intake)) event.preventDefault();
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  }, [kind]);

  const zoneProps = {
    ref: zone,
    "data-media-drop-zone": kind,
    "data-dragging": dragging || undefined,
    onDragEnter: (e: React.DragEvent) => {
      if (!dragHasFiles(Array.from(e.dataTransfer.types)) || disabled) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragOver: (e: React.DragEvent) => {
      if (disabled) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (e: React.DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: React.DragEvent) => {
      setDragging(false);
      if (take(readIntake(e.dataTransfer, kind))) e.preventDefault();
    },
  };

  return {
    zoneProps,
    dragging,
    notice,
    localPreview,
    upload,
    chooseFile: (file: File) => take({ file }),
  };
}
