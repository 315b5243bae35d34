"use client";

import { CheckIcon, CopyIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { apiKeyVariable, toCurl, toPython, toTypeScript } from "@/lib/code-export";

const languages = [
  { id: "curl", label: "curl", make: toCurl },
  { id: "typescript", label: "TypeScript", make: toTypeScript },
  { id: "python", label: "Python", make: toPython },
] as const;

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!copied && !failed) return;
    const timer = setTimeout(() => {
      setCopied(false);
      setFailed(false);
    }, 1600);
    return () => clearTimeout(timer);
  }, [copied, failed]);
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      className="bg-card/90 h-7 px-2 text-xs backdrop-blur"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setFailed(true),
        );
      }}
      aria-label={copied ? "Copied" : `Copy ${label}`}
    >
      {copied ? <CheckIcon className="text-success" /> : <CopyIcon />}
      <span aria-live="polite">{copied ? "Copied" : failed ? "Copy failed" : "Copy"}</span>
    </Button>
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
  const [language, setLanguage] = useState<string>("curl");
  const active = snippets.find((s) => s.id === language) ?? snippets[0];
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
              data-testid={`code-${s.id}`}
              tabIndex={0}
              aria-label={`${s.label} request`}
            >
              <code>{s.code}</code>
            </pre>
          </TabsContent>
        ))}
      </Tabs>
    </div>
  );
}
