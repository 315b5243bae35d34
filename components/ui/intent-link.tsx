"use client";

// A link that prefetches its page when the reader reaches for it (pointer over it, focus, a touch)
// rather than when it scrolls into view. Every Studio page is rendered per request, so a prefetch
// is a server render: on sight, each page view asked for the ten sections of the sidebar (twenty
// requests), and a scroll through the gallery for every task it passed.
// The one place next/link is used directly.
// eslint-disable-next-line no-restricted-imports
import Link from "next/link";
import { useRouter } from "next/navigation";

type IntentLinkProps = Omit<React.ComponentProps<typeof Link>, "href" | "prefetch"> & {
  href: string;
};

export function IntentLink({
  href,
  onPointerEnter,
  onFocus,
  onTouchStart,
  ...props
}: IntentLinkProps) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onPointerEnter={(event) => {
        prefetch();
        onPointerEnter?.(event);
      }}
      onFocus={(event) => {
        prefetch();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        prefetch();
        onTouchStart?.(event);
      }}
    />
  );
}
