import { DatabaseIcon, SettingsIcon } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { KeyVaultCard } from "@/components/settings/key-vault-card";
import { TokensCard } from "@/components/settings/tokens-card";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { getEnv } from "@/lib/env";
import { requirePageUser } from "@/lib/server/auth/session";
import { getDatabase } from "@/lib/server/db";
import { ensureInstalledAt } from "@/lib/server/db/meta";
import { pageOrigin } from "@/lib/server/public-origin";
import { checkUpstreamKey, getUpstreamClient } from "@/lib/server/upstream-target";

export const metadata: Metadata = { title: "Settings" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
      <dt className="text-muted-foreground text-sm">{label}</dt>
      <dd className="min-w-0 text-sm font-medium break-all sm:text-right">{children}</dd>
    </div>
  );
}

const keyCheckLabels = {
  valid: { text: "Reachable · key accepted", variant: "success" },
  invalid: { text: "Key rejected (401)", variant: "destructive" },
  unreachable: { text: "Unreachable", variant: "destructive" },
} as const;

async function UpstreamStatus({ userId }: { userId: string }) {
  const { client, target } = await getUpstreamClient(userId);
  const label = keyCheckLabels[await checkUpstreamKey(client)];
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      <span className="text-muted-foreground font-mono text-xs">
        {target.mode === "demo" ? "embedded simulator" : new URL(target.baseUrl).host}
      </span>
      <Badge variant={label.variant} data-testid="upstream-status">
        {label.text}
      </Badge>
    </span>
  );
}

async function studioBaseUrl(): Promise<string> {
  return `${await pageOrigin()}/api/v1`;
}

export default async function SettingsPage() {
  const user = await requirePageUser();
  const env = getEnv();
  const database = await getDatabase();
  const installedAt = await ensureInstalledAt(database.db);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your API in One key, tokens for scripts, and how this server keeps your data."
        icon={SettingsIcon}
      />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <div className="flex flex-col gap-6">
          <KeyVaultCard />
          <TokensCard baseUrl={await studioBaseUrl()} />
        </div>
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <DatabaseIcon className="text-primary size-4" /> Server
            </CardTitle>
            <CardDescription>Where your calls go and where your data lives.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="divide-y" data-testid="server-facts">
              <Row label="Upstream">
                <Suspense fallback={<Skeleton className="ml-auto h-5 w-48" />}>
                  <UpstreamStatus userId={user.id} />
                </Suspense>
              </Row>
              <Row label="Database">
                {database.kind === "pglite"
                  ? "Built into this Studio"
                  : "A separate Postgres server"}
              </Row>
              <Row label="Your data">Kept on this server</Row>
              <Row label="Installed">
                <time dateTime={installedAt.toISOString()} data-testid="installed-at">
                  {installedAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
              </Row>
              <Row label="Registration">{env.AUTH_REGISTRATION === "open" ? "Open" : "Closed"}</Row>
            </dl>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
