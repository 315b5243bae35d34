import { FlaskConicalIcon } from "lucide-react";
import Link from "next/link";

export function DemoBanner() {
  return (
    <div
      role="status"
      data-testid="demo-banner"
      className="bg-warning text-warning-foreground flex flex-wrap items-center gap-x-2 gap-y-1 border-b px-4 py-2 text-sm md:px-6"
    >
      <FlaskConicalIcon className="size-4 shrink-0" aria-hidden />
      <span className="font-medium">Demo mode — simulated results.</span>
      <span className="text-warning-foreground/80">
        No API in One key is configured, so every call goes to the built-in simulator and costs
        nothing.
      </span>
      <Link
        href="/settings"
        className="focus-visible:ring-ring/50 rounded-sm font-medium underline underline-offset-4 outline-none focus-visible:ring-[3px]"
      >
        Add your key in Settings
      </Link>
    </div>
  );
}
