import { ClapperboardIcon, FilmIcon } from "lucide-react";
import type { Metadata } from "next";
import { GeneratePage } from "@/components/generate/generate-page";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Videos" };

export default function VideosPage() {
  return (
    <GeneratePage
      title="Videos"
      description="Text-to-video and image-to-video. Long jobs keep running on the server while you work elsewhere."
      icon={ClapperboardIcon}
      routeIds={["videos"]}
      resultIcon={FilmIcon}
      canUpload={Boolean(getEnv().PUBLIC_URL)}
      resultHint="Finished videos play here; progress and remaining time show while they render."
    />
  );
}
