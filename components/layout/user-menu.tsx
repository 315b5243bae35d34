"use client";

import { LogOutIcon, SettingsIcon, ShieldIcon } from "lucide-react";
import { DropdownMenu as Menu } from "radix-ui";
import { signOutAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { DropdownMenuContent } from "@/components/ui/dropdown-menu";
import { IntentLink } from "@/components/ui/intent-link";

const itemClass =
  "flex w-full cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none select-none focus:bg-accent focus:text-accent-foreground [&_svg]:size-4 [&_svg]:text-muted-foreground";

export function UserMenu({
  email,
  name,
  isAdmin,
}: {
  email: string;
  name: string | null;
  isAdmin: boolean;
}) {
  const initial = (name || email).trim().charAt(0).toUpperCase();
  return (
    <Menu.Root>
      <Menu.Trigger asChild>
        <Button variant="ghost" size="icon" aria-label="Account menu" className="rounded-full">
          <span className="bg-primary/15 text-primary grid size-8 place-items-center rounded-full text-sm font-semibold">
            {initial}
          </span>
        </Button>
      </Menu.Trigger>
      <DropdownMenuContent align="end" className="w-60">
        <div className="px-2 py-1.5">
          {name ? <p className="truncate text-sm font-medium">{name}</p> : null}
          <p className="text-muted-foreground truncate text-xs" data-testid="signed-in-email">
            {email}
          </p>
          {isAdmin ? (
            <p className="text-muted-foreground mt-1 inline-flex items-center gap-1 text-xs">
              <ShieldIcon className="size-3" /> Administrator
            </p>
          ) : null}
        </div>
        <Menu.Separator className="bg-border -mx-1 my-1 h-px" />
        <Menu.Item asChild className={itemClass}>
          <IntentLink href="/settings">
            <SettingsIcon /> Settings
          </IntentLink>
        </Menu.Item>
        <Menu.Item className={itemClass} onSelect={() => void signOutAction()}>
          <LogOutIcon /> Sign out
        </Menu.Item>
      </DropdownMenuContent>
    </Menu.Root>
  );
}
