"use client";

import { ChevronDownIcon, CornerDownRightIcon } from "lucide-react";
import { DropdownMenu } from "radix-ui";
import { Fragment, useMemo } from "react";
import { Button } from "@/components/ui/button";
import type { OutputKind } from "@/lib/catalog";
import { inputTargets } from "./input-targets";
import { IntentLink } from "@/components/ui/intent-link";

/** A menu of the models that take this output (an image or a video) as an input. */
export function UseAsInputMenu({
  output,
  url,
  label,
}: {
  output: OutputKind;
  url: string;
  /** Which output, for the accessible name when there are several. */
  label: string;
}) {
  const targets = useMemo(() => inputTargets(output, url), [output, url]);
  const groups = useMemo(() => {
    const byGroup = new Map<string, typeof targets>();
    for (const t of targets) byGroup.set(t.group, [...(byGroup.get(t.group) ?? []), t]);
    return byGroup;
  }, [targets]);
  if (targets.length === 0) return null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button
          variant="outline"
          size="sm"
          aria-label={`Use as input: ${label}`}
          data-testid="use-as-input"
        >
          <CornerDownRightIcon aria-hidden /> Use as input
          <ChevronDownIcon aria-hidden className="opacity-60" />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          collisionPadding={8}
          className="bg-popover text-popover-foreground data-[state=open]:animate-in data-[state=open]:fade-in-0 z-50 max-h-[var(--radix-dropdown-menu-content-available-height)] min-w-56 overflow-y-auto rounded-md border p-1 shadow-md"
        >
          {[...groups.entries()].map(([group, items], i) => (
            <Fragment key={group}>
              {i > 0 ? <DropdownMenu.Separator className="bg-border -mx-1 my-1 h-px" /> : null}
              <DropdownMenu.Group>
                <DropdownMenu.Label className="text-muted-foreground px-2 py-1.5 text-xs font-medium">
                  {group}
                </DropdownMenu.Label>
                {items.map((target) => (
                  <DropdownMenu.Item key={target.model.slug} asChild>
                    <IntentLink
                      href={target.href}
                      className="focus:bg-accent focus:text-accent-foreground flex cursor-default items-center justify-between gap-3 rounded-sm px-2 py-1.5 text-sm outline-none select-none"
                      data-testid={`input-target-${target.model.slug}`}
                    >
                      {target.model.label}
                      {target.fieldLabel !== "Image" && target.fieldLabel !== "Video" ? (
                        <span className="text-muted-foreground text-xs">{target.fieldLabel}</span>
                      ) : null}
                    </IntentLink>
                  </DropdownMenu.Item>
                ))}
              </DropdownMenu.Group>
            </Fragment>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
