"use client";

// The library's search box: words typed settle for 300 ms before the URL (and so the list)
// follows, and a search changed elsewhere (back button, "Clear filters") shows up in the box.
import { SearchIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { maxSearchLength } from "@/lib/schemas/tasks";

export const searchDebounceMs = 300;

export function GallerySearch({
  value,
  onSearch,
}: {
  /** The search the URL holds. */
  value: string;
  onSearch: (q: string) => void;
}) {
  const [text, setText] = useState(value);
  // The URL's search last seen, and the last one this box sent: an echo of our own is not news.
  const [shown, setShown] = useState(value);
  const [sent, setSent] = useState(value);
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  }, [onSearch]);

  // The URL moved on its own (back, clear, a link): the box shows what it now holds.
  if (value !== shown) {
    setShown(value);
    if (value !== sent) {
      setSent(value);
      setText(value);
    }
  }

  useEffect(() => {
    const q = text.trim();
    if (q === sent) return;
    const timer = setTimeout(() => {
      setSent(q);
      onSearchRef.current(q);
    }, searchDebounceMs);
    return () => clearTimeout(timer);
  }, [text, sent]);

  return (
    <div className="relative w-full lg:w-72">
      <SearchIcon
        className="text-muted-foreground pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2"
        aria-hidden
      />
      <Input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Search prompts and titles"
        aria-label="Search prompts and titles"
        maxLength={maxSearchLength}
        className="pl-8"
        data-testid="gallery-search"
      />
    </div>
  );
}
