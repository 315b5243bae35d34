import { BrandMark } from "@/components/layout/brand-mark";
import { ThemeToggle } from "@/components/layout/theme-toggle";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="from-background to-muted/60 flex min-h-dvh flex-col bg-gradient-to-b">
      <header className="flex h-14 items-center justify-between px-4 md:px-6">
        <BrandMark />
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[8vh] pb-12">
        <div className="w-full max-w-sm">{children}</div>
      </main>
    </div>
  );
}
