import { ImageIcon, SparklesIcon } from "lucide-react";
import type { Metadata } from "next";
import { GeneratePage } from "@/components/generate/generate-page";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Images" };

export default function ImagesPage() {
  return (
    <GeneratePage
      title="Images"
      description="Text-to-image and image editing. Pick a model to see exactly its parameters and price."
      icon={ImageIcon}
      routeIds={["images"]}
      resultIcon={SparklesIcon}
      canUpload={Boolean(getEnv().PUBLIC_URL)}
      resultHint="Generated images appear here with zoom, download and what they cost."
    />
  );
}
