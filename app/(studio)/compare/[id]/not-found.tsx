import { Columns3Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";

export default function ComparisonNotFound() {
  return (
    <EmptyState
      icon={<Columns3Icon />}
      size="lg"
      heading="h1"
      title="Comparison not found"
      className="flex-1 gap-4 py-16"
      data-testid="comparison-not-found"
      actions={
        <Button asChild>
          <IntentLink href="/compare">Start a comparison</IntentLink>
        </Button>
      }
    >
      There is no comparison with this link among yours. It may have been deleted, or the link
      belongs to another account.
    </EmptyState>
  );
}
