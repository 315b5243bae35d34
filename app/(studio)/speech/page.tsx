import { AudioLinesIcon, Volume2Icon } from "lucide-react";
import type { Metadata } from "next";
import { GeneratePage } from "@/components/generate/generate-page";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Speech" };

export default function SpeechPage() {
  return (
    <GeneratePage
      title="Speech"
      description="Write a dialogue, give each line a voice, and hear it in one take."
      icon={AudioLinesIcon}
      routeIds={["speech"]}
      resultIcon={Volume2Icon}
      canUpload={Boolean(getEnv().PUBLIC_URL)}
      resultHint="The spoken dialogue plays here, priced by its length."
    />
  );
}
