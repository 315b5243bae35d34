"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AlertCircleIcon,
  CheckIcon,
  CopyIcon,
  KeySquareIcon,
  LoaderCircleIcon,
} from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { accountKeys, tokensQuery } from "./account-queries";
import { apiFetch } from "@/lib/queries/api-fetch";
import { createdAppTokenSchema, revokedAppTokenSchema } from "@/lib/schemas/account";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

function NewToken({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert variant="success" className="flex-col" data-testid="new-token">
      <p className="font-medium">Copy your token now. It will not be shown again.</p>
      <div className="flex w-full items-center gap-2">
        <code
          className="bg-background min-w-0 flex-1 truncate rounded-md border px-2 py-1.5 font-mono text-xs"
          data-testid="new-token-value"
        >
          {token}
        </code>
        <Button
          size="sm"
          variant="outline"
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true));
          }}
        >
          {copied ? <CheckIcon /> : <CopyIcon />} {copied ? "Copied" : "Copy"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </Alert>
  );
}

export function TokensCard({ baseUrl }: { baseUrl: string }) {
  const queryClient = useQueryClient();
  const { data, isPending, error } = useQuery(tokensQuery);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (tokenName: string) =>
      apiFetch("/api/v1/tokens", createdAppTokenSchema, {
        method: "POST",
        json: { name: tokenName },
      }),
    onSuccess: ({ token }) => {
      setCreated(token);
      setName("");
      void queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/v1/tokens/${encodeURIComponent(id)}`, revokedAppTokenSchema, {
        method: "DELETE",
      }),
    onSuccess: () => {
      toast.success("Token revoked");
      void queryClient.invalidateQueries({ queryKey: accountKeys.tokens });
    },
  });
  const active = data?.tokens.filter((t) => !t.revokedAt) ?? [];

  return (
    <Card data-testid="tokens">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <KeySquareIcon className="text-primary size-4" /> App tokens
        </CardTitle>
        <CardDescription>
          Let scripts and OpenAI-compatible SDKs use this Studio as their API in One endpoint (
          <code className="font-mono text-xs">{baseUrl}</code>) without holding your key.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {created ? <NewToken token={created} onDone={() => setCreated(null)} /> : null}
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(name);
          }}
        >
          <Label htmlFor="token-name">New token</Label>
          <div className="flex gap-2">
            <Input
              id="token-name"
              placeholder="e.g. CI pipeline"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={64}
            />
            <Button type="submit" disabled={!name.trim() || create.isPending}>
              {create.isPending ? <LoaderCircleIcon className="animate-spin" /> : null}
              Create
            </Button>
          </div>
        </form>
        {create.error || revoke.error ? (
          <Alert variant="destructive">
            <AlertCircleIcon />
            <span>{(create.error ?? revoke.error)?.message}</span>
          </Alert>
        ) : null}
        {isPending ? (
          <Skeleton className="h-20" />
        ) : error ? (
          <Alert variant="destructive">
            <AlertCircleIcon />
            <span>{error.message}</span>
          </Alert>
        ) : active.length === 0 ? (
          <p className="text-muted-foreground rounded-lg border border-dashed px-4 py-6 text-center text-sm">
            No tokens yet.
          </p>
        ) : (
          <ul className="divide-y rounded-lg border" aria-label="Your app tokens">
            {active.map((t) => (
              <li
                key={t.id}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5"
              >
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">{t.name}</p>
                  <p className="text-muted-foreground text-xs">
                    <code className="font-mono">{t.prefix}…</code> · created{" "}
                    {dateFormat.format(new Date(t.createdAt))}
                    {t.lastUsedAt
                      ? ` · last used ${dateFormat.format(new Date(t.lastUsedAt))}`
                      : " · never used"}
                  </p>
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  className="text-destructive hover:text-destructive"
                  onClick={() => revoke.mutate(t.id)}
                  disabled={revoke.isPending}
                  aria-label={`Revoke ${t.name}`}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
        {data && data.tokens.length > active.length ? (
          <Badge variant="outline" className="self-start">
            {data.tokens.length - active.length} revoked
          </Badge>
        ) : null}
      </CardContent>
    </Card>
  );
}
