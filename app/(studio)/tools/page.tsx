import { ScissorsIcon, WandSparklesIcon } from "lucide-react";
import type { Metadata } from "next";
import { GeneratePage } from "@/components/generate/generate-page";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Tools" };

export default function ToolsPage() {
  return (
    <GeneratePage
      title="Tools"
      description="One-step edits on images and videos you already have."
      icon={WandSparklesIcon}
      routeIds={["remove-bg", "face-swap", "upscale", "video-bg-remover"]}
      resultIcon={ScissorsIcon}
      canUpload={Boolean(getEnv().PUBLIC_URL)}
      resultHint="Cut-outs, swaps and upscales appear here next to their source."
    />
  );
}
