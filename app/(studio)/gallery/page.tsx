import { LayoutGridIcon } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { GallerySkeleton } from "@/components/gallery/gallery-skeleton";
import { TaskGallery } from "@/components/gallery/task-gallery";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Gallery" };

export default function GalleryPage() {
  return (
    <>
      <PageHeader
        title="Gallery"
        description="Everything you have made, newest first: filter, search, and open any result for its details, code and downloads."
        icon={LayoutGridIcon}
      />
      {/* The filters live in the URL's query, which only the browser reads here. */}
      <Suspense fallback={<GallerySkeleton />}>
        <TaskGallery />
      </Suspense>
    </>
  );
}
