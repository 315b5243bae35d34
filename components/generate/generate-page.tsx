import type { LucideIcon } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { GenerateWorkspace } from "./generate-workspace";
import type { RouteId } from "@/lib/catalog";

/** The layout every generation page shares: header, the model form, and the latest result. */
export function GeneratePage({
  title,
  description,
  icon,
  routeIds,
  resultIcon: ResultIcon,
  resultHint,
  canUpload,
}: {
  title: string;
  description: string;
  icon: LucideIcon;
  routeIds: readonly RouteId[];
  resultIcon: LucideIcon;
  resultHint: string;
  canUpload: boolean;
}) {
  return (
    <>
      <PageHeader title={title} description={description} icon={icon} />
      <GenerateWorkspace
        routeIds={routeIds}
        canUpload={canUpload}
        emptyIcon={<ResultIcon />}
        emptyHint={resultHint}
      />
    </>
  );
}
