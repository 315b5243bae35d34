"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AlertCircleIcon,
  CheckCircle2Icon,
  KeyRoundIcon,
  LoaderCircleIcon,
  Trash2Icon,
} from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { accountKeys, apiKeyQuery } from "./account-queries";
import { apiFetch } from "@/lib/queries/api-fetch";
import { keyStatusSchema, type KeyStatus } from "@/lib/schemas/account";

const modeLabels = {
  "user-key": { text: "Your key", variant: "success" },
  "server-key": { text: "Server-wide key", variant: "secondary" },
  demo: { text: "Demo — built-in simulator", variant: "warning" },
} as const;

export function KeyVaultCard() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data, isPending, error } = useQuery(apiKeyQuery);
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState(false);
  const onSaved = (next: KeyStatus) => {
    queryClient.setQueryData(accountKeys.apiKey, next);
    // The demo banner is rendered on the server and depends on the mode.
    router.refresh();
  };
  const save = useMutation({
    mutationFn: (key: string) =>
      apiFetch("/api/v1/keys", keyStatusSchema, { method: "PUT", json: { key } }),
    onSuccess: (next) => {
      onSaved(next);
      setDraft("");
      setEditing(false);
      toast.success("Key checked and saved");
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch("/api/v1/keys", keyStatusSchema, { method: "DELETE" }),
    onSuccess: (next) => {
      onSaved(next);
      toast.success("Key removed");
    },
  });

  const showForm = data && (!data.key || editing);
  return (
    <Card data-testid="key-vault">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <KeyRoundIcon className="text-primary size-4" /> API in One key
        </CardTitle>
        <CardDescription>
          Stored encrypted on this server. The browser never sees it again.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {isPending ? (
          <Skeleton className="h-16" />
        ) : error ? (
          <Alert variant="destructive">
            <AlertCircleIcon />
            <span>{error.message}</span>
          </Alert>
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="text-muted-foreground text-sm">Calls go to</span>
              <Badge variant={modeLabels[data.mode].variant} data-testid="key-mode">
                {modeLabels[data.mode].text}
              </Badge>
            </div>
            {data.key ? (
              <div className="bg-background flex flex-wrap items-center justify-between gap-3 rounded-lg border px-3 py-2.5">
                <div className="flex min-w-0 items-center gap-2">
                  <code className="font-mono text-sm" data-testid="masked-key">
                    {data.key.masked}
                  </code>
                  {data.key.verifiedAt ? (
                    <Badge variant="success">
                      <CheckCircle2Icon /> verified
                    </Badge>
                  ) : null}
                </div>
                <div className="flex gap-1">
                  <Button variant="ghost" size="sm" onClick={() => setEditing((v) => !v)}>
                    {editing ? "Cancel" : "Replace"}
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    className="text-destructive hover:text-destructive"
                    onClick={() => remove.mutate()}
                    disabled={remove.isPending}
                  >
                    <Trash2Icon /> Remove
                  </Button>
                </div>
              </div>
            ) : null}
            {showForm ? (
              <form
                className="flex flex-col gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  save.mutate(draft);
                }}
              >
                <Label htmlFor="api-key">{data.key ? "New key" : "Your key"}</Label>
                <div className="flex gap-2">
                  <Input
                    id="api-key"
                    type="password"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="aio_…"
                    value={draft}
                    onChange={(e) => setDraft(e.target.value)}
                    aria-invalid={save.isError || undefined}
                  />
                  <Button type="submit" disabled={!draft.trim() || save.isPending}>
                    {save.isPending ? <LoaderCircleIcon className="animate-spin" /> : null}
                    {save.isPending ? "Checking…" : "Check & save"}
                  </Button>
                </div>
                <p className="text-muted-foreground text-xs">
                  We check it with a free status lookup before saving; nothing is charged.
                </p>
              </form>
            ) : null}
            {save.error || remove.error ? (
              <Alert variant="destructive" data-testid="key-error">
                <AlertCircleIcon />
                <span>{(save.error ?? remove.error)?.message}</span>
              </Alert>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
