"use client";

// The library's filters: kind tabs, model and status pickers, favourites, a date range and the
// search box. Every control writes the URL (useGalleryFilters); none keeps state of its own except
// the search text while it is being typed.
import { StarIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { TabsList, TabsTrigger } from "@/components/ui/tabs";
import { models } from "@/lib/catalog";
import { hasFilters, type GalleryFilters } from "./filter-params";
import type { GalleryFiltersState } from "./use-gallery-filters";
import type { TaskStatus } from "@/lib/schemas/api";
import { routeKind, taskKinds, type TaskKind } from "@/lib/schemas/tasks";
import { cn } from "@/lib/utils/cn";
import { GallerySearch } from "./gallery-search";

const kindTabs: { value: TaskKind | "all"; label: string }[] = [
  { value: "all", label: "All" },
  { value: "image", label: "Images" },
  { value: "video", label: "Videos" },
  { value: "music", label: "Music" },
  { value: "speech", label: "Speech" },
  { value: "tool", label: "Tools" },
];
const kindLabel = Object.fromEntries(kindTabs.map((t) => [t.value, t.label])) as Record<
  TaskKind,
  string
>;

const statuses: { value: TaskStatus; label: string }[] = [
  { value: "IN_PROGRESS", label: "Running" },
  { value: "SUCCESS", label: "Succeeded" },
  { value: "FAILED", label: "Failed" },
];

// Radix Select has no empty value: "any" stands for "no filter".
const any = "any";

function ModelPicker({ filters, update }: Pick<GalleryFiltersState, "filters" | "update">) {
  const kinds = filters.kind ? [filters.kind] : taskKinds;
  return (
    <Select
      value={filters.model ?? any}
      onValueChange={(value) => update({ model: value === any ? undefined : value })}
    >
      <SelectTrigger className="w-full sm:w-48" aria-label="Model" data-testid="filter-model">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={any}>All models</SelectItem>
        {kinds.map((kind) => (
          <SelectGroup key={kind}>
            {kinds.length > 1 ? <SelectLabel>{kindLabel[kind]}</SelectLabel> : null}
            {models
              .filter((m) => routeKind[m.route] === kind)
              .map((m) => (
                <SelectItem key={m.slug} value={m.slug}>
                  {m.label}
                </SelectItem>
              ))}
          </SelectGroup>
        ))}
      </SelectContent>
    </Select>
  );
}

function StatusPicker({ filters, update }: Pick<GalleryFiltersState, "filters" | "update">) {
  return (
    <Select
      value={filters.status ?? any}
      onValueChange={(value) =>
        update({ status: value === any ? undefined : (value as TaskStatus) })
      }
    >
      <SelectTrigger className="w-full sm:w-36" aria-label="Status" data-testid="filter-status">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={any}>Any status</SelectItem>
        {statuses.map((s) => (
          <SelectItem key={s.value} value={s.value}>
            {s.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function DateField({
  label,
  value,
  min,
  max,
  onChange,
  testId,
}: {
  label: string;
  value: string | undefined;
  min?: string;
  max?: string;
  onChange: (day: string | undefined) => void;
  testId: string;
}) {
  return (
    <label className="text-muted-foreground flex min-w-0 flex-1 items-center gap-2 text-xs sm:flex-none">
      {label}
      <Input
        type="date"
        value={value ?? ""}
        min={min}
        max={max}
        onChange={(e) => onChange(e.target.value || undefined)}
        className="w-full min-w-0 sm:w-38"
        data-testid={testId}
      />
    </label>
  );
}

/** The filters; the kind tabs' list, so it sits inside the gallery's <Tabs>. */
export function GalleryFilterBar({ filters, update, clear }: GalleryFiltersState) {
  const set = (patch: Partial<GalleryFilters>) => update(patch);
  return (
    <div className="flex flex-col gap-3" data-testid="gallery-filters">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <div className="-mx-1 overflow-x-auto px-1 pb-1 lg:pb-0">
          <TabsList aria-label="Kind">
            {kindTabs.map((t) => (
              <TabsTrigger key={t.value} value={t.value} className="px-2.5 sm:px-3">
                {t.label}
              </TabsTrigger>
            ))}
          </TabsList>
        </div>
        <GallerySearch
          value={filters.q ?? ""}
          onSearch={(q) => update({ q: q || undefined }, { replace: true })}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <div className="grid w-full grid-cols-2 gap-2 sm:flex sm:w-auto">
          <ModelPicker filters={filters} update={update} />
          <StatusPicker filters={filters} update={update} />
        </div>
        <Button
          type="button"
          variant="outline"
          aria-pressed={filters.favorite === true}
          onClick={() => set({ favorite: filters.favorite ? undefined : true })}
          className={cn(filters.favorite && "border-amber-500/60 bg-amber-500/10")}
          data-testid="filter-favorite"
        >
          <StarIcon
            className={cn(filters.favorite && "fill-amber-500 text-amber-500")}
            aria-hidden
          />
          Favourites
        </Button>
        <div
          className="order-last flex w-full items-center gap-2 sm:order-none sm:w-auto"
          role="group"
          aria-label="Created"
        >
          <DateField
            label="From"
            value={filters.since}
            max={filters.until}
            onChange={(since) => set({ since })}
            testId="filter-since"
          />
          <DateField
            label="To"
            value={filters.until}
            min={filters.since}
            onChange={(until) => set({ until })}
            testId="filter-until"
          />
        </div>
        {hasFilters(filters) ? (
          <Button
            type="button"
            variant="ghost"
            onClick={clear}
            className="sm:ml-auto"
            data-testid="clear-filters"
          >
            <XIcon aria-hidden /> Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
