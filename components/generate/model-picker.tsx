"use client";

import {
  ClockIcon,
  CoinsIcon,
  EraserIcon,
  FilmIcon,
  ScanFaceIcon,
  ZoomInIcon,
  type LucideIcon,
} from "lucide-react";
import { formatCredits, formatDuration } from "@/lib/utils/format";
import { Label } from "@/components/ui/label";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import {
  applyDefaults,
  modelsForRoute,
  routes,
  type ModelEntry,
  type RouteId,
} from "@/lib/catalog";
import { SparseDocsHint } from "./field-shell";

const routeIcons: Partial<Record<RouteId, LucideIcon>> = {
  "remove-bg": EraserIcon,
  "face-swap": ScanFaceIcon,
  upscale: ZoomInIcon,
  "video-bg-remover": FilmIcon,
};

/** Price with the model's defaults: what picking it costs before touching any option. */
function defaultPrice(model: ModelEntry): string {
  const credits = model.price(applyDefaults(model));
  return `${credits !== null && model.priceUncertain ? "≈ " : ""}${formatCredits(credits)}`;
}

function ModelFacts({ model }: { model: ModelEntry }) {
  return (
    <span className="text-muted-foreground flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
      <span>{model.provider}</span>
      <span className="inline-flex items-center gap-1">
        <ClockIcon className="size-3" aria-hidden />
        <span className="sr-only">Typical time </span>
        {formatDuration(model.typicalSeconds)}
      </span>
      <span className="inline-flex items-center gap-1">
        <CoinsIcon className="size-3" aria-hidden />
        {defaultPrice(model)}
      </span>
    </span>
  );
}

function RouteSwitcher({
  id,
  routeIds,
  route,
  onRouteChange,
}: {
  id: string;
  routeIds: readonly RouteId[];
  route: RouteId;
  onRouteChange: (route: RouteId) => void;
}) {
  return (
    <div className="flex flex-col gap-2">
      <span id={`${id}-label`} className="text-sm leading-none font-medium">
        Tool
      </span>
      <ToggleGroup
        id={id}
        type="single"
        value={route}
        onValueChange={(next) => {
          if (next) onRouteChange(next as RouteId);
        }}
        aria-labelledby={`${id}-label`}
        className="grid grid-cols-2 items-stretch gap-1.5 sm:grid-cols-4"
      >
        {routeIds.map((r) => {
          const Icon = routeIcons[r];
          return (
            <ToggleGroupItem
              key={r}
              value={r}
              className="h-auto min-h-14 flex-col gap-1 px-2 py-2 text-xs whitespace-normal"
            >
              {Icon ? <Icon className="size-4" aria-hidden /> : null}
              {routes[r].label}
            </ToggleGroupItem>
          );
        })}
      </ToggleGroup>
    </div>
  );
}

/** Tool switcher (when the page offers several routes), then the model with its time and price. */
export function ModelPicker({
  id,
  routeIds,
  entry,
  onRouteChange,
  onModelChange,
}: {
  id: string;
  routeIds: readonly RouteId[];
  entry: ModelEntry;
  onRouteChange: (route: RouteId) => void;
  onModelChange: (model: ModelEntry) => void;
}) {
  const models = modelsForRoute(entry.route);
  return (
    <div className="flex flex-col gap-4">
      {routeIds.length > 1 ? (
        <RouteSwitcher
          id={`${id}-route`}
          routeIds={routeIds}
          route={entry.route}
          onRouteChange={onRouteChange}
        />
      ) : null}
      <div className="flex flex-col gap-2">
        <div className="flex items-center gap-2">
          {models.length > 1 ? (
            <Label htmlFor={id}>Model</Label>
          ) : (
            <span className="text-sm leading-none font-medium">Model</span>
          )}
          {entry.uncertain ? <SparseDocsHint what="model" /> : null}
        </div>
        {models.length > 1 ? (
          <Select
            value={entry.slug}
            onValueChange={(slug) => {
              const next = models.find((m) => m.slug === slug);
              if (next) onModelChange(next);
            }}
          >
            <SelectTrigger id={id} className="h-auto min-h-12 py-2" data-testid="model-picker">
              <SelectValue>
                <span className="flex min-w-0 flex-col items-start gap-0.5">
                  <span className="truncate font-medium">{entry.label}</span>
                  <ModelFacts model={entry} />
                </span>
              </SelectValue>
            </SelectTrigger>
            <SelectContent>
              {models.map((model) => (
                <SelectItem
                  key={model.slug}
                  value={model.slug}
                  className="py-2"
                  description={<ModelFacts model={model} />}
                >
                  <span className="font-medium">{model.label}</span>
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        ) : (
          <div
            id={id}
            className="bg-muted/40 flex min-h-12 flex-col justify-center gap-0.5 rounded-md border px-3 py-2"
            data-testid="model-picker"
          >
            <span className="text-sm font-medium">{entry.label}</span>
            <ModelFacts model={entry} />
          </div>
        )}
      </div>
    </div>
  );
}
