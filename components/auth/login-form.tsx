"use client";

import { AlertCircleIcon, LoaderCircleIcon } from "lucide-react";
import { useActionState } from "react";
import { signInWithPassword, type AuthFormState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "./form-field";

export function LoginForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl?: string;
  initialError?: string;
}) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInWithPassword, {
    error: initialError,
  });
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.error ? (
        <Alert variant="destructive" data-testid="form-error">
          <AlertCircleIcon />
          <span>{state.error}</span>
        </Alert>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/images"} />
      <FormField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        defaultValue={state.email}
        autoFocus
      />
      <FormField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <LoaderCircleIcon className="animate-spin" /> : null}
        Sign in
      </Button>
    </form>
  );
}
