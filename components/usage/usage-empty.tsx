import { CoinsIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** No task in the range: say so, and where spending starts (or a wider look back). */
export function UsageEmpty({ days, onWiden }: { days: number; onWiden?: () => void }) {
  return (
    <Card
      className="flex flex-col items-center justify-center gap-4 px-6 py-16 text-center"
      data-testid="usage-empty"
    >
      <span className="bg-muted text-muted-foreground grid size-12 place-items-center rounded-full">
        <CoinsIcon className="size-5" aria-hidden />
      </span>
      <div>
        <h2 className="text-lg font-medium">No spend in the last {days} days</h2>
        <p className="text-muted-foreground mt-1 max-w-md text-sm">
          Run a model and what it costs shows up here, by day and by model, as soon as it finishes.
        </p>
      </div>
      <div className="flex flex-wrap justify-center gap-2">
        <Button asChild>
          <Link href="/images">Create an image</Link>
        </Button>
        {onWiden ? (
          <Button type="button" variant="outline" onClick={onWiden}>
            Look back 90 days
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
