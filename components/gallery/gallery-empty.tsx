import { SearchXIcon } from "lucide-react";
import { navItems } from "@/components/layout/nav-items";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { IntentLink } from "@/components/ui/intent-link";

const createItems = navItems.filter((item) => item.group === "create" && item.href !== "/chat");

/** The library of someone who has not run anything yet: what lands here, and where to start. */
export function GalleryEmpty() {
  return (
    <Card
      className="flex flex-col items-center gap-6 px-6 py-14 text-center"
      data-testid="gallery-empty"
    >
      <div>
        <h2 className="text-lg font-semibold">Nothing here yet</h2>
        <p className="text-muted-foreground mx-auto mt-1 max-w-md text-sm">
          Everything you make lands here and stays: images, videos, songs, speech and tool results,
          each with its settings, cost and a page of its own. Start with one of these.
        </p>
      </div>
      <ul className="grid w-full max-w-3xl gap-3 text-left sm:grid-cols-2 lg:grid-cols-3">
        {createItems.map(({ href, label, description, icon: Icon }) => (
          <li key={href}>
            <IntentLink
              href={href}
              className="hover:bg-accent focus-visible:ring-ring/50 flex h-full items-start gap-3 rounded-lg border p-3 transition-colors outline-none focus-visible:ring-[3px]"
            >
              <span className="bg-muted text-primary grid size-9 shrink-0 place-items-center rounded-md">
                <Icon className="size-4" aria-hidden />
              </span>
              <span className="min-w-0">
                <span className="block text-sm font-medium">{label}</span>
                <span className="text-muted-foreground line-clamp-2 text-xs">{description}</span>
              </span>
            </IntentLink>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Tasks exist, but none matches the filters. */
export function GalleryNoMatch({ onClear, searched }: { onClear: () => void; searched: boolean }) {
  return (
    <Card
      className="flex flex-col items-center gap-3 px-6 py-14 text-center"
      data-testid="gallery-no-match"
    >
      <SearchXIcon className="text-muted-foreground size-8" aria-hidden />
      <div>
        <h2 className="font-semibold">No tasks match these filters</h2>
        <p className="text-muted-foreground mt-1 max-w-md text-sm">
          {searched
            ? "Search matches whole words and word beginnings in prompts, titles, lyrics and dialogue. Try fewer words, or widen the dates."
            : "Try another kind, model or date range."}
        </p>
      </div>
      <Button type="button" variant="outline" onClick={onClear}>
        Clear filters
      </Button>
    </Card>
  );
}
