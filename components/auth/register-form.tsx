"use client";

import { AlertCircleIcon, LoaderCircleIcon } from "lucide-react";
import { useActionState } from "react";
import { register, type AuthFormState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "./form-field";

export function RegisterForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(register, {});
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.error ? (
        <Alert variant="destructive" data-testid="form-error">
          <AlertCircleIcon />
          <span>{state.error}</span>
        </Alert>
      ) : null}
      <FormField
        id="name"
        name="name"
        label="Name (optional)"
        autoComplete="name"
        error={state.fieldErrors?.name}
      />
      <FormField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        defaultValue={state.email}
        error={state.fieldErrors?.email}
      />
      <FormField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        error={state.fieldErrors?.password}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <LoaderCircleIcon className="animate-spin" /> : null}
        Create account
      </Button>
    </form>
  );
}
