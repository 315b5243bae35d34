import { cn } from "@/lib/utils/cn";

const sizes = {
  // In a list or a panel: a quiet line.
  sm: { badge: "size-10 [&_svg]:size-5", title: "text-sm font-medium", text: "text-xs" },
  // A page section or card.
  md: { badge: "size-12 [&_svg]:size-5", title: "text-lg font-medium", text: "text-sm" },
  // A whole page (not found).
  lg: {
    badge: "size-14 [&_svg]:size-7",
    title: "text-xl font-semibold tracking-tight",
    text: "text-sm",
  },
} as const;

/**
 * "Nothing here" with what to do next: an icon in a soft circle, a title, a sentence and optional
 * actions — one shape for every empty list, page and panel.
 */
export function EmptyState({
  icon,
  title,
  children,
  actions,
  size = "md",
  heading: Heading = "p",
  className,
  ...props
}: {
  /** An icon element (e.g. `<CoinsIcon />`): sized here, hidden from screen readers. */
  icon: React.ReactNode;
  title: React.ReactNode;
  children?: React.ReactNode;
  actions?: React.ReactNode;
  size?: keyof typeof sizes;
  /** The title's element: a page's h1, a section's h2, or a plain paragraph inside a card. */
  heading?: "h1" | "h2" | "h3" | "p";
} & Omit<React.ComponentProps<"div">, "title">) {
  const s = sizes[size];
  return (
    <div
      className={cn("flex flex-col items-center justify-center gap-3 text-center", className)}
      {...props}
    >
      <span
        className={cn(
          "bg-muted text-muted-foreground grid place-items-center rounded-full",
          s.badge,
        )}
      >
        {icon}
      </span>
      <div className="flex flex-col items-center gap-1">
        <Heading className={s.title}>{title}</Heading>
        {children ? (
          <p className={cn("text-muted-foreground max-w-md", s.text)}>{children}</p>
        ) : null}
      </div>
      {actions ? <div className="flex flex-wrap justify-center gap-2">{actions}</div> : null}
    </div>
  );
}
