import { IntentLink } from "@/components/ui/intent-link";

export function BrandMark() {
  return (
    <IntentLink
      href="/images"
      className="focus-visible:ring-ring/50 flex items-center gap-2 rounded-md font-semibold tracking-tight outline-none focus-visible:ring-[3px]"
    >
      <span
        aria-hidden
        className="from-primary text-primary-foreground grid size-7 place-items-center rounded-lg bg-gradient-to-br to-fuchsia-500 text-[13px] font-bold shadow-sm"
      >
        1
      </span>
      <span className="text-[15px]">
        API in One <span className="text-muted-foreground">Studio</span>
      </span>
    </IntentLink>
  );
}
