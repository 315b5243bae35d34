import { AppHeader } from "@/components/layout/app-header";
import { AppSidebar } from "@/components/layout/app-sidebar";
import { DemoBanner } from "@/components/layout/demo-banner";
import { StudioProviders } from "@/components/providers/studio-providers";
import { requirePageUser } from "@/lib/server/auth/session";
import { resolveUserUpstreamMode } from "@/lib/server/upstream-target";

export const dynamic = "force-dynamic";

export default async function StudioLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const mode = await resolveUserUpstreamMode(user.id);
  return (
    <StudioProviders userId={user.id}>
      <div className="flex min-h-dvh has-[[data-fill-height]]:h-dvh">
        <AppSidebar />
        <div className="flex min-w-0 flex-1 flex-col">
          <AppHeader user={{ email: user.email, name: user.name, isAdmin: user.isAdmin }} />
          {mode === "demo" ? <DemoBanner /> : null}
          <main className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 has-[[data-fill-height]]:min-h-0 has-[[data-fill-height]]:max-w-none has-[[data-fill-height]]:p-0 md:px-8 md:py-8">
            {children}
          </main>
        </div>
      </div>
    </StudioProviders>
  );
}
