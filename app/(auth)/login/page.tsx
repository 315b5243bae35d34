import { KeyRoundIcon } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInWithOidc } from "@/app/(auth)/actions";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { Button } from "@/components/ui/button";
import { getEnv } from "@/lib/env";
import { oidcProviderInfo } from "@/lib/server/auth/auth";
import { getSessionUser } from "@/lib/server/auth/session";
import { IntentLink } from "@/components/ui/intent-link";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const errorMessages: Record<string, string> = {
  registration_closed:
    "Registration is closed on this server, and no account exists for that sign-in.",
  oidc_no_email: "Your identity provider did not share an email address.",
  OAuthCallbackError: "Single sign-on did not complete. Try again.",
  AccessDenied: "This account cannot sign in here.",
  Configuration: "Sign-in is misconfigured on this server. Ask an administrator.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  if (await getSessionUser()) redirect("/images");
  const { callbackUrl, error } = await searchParams;
  const oidc = oidcProviderInfo();
  const registrationOpen = getEnv().AUTH_REGISTRATION === "open";
  const safeCallback =
    callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/images";
  return (
    <AuthCard
      title="Sign in"
      description="Welcome back to API in One Studio."
      footer={
        registrationOpen ? (
          <>
            New here?{" "}
            <IntentLink
              href="/register"
              className="text-foreground font-medium underline underline-offset-4"
            >
              Create an account
            </IntentLink>
          </>
        ) : (
          "Accounts on this server are created by an administrator."
        )
      }
    >
      <LoginForm
        callbackUrl={safeCallback}
        initialError={error ? (errorMessages[error] ?? "Sign-in failed. Try again.") : undefined}
      />
      {oidc ? (
        <>
          <div className="text-muted-foreground flex items-center gap-3 text-xs">
            <span className="bg-border h-px flex-1" /> or <span className="bg-border h-px flex-1" />
          </div>
          <form action={signInWithOidc}>
            <input type="hidden" name="callbackUrl" value={safeCallback} />
            <Button type="submit" variant="outline" className="w-full">
              <KeyRoundIcon /> Continue with {oidc.name}
            </Button>
          </form>
        </>
      ) : null}
    </AuthCard>
  );
}
