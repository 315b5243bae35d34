"use client";

import { useMemo } from "react";
import { CodeTabs } from "@/components/generate/code-panel";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { routes, type RouteId } from "@/lib/catalog";
import {
  studioTarget,
  toCurlPolling,
  toPythonPolling,
  toTypeScriptPolling,
  upstreamTarget,
  type ApiTarget,
} from "@/lib/code-export";
import { IntentLink } from "@/components/ui/intent-link";

const languages = [
  { id: "curl", label: "curl", make: toCurlPolling },
  { id: "typescript", label: "TypeScript", make: toTypeScriptPolling },
  { id: "python", label: "Python", make: toPythonPolling },
] as const;

function Variable({ name }: { name: string }) {
  return <code className="bg-muted rounded px-1 py-0.5 font-mono text-xs">{name}</code>;
}

function Snippets({
  id,
  target,
  path,
  body,
}: {
  id: string;
  target: ApiTarget;
  path: string;
  body: Record<string, unknown>;
}) {
  const snippets = useMemo(
    () => languages.map((lang) => ({ ...lang, code: lang.make(path, body, target) })),
    [path, body, target],
  );
  return <CodeTabs snippets={snippets} testIdPrefix={`code-${id}`} what="program" />;
}

/**
 * The task's request as a program that creates it again, waits for it and prints the output URLs:
 * against API in One with your key, or against this Studio with an app token.
 */
export function TaskCode({
  route,
  body,
  studioOrigin,
}: {
  route: RouteId;
  body: Record<string, unknown>;
  studioOrigin: string;
}) {
  const studio = useMemo(() => studioTarget(studioOrigin), [studioOrigin]);
  const path = routes[route].path;
  return (
    <Tabs defaultValue="upstream" className="flex min-w-0 flex-col gap-3" data-testid="task-code">
      <TabsList aria-label="Send to" className="self-start">
        <TabsTrigger value="upstream">API in One</TabsTrigger>
        <TabsTrigger value="studio" data-testid="code-target-studio">
          This Studio
        </TabsTrigger>
      </TabsList>
      <TabsContent value="upstream" className="flex min-w-0 flex-col gap-3">
        <p className="text-muted-foreground text-sm">
          Runs this request again on API in One, checks its status every few seconds and prints the
          output URLs. Set <Variable name={upstreamTarget.keyVariable} /> to your API key (and{" "}
          <Variable name={upstreamTarget.baseUrlVariable} /> to use another server). The curl
          version needs <Variable name="jq" />.
        </p>
        <Snippets id="upstream" target={upstreamTarget} path={path} body={body} />
      </TabsContent>
      <TabsContent value="studio" className="flex min-w-0 flex-col gap-3">
        <p className="text-muted-foreground text-sm">
          The same through this Studio&apos;s <Variable name="/api/v1" />: the task is kept here
          with your others. Set <Variable name={studio.keyVariable} /> to an app token from{" "}
          <IntentLink
            href="/settings"
            className="text-foreground font-medium underline underline-offset-4"
          >
            Settings
          </IntentLink>
          .
        </p>
        <Snippets id="studio" target={studio} path={path} body={body} />
      </TabsContent>
    </Tabs>
  );
}
