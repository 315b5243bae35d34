import { CoinsIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";

/** No task in the range: say so, and where spending starts (or a wider look back). */
export function UsageEmpty({ days, onWiden }: { days: number; onWiden?: () => void }) {
  return (
    <Card className="px-6 py-16" data-testid="usage-empty">
      <EmptyState
        icon={<CoinsIcon />}
        heading="h2"
        title={`No spend in the last ${days} days`}
        className="gap-4"
        actions={
          <>
            <Button asChild>
              <IntentLink href="/images">Create an image</IntentLink>
            </Button>
            {onWiden ? (
              <Button type="button" variant="outline" onClick={onWiden}>
                Look back 90 days
              </Button>
            ) : null}
          </>
        }
      >
        Run a model and what it costs shows up here, by day and by model, as soon as it finishes.
      </EmptyState>
    </Card>
  );
}
