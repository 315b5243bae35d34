import {
  AudioLinesIcon,
  ChartColumnStackedIcon,
  ClapperboardIcon,
  Columns3Icon,
  ImageIcon,
  LayoutGridIcon,
  MessagesSquareIcon,
  MusicIcon,
  SettingsIcon,
  WandSparklesIcon,
  type LucideIcon,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  description: string;
  icon: LucideIcon;
  group: "create" | "library";
}

export const navItems: readonly NavItem[] = [
  {
    href: "/images",
    label: "Images",
    icon: ImageIcon,
    group: "create",
    description: "Text-to-image and image editing with Flux, Seedream, Imagen, Ideogram and more.",
  },
  {
    href: "/videos",
    label: "Videos",
    icon: ClapperboardIcon,
    group: "create",
    description: "Text- and image-to-video with Kling, Seedance, Hailuo and Grok.",
  },
  {
    href: "/music",
    label: "Music",
    icon: MusicIcon,
    group: "create",
    description: "Songs with lyrics or instrumentals from Suno and MiniMax.",
  },
  {
    href: "/speech",
    label: "Speech",
    icon: AudioLinesIcon,
    group: "create",
    description: "Multi-speaker dialogue with ElevenLabs v3.",
  },
  {
    href: "/tools",
    label: "Tools",
    icon: WandSparklesIcon,
    group: "create",
    description: "Background removal, face swap, upscaling and video background removal.",
  },
  {
    href: "/compare",
    label: "Compare",
    icon: Columns3Icon,
    group: "create",
    description: "One prompt on up to four models side by side, with a blind mode.",
  },
  {
    href: "/chat",
    label: "Chat",
    icon: MessagesSquareIcon,
    group: "create",
    description: "Streaming chat with Gemini: reasoning, tools and JSON mode.",
  },
  {
    href: "/gallery",
    label: "Gallery",
    icon: LayoutGridIcon,
    group: "library",
    description: "Every task you have run, with its outputs and cost.",
  },
  {
    href: "/usage",
    label: "Usage",
    icon: ChartColumnStackedIcon,
    group: "library",
    description: "What your runs cost: credits by day and by model.",
  },
  {
    href: "/settings",
    label: "Settings",
    icon: SettingsIcon,
    group: "library",
    description: "Your API in One key, app tokens and this server's configuration.",
  },
];
