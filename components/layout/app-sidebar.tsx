"use client";

import { usePathname } from "next/navigation";
import { IntentLink } from "@/components/ui/intent-link";
import { cn } from "@/lib/utils/cn";
import { BrandMark } from "./brand-mark";
import { navItems } from "./nav-items";

export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  const groups = [
    { id: "create", label: "Create" },
    { id: "library", label: "Library" },
  ] as const;
  return (
    <nav aria-label="Main" className="flex flex-col gap-5 px-3">
      {groups.map((group) => (
        <div key={group.id} className="flex flex-col gap-0.5">
          <p className="text-muted-foreground px-2 pb-1 text-[11px] font-medium tracking-wider uppercase">
            {group.label}
          </p>
          {navItems
            .filter((item) => item.group === group.id)
            .map((item) => {
              const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <IntentLink
                  key={item.href}
                  href={item.href}
                  onClick={onNavigate}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "text-sidebar-foreground hover:bg-sidebar-accent/70 hover:text-sidebar-accent-foreground focus-visible:ring-ring/50 flex h-9 items-center gap-2.5 rounded-md px-2 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px]",
                    active && "bg-sidebar-accent text-sidebar-accent-foreground",
                  )}
                >
                  <item.icon
                    className={cn("size-4", active ? "text-primary" : "text-muted-foreground")}
                  />
                  {item.label}
                </IntentLink>
              );
            })}
        </div>
      ))}
    </nav>
  );
}

export function AppSidebar({ footer }: { footer?: React.ReactNode }) {
  return (
    <aside className="border-sidebar-border bg-sidebar sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r md:flex">
      <div className="flex h-14 items-center px-5">
        <BrandMark />
      </div>
      <div className="flex-1 overflow-y-auto py-3">
        <SidebarNav />
      </div>
      {footer ? <div className="border-sidebar-border border-t p-3">{footer}</div> : null}
    </aside>
  );
}
