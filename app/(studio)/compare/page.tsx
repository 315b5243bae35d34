// /compare — one prompt on up to four models of one kind, side by side; and my recent comparisons.
import { Columns3Icon } from "lucide-react";
import type { Metadata } from "next";
import { CompareWorkspace } from "@/components/compare/compare-workspace";
import { ComparisonList } from "@/components/compare/comparison-list";
import { PageHeader } from "@/components/layout/page-header";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Compare" };

export default function ComparePage() {
  return (
    <>
      <PageHeader
        title="Compare"
        description="One prompt, up to four models side by side, each with its own settings. See what each costs before you run."
        icon={Columns3Icon}
      />
      <CompareWorkspace canUpload={Boolean(getEnv().PUBLIC_URL)} />
      <ComparisonList />
    </>
  );
}
