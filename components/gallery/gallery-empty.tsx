import { ClapperboardIcon, ImageIcon, MusicIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The gallery of someone who has not run anything yet: what will land here, and where to start. */
export function GalleryEmpty() {
  return (
    <Card
      className="flex flex-col items-center justify-center gap-4 px-6 py-20 text-center"
      data-testid="gallery-empty"
    >
      <div className="flex -space-x-3">
        {[ImageIcon, ClapperboardIcon, MusicIcon].map((Icon, i) => (
          <span
            key={i}
            className="border-card bg-muted text-muted-foreground grid size-12 place-items-center rounded-full border-4"
          >
            <Icon className="size-5" />
          </span>
        ))}
      </div>
      <div>
        <p className="text-lg font-medium">No tasks yet</p>
        <p className="text-muted-foreground mt-1 max-w-md text-sm">
          Run a model and its results land here: images, videos, songs and speech, with status and
          cost.
        </p>
      </div>
      <div className="flex flex-wrap justify-center gap-2">
        <Button asChild>
          <Link href="/images">Create an image</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/videos">Create a video</Link>
        </Button>
      </div>
    </Card>
  );
}
