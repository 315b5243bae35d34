import { BrandMark } from "./brand-mark";
import { demoBadgeSlotId } from "./demo-badge-slot";
import { HeaderSpend } from "./header-spend";
import { MobileNav } from "./mobile-nav";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function AppHeader({
  user,
}: {
  user: { email: string; name: string | null; isAdmin: boolean };
}) {
  return (
    <header className="bg-background/85 supports-[backdrop-filter]:bg-background/70 sticky top-0 z-30 flex h-14 items-center gap-2 border-b px-3 backdrop-blur md:px-6">
      <MobileNav />
      <div className="md:hidden">
        <BrandMark />
      </div>
      <div className="ml-auto flex items-center gap-1">
        <span id={demoBadgeSlotId} className="contents" />
        <HeaderSpend />
        <ThemeToggle />
        <UserMenu email={user.email} name={user.name} isAdmin={user.isAdmin} />
      </div>
    </header>
  );
}
