import { ClockIcon, CoinsIcon, FlaskConicalIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { applyDefaults } from "@/lib/catalog";
import type { ModelEntry } from "@/lib/catalog/types";
import { formatCredits, formatDuration } from "./format";

export function ModelCard({ model }: { model: ModelEntry }) {
  const price = model.price(applyDefaults(model, {}));
  return (
    <Card
      className="hover:border-primary/40 flex flex-col gap-3 p-4 transition-colors"
      data-testid="model-card"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate font-medium">{model.label}</h3>
          <p className="text-muted-foreground truncate text-xs">{model.provider}</p>
        </div>
        {model.uncertain ? (
          <Badge
            variant="warning"
            title="Some facts about this model are not published; values are best guesses"
          >
            <FlaskConicalIcon /> unverified
          </Badge>
        ) : null}
      </div>
      <div className="text-muted-foreground mt-auto flex flex-wrap items-center gap-x-4 gap-y-1 text-xs">
        <span className="inline-flex items-center gap-1">
          <CoinsIcon className="size-3.5" /> {formatCredits(price)}
        </span>
        <span className="inline-flex items-center gap-1">
          <ClockIcon className="size-3.5" /> {formatDuration(model.typicalSeconds)}
        </span>
        <code className="bg-muted rounded px-1.5 py-0.5 font-mono text-[11px]">
          {model.modelValues[0] ?? model.slug}
        </code>
      </div>
    </Card>
  );
}
