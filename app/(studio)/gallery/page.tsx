import { LayoutGridIcon } from "lucide-react";
import type { Metadata } from "next";
import { TaskGallery } from "@/components/gallery/task-gallery";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Gallery" };

export default function GalleryPage() {
  return (
    <>
      <PageHeader
        title="Gallery"
        description="Every task you run is saved here before you see its id, and kept; running ones update while this page is open."
        icon={LayoutGridIcon}
      />
      <TaskGallery />
    </>
  );
}
