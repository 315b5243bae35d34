import Link from "next/link";

export function BrandMark() {
  return (
    <Link
      href="/"
      className="flex items-center gap-2 rounded-md font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
    >
      <span
        aria-hidden
        className="grid size-7 place-items-center rounded-lg bg-gradient-to-br from-primary to-fuchsia-500 text-[13px] font-bold text-primary-foreground shadow-sm"
      >
        1
      </span>
      <span className="text-[15px]">
        API in One <span className="text-muted-foreground">Studio</span>
      </span>
    </Link>
  );
}
