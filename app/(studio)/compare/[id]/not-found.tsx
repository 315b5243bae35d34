import { Columns3Icon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

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
          <Link href="/compare">Start a comparison</Link>
        </Button>
      }
    >
      There is no comparison with this link among yours. It may have been deleted, or the link
      belongs to another account.
    </EmptyState>
  );
}
