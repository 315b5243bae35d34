import { AudioWaveformIcon, MusicIcon } from "lucide-react";
import type { Metadata } from "next";
import { GeneratePage } from "@/components/generate/generate-page";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Music" };

export default function MusicPage() {
  return (
    <GeneratePage
      title="Music"
      description="Songs from a description or your own lyrics, with vocals or instrumental."
      icon={MusicIcon}
      routeIds={["music"]}
      resultIcon={AudioWaveformIcon}
      canUpload={Boolean(getEnv().PUBLIC_URL)}
      resultHint="Each Suno run yields two takes; both play here."
    />
  );
}
