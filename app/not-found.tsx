import { CompassIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { IntentLink } from "@/components/ui/intent-link";

export default function NotFound() {
  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="flex max-w-sm flex-col items-center gap-4 text-center">
        <span className="bg-muted text-muted-foreground grid size-12 place-items-center rounded-full">
          <CompassIcon className="size-6" />
        </span>
        <div>
          <h1 className="text-xl font-semibold">Page not found</h1>
          <p className="text-muted-foreground mt-1 text-sm">
            The page you asked for does not exist, or is not yours to see.
          </p>
        </div>
        <Button asChild>
          <IntentLink href="/images">Back to the Studio</IntentLink>
        </Button>
      </div>
    </main>
  );
}
