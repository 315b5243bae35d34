import { DatabaseIcon, KeyRoundIcon, SettingsIcon } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getEnv } from "@/lib/env";
import { getDatabase } from "@/lib/server/db";
import { ensureInstalledAt } from "@/lib/server/db/meta";
import { getUpstreamMode } from "@/lib/server/upstream-mode";

export const metadata: Metadata = { title: "Settings" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
      <dt className="text-muted-foreground text-sm">{label}</dt>
      <dd className="min-w-0 text-sm font-medium break-all sm:text-right">{children}</dd>
    </div>
  );
}

export default async function SettingsPage() {
  const env = getEnv();
  const mode = getUpstreamMode();
  const database = await getDatabase();
  const installedAt = await ensureInstalledAt(database.db);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Where your calls go, and how this server keeps your data."
        icon={SettingsIcon}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <KeyRoundIcon className="text-primary size-4" /> API in One key
            </CardTitle>
            <CardDescription>
              The key stays on this server; the browser never sees it.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="divide-y">
              <Row label="Mode">
                {mode.kind === "demo" ? (
                  <Badge variant="warning">Demo — built-in simulator</Badge>
                ) : (
                  <Badge variant="success">Server-wide key (AIO_API_KEY)</Badge>
                )}
              </Row>
              <Row label="Upstream">
                <code className="font-mono text-xs">
                  {mode.kind === "demo" ? "embedded simulator" : mode.baseUrl}
                </code>
              </Row>
            </dl>
            {mode.kind === "demo" ? (
              <p className="bg-muted text-muted-foreground mt-3 rounded-md p-3 text-sm">
                To call the real API in One, set{" "}
                <code className="font-mono text-xs">AIO_API_KEY</code> in{" "}
                <code className="font-mono text-xs">.env</code> and restart. Personal keys per
                account are coming to this page.
              </p>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <DatabaseIcon className="text-primary size-4" /> Server
            </CardTitle>
            <CardDescription>Storage for tasks, results and accounts.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="divide-y" data-testid="server-facts">
              <Row label="Database">
                {database.kind === "pglite" ? "Embedded Postgres (PGlite)" : "Postgres server"}
              </Row>
              <Row label="Location">
                <code className="font-mono text-xs">{database.location}</code>
              </Row>
              <Row label="Data directory">
                <code className="font-mono text-xs">{env.dataDir}</code>
              </Row>
              <Row label="Installed">
                <time dateTime={installedAt.toISOString()} data-testid="installed-at">
                  {installedAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
              </Row>
            </dl>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
