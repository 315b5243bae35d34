"use client";

import { FlaskConicalIcon, XIcon } from "lucide-react";
import { useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { demoBadgeSlotId } from "./demo-badge-slot";
import { IntentLink } from "@/components/ui/intent-link";

const storageKey = "studio:demo-banner-dismissed";
const changed = "studio:demo-banner";

function subscribe(onChange: () => void): () => void {
  window.addEventListener(changed, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(changed, onChange);
    window.removeEventListener("storage", onChange);
  };
}

const noSubscription = () => () => undefined;

function readDismissed(): boolean {
  try {
    return window.localStorage.getItem(storageKey) === "1";
  } catch {
    return false;
  }
}

function setDismissed(dismissed: boolean): void {
  try {
    if (dismissed) window.localStorage.setItem(storageKey, "1");
    else window.localStorage.removeItem(storageKey);
  } catch {
    // Storage blocked: the choice lasts until the page is left.
  }
  window.dispatchEvent(new Event(changed));
}

/** The header's "Demo" pill, shown once the banner is dismissed: one click brings it back. */
function DemoBadge() {
  // The header is on the page before any client render; the server never renders the pill.
  const slot = useSyncExternalStore(
    noSubscription,
    () => document.getElementById(demoBadgeSlotId),
    () => null,
  );
  if (!slot) return null;
  return createPortal(
    <button
      type="button"
      onClick={() => setDismissed(false)}
      className="bg-warning text-warning-foreground focus-visible:ring-ring/50 inline-flex h-7 items-center gap-1 rounded-full px-2.5 text-xs font-medium outline-none focus-visible:ring-[3px]"
      aria-label="Demo mode: show what this means"
      data-testid="demo-badge"
    >
      <FlaskConicalIcon className="size-3.5" aria-hidden />
      Demo
    </button>,
    slot,
  );
}

/**
 * Demo mode, said once and briefly: one line on a phone, dismissable (remembered in this browser),
 * and a "Demo" pill in the header brings it back.
 */
export function DemoBanner() {
  const dismissed = useSyncExternalStore(subscribe, readDismissed, () => false);
  if (dismissed) return <DemoBadge />;
  return (
    <div
      role="status"
      data-testid="demo-banner"
      className="bg-warning text-warning-foreground flex items-center gap-2 border-b py-1.5 pr-1.5 pl-4 text-sm md:pl-6"
    >
      <FlaskConicalIcon className="size-4 shrink-0" aria-hidden />
      <p className="min-w-0 flex-1 truncate sm:whitespace-normal">
        <span className="font-medium">Demo mode</span>
        <span className="hidden sm:inline">
          {" "}
          — results are simulated and cost nothing until you add an API in One key.
        </span>
        <span className="sm:hidden"> — simulated, free.</span>{" "}
        <IntentLink
          href="/settings"
          className="focus-visible:ring-ring/50 rounded-sm font-medium underline underline-offset-4 outline-none focus-visible:ring-[3px]"
        >
          Add your key
        </IntentLink>
      </p>
      <button
        type="button"
        onClick={() => setDismissed(true)}
        className="hover:bg-warning-foreground/10 focus-visible:ring-ring/50 grid size-8 shrink-0 place-items-center rounded-md outline-none focus-visible:ring-[3px]"
        aria-label="Dismiss the demo notice"
        data-testid="demo-banner-dismiss"
      >
        <XIcon className="size-4" aria-hidden />
      </button>
    </div>
  );
}
