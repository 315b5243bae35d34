"use client";

import { TriangleAlertIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { apiKeyVariable, toCurl, toPython, toTypeScript } from "@/lib/code-export";

const languages = [
  { id: "curl", label: "curl", make: toCurl },
  { id: "typescript", label: "TypeScript", make: toTypeScript },
  { id: "python", label: "Python", make: toPython },
] as const;

export interface Snippet {
  id: string;
  label: string;
  code: string;
}

/**
 * Code in several languages as tabs, with a copy button for the one shown. Used by the form's
 * code panel and by a task's page.
 */
export function CodeTabs({
  snippets,
  testIdPrefix,
  what,
}: {
  snippets: readonly Snippet[];
  /** Each block's test id is `<prefix>-<language id>`. */
  testIdPrefix: string;
  /** What the code is, for the blocks' accessible names ("request", "program"). */
  what: string;
}) {
  const [language, setLanguage] = useState<string>(snippets[0]?.id ?? "");
  const active = snippets.find((s) => s.id === language) ?? snippets[0];
  return (
    <Tabs value={language} onValueChange={setLanguage} className="flex min-w-0 flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <TabsList aria-label="Language">
          {snippets.map((s) => (
            <TabsTrigger key={s.id} value={s.id} className="px-2.5 sm:px-3">
              {s.label}
            </TabsTrigger>
          ))}
        </TabsList>
        {active ? <CopyButton text={active.code} label={active.label} /> : null}
      </div>
      {snippets.map((s) => (
        <TabsContent key={s.id} value={s.id} className="min-w-0 rounded-lg">
          <pre
            className="bg-muted/60 max-h-[28rem] overflow-auto rounded-lg border p-3 font-mono text-xs leading-relaxed"
            data-testid={`${testIdPrefix}-${s.id}`}
            tabIndex={0}
            aria-label={`${s.label} ${what}`}
          >
            <code>{s.code}</code>
          </pre>
        </TabsContent>
      ))}
    </Tabs>
  );
}

/** The exact request the form would send, as code, updated as the form changes. */
export function CodePanel({
  path,
  body,
  issue,
}: {
  path: string;
  body: Record<string, unknown>;
  /** Set while the form would refuse this body: the code is shown, with a warning. */
  issue?: string;
}) {
  const snippets = useMemo(
    () => languages.map((lang) => ({ ...lang, code: lang.make(path, body) })),
    [path, body],
  );
  return (
    <div className="flex min-w-0 flex-col gap-3" data-testid="code-panel">
      <p className="text-muted-foreground text-sm">
        The same request against API in One. Set{" "}
        <code className="bg-muted rounded px-1 py-0.5 font-mono text-xs">{apiKeyVariable}</code> to
        your API key first.
      </p>
      {issue ? (
        <p className="border-warning-foreground/20 bg-warning text-warning-foreground flex items-start gap-2 rounded-md border px-3 py-2 text-xs">
          <TriangleAlertIcon className="mt-px size-3.5 shrink-0" aria-hidden />
          <span>
            Not valid yet: <span className="font-mono">{issue}</span>
          </span>
        </p>
      ) : null}
      <CodeTabs snippets={snippets} testIdPrefix="code" what="request" />
    </div>
  );
}
