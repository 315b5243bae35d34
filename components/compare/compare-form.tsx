"use client";

import { EyeOffIcon, PlusIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import type { CompareRoute } from "@/lib/schemas/compare";
import { CompareKindPicker } from "./compare-kind-picker";

/**
 * The Compare form's frame: Ctrl/Cmd+Enter runs from anywhere in it, Enter in a one-line field
 * does not submit by surprise.
 */
export function CompareForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      aria-label="Compare models"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key !== "Enter" || e.nativeEvent.isComposing) return;
        if (e.metaKey || e.ctrlKey) {
          e.preventDefault();
          onSubmit();
        } else if (e.target instanceof HTMLInputElement) {
          e.preventDefault();
        }
      }}
    >
      {children}
    </form>
  );
}

/** Above the shared prompt: which kind is compared, and whether blind. */
export function CompareOptions({
  route,
  onRouteChange,
  blind,
  onBlindChange,
}: {
  route: CompareRoute;
  onRouteChange: (route: CompareRoute) => void;
  blind: boolean;
  onBlindChange: (blind: boolean) => void;
}) {
  return (
    <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
      <CompareKindPicker value={route} onChange={onRouteChange} />
      <div className="flex items-start gap-3 lg:max-w-sm">
        <Switch
          id="compare-blind"
          checked={blind}
          onCheckedChange={onBlindChange}
          aria-describedby="compare-blind-help"
        />
        <div className="flex flex-col gap-1">
          <Label htmlFor="compare-blind" className="inline-flex items-center gap-1.5">
            <EyeOffIcon className="size-3.5" aria-hidden /> Blind comparison
          </Label>
          <p id="compare-blind-help" className="text-muted-foreground text-xs">
            {route === "chat"
              ? "Answers are shuffled and the settings stay hidden until you pick a favourite."
              : "Results are shuffled and the model names stay hidden until you pick a favourite."}
          </p>
        </div>
      </div>
    </div>
  );
}

/** The dashed "Add a column" button after the columns. */
export function AddColumnButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="text-muted-foreground hover:bg-accent/50 hover:text-foreground focus-visible:ring-ring/50 flex h-40 flex-col items-center justify-center gap-2 self-start rounded-xl border-2 border-dashed p-4 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px]"
      data-testid="add-column"
    >
      <PlusIcon className="size-5" aria-hidden /> Add a column
    </button>
  );
}
