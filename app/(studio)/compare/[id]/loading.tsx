import { CompareSkeleton } from "@/components/compare/compare-skeleton";

export default function ComparisonLoading() {
  return <CompareSkeleton label="Loading the comparison" />;
}
