"use client";

import { ThemeProvider } from "next-themes";

/**
 * What every page shares, signed in or not: the theme. The query client and the toasts belong to
 * the signed-in pages (StudioProviders), so the sign-in pages do not download them.
 */
export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      {children}
    </ThemeProvider>
  );
}
