import { LockIcon } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { RegisterForm } from "@/components/auth/register-form";
import { Alert } from "@/components/ui/alert";
import { getEnv } from "@/lib/env";
import { getSessionUser } from "@/lib/server/auth/session";
import { IntentLink } from "@/components/ui/intent-link";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function RegisterPage() {
  if (await getSessionUser()) redirect("/images");
  const open = getEnv().AUTH_REGISTRATION === "open";
  return (
    <AuthCard
      title="Create an account"
      description="Your tasks, chats and API key stay yours on this server."
      footer={
        <>
          Already have an account?{" "}
          <IntentLink
            href="/login"
            className="text-foreground font-medium underline underline-offset-4"
          >
            Sign in
          </IntentLink>
        </>
      }
    >
      {open ? (
        <RegisterForm />
      ) : (
        <Alert>
          <LockIcon />
          <span>
            Registration is closed on this server. Ask an administrator to create an account for
            you.
          </span>
        </Alert>
      )}
    </AuthCard>
  );
}
