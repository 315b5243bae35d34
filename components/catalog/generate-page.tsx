import type { LucideIcon } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { modelsForRoute, routes } from "@/lib/catalog";
import type { RouteId } from "@/lib/catalog/types";
import { ModelCard } from "./model-card";

/** The layout every generation page shares: the models it offers, and where results will show. */
export function GeneratePage({
  title,
  description,
  icon,
  routeIds,
  resultIcon: ResultIcon,
  resultHint,
}: {
  title: string;
  description: string;
  icon: LucideIcon;
  routeIds: readonly RouteId[];
  resultIcon: LucideIcon;
  resultHint: string;
}) {
  return (
    <>
      <PageHeader title={title} description={description} icon={icon} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <section aria-labelledby="models-heading" className="flex flex-col gap-4">
          <h2 id="models-heading" className="text-muted-foreground text-sm font-medium">
            Models
          </h2>
          {routeIds.map((route) => (
            <div key={route} className="flex flex-col gap-3">
              {routeIds.length > 1 ? (
                <h3 className="flex items-baseline gap-2 text-sm font-semibold">
                  {routes[route].label}
                  <code className="text-muted-foreground font-mono text-xs font-normal">
                    {routes[route].path}
                  </code>
                </h3>
              ) : null}
              <div className="grid gap-3 sm:grid-cols-2">
                {modelsForRoute(route).map((model) => (
                  <ModelCard key={model.slug} model={model} />
                ))}
              </div>
            </div>
          ))}
        </section>
        <Card className="h-fit lg:sticky lg:top-20">
          <CardHeader>
            <CardTitle>Result</CardTitle>
            <CardDescription>Outputs, status and cost of your latest run.</CardDescription>
          </CardHeader>
          <CardContent>
            <div className="flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed px-6 py-14 text-center">
              <span className="bg-muted text-muted-foreground grid size-12 place-items-center rounded-full">
                <ResultIcon className="size-6" />
              </span>
              <p className="font-medium">Nothing here yet</p>
              <p className="text-muted-foreground max-w-xs text-sm">{resultHint}</p>
            </div>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
